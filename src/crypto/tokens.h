// Session tokens, recovery codes, token hashing and keyed lookup indexes.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "crypto/secret_key.h"

namespace interlude::crypto {

// 256 random bits, base64url without padding (43 characters).
std::string NewSessionToken();

// Hex BLAKE2b-256 of a token: what the store keeps, so a database leak yields no sessions.
std::string HashToken(std::string_view token);

// A recovery code shown once to an anonymous user: 80 random bits as four groups of four
// Crockford base32 characters, "7KQF-2M9D-XW4T-HB3C".
std::string NewRecoveryCode();

// Canonical form of a typed recovery code: upper case, no separators or spaces, with the
// Crockford confusables (O->0, I/L->1) folded. Other text passes through upper-cased.
std::string CanonicalRecoveryCode(std::string_view typed);

// Keyed hex BLAKE2b-256 of `value` under `key` (a "blind index": lets the store find a row
// by e-mail without holding the e-mail in clear).
std::string KeyedIndex(const SecretKey& key, std::string_view value);

// Derives a purpose-specific subkey (libsodium KDF); `context` is exactly 8 characters.
SecretKey DeriveSubkey(const SecretKey& master, std::uint64_t id, const char (&context)[9]);

}  // namespace interlude::crypto
