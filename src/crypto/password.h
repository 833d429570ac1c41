// Password and recovery-code hashing with Argon2id, and the common-password check.
//
// Thread-safety: pure functions (the common-password list is a static, immutable set).
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace interlude::crypto {

// Argon2id cost. kInteractive is libsodium's interactive preset (64 MiB, 2 passes);
// kModerate is for clinician and admin accounts.
enum class PasswordCost { kInteractive, kModerate };

// Returns a self-describing Argon2id string ($argon2id$v=19$m=...). Internal on allocation
// failure (out of memory).
Result<std::string> HashPassword(std::string_view password,
                                 PasswordCost cost = PasswordCost::kInteractive);

// True when `password` matches `hash` (constant time within libsodium).
bool VerifyPassword(std::string_view hash, std::string_view password);

// Checks the password policy: at least 10 characters, at most 256 bytes, not a common
// password. Returns InvalidArgument with field "password" and a sentence saying why.
Status CheckPasswordPolicy(std::string_view password);

}  // namespace interlude::crypto
