// Authenticated encryption of content: XChaCha20-Poly1305 with associated data.
//
// A sealed value is nonce (24 random bytes) || ciphertext || tag (16 bytes). The associated
// data binds a ciphertext to where it belongs (table, row id, user id), so a sealed value
// copied into another row fails to open.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "crypto/secret_key.h"

namespace interlude::crypto {

// Encrypts `plaintext` under `key`, binding `associated_data`.
std::string Seal(const SecretKey& key, std::string_view plaintext,
                 std::string_view associated_data);

// Decrypts a value made by Seal. Returns DataLoss when the value is truncated, was altered,
// or was sealed under another key or other associated data.
Result<std::string> Open(const SecretKey& key, std::string_view sealed,
                         std::string_view associated_data);

}  // namespace interlude::crypto
