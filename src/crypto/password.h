// Password and recovery-code hashing with Argon2id, and the common-password check.
//
// Thread-safety: safe from any thread; a process-wide semaphore bounds concurrent Argon2id
// runs.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace interlude::crypto {

// Argon2id with libsodium's interactive preset (64 MiB, 2 passes). At most one hash or
// verification per core runs at a time; others wait, so a burst of sign-ins cannot take
// more than cores x 64 MiB of memory.

// Returns a self-describing Argon2id string ($argon2id$v=19$m=...). Internal on allocation
// failure (out of memory).
Result<std::string> HashPassword(std::string_view password);

// True when `password` matches `hash` (constant time within libsodium).
bool VerifyPassword(std::string_view hash, std::string_view password);

// Checks the password policy: at least 10 characters, at most 256 bytes, not a common
// password. Returns InvalidArgument with field "password" and a sentence saying why.
Status CheckPasswordPolicy(std::string_view password);

}  // namespace interlude::crypto
