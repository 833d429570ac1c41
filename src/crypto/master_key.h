// The master key: loaded from INTERLUDE_MASTER_KEY (64 hex characters) or a key file in the
// data directory (mode 0600), and used only to wrap per-user data keys and derive subkeys.
//
// Thread-safety: pure functions; the returned key is an immutable value.
#pragma once

#include <string>

#include "base/status.h"
#include "crypto/secret_key.h"

namespace interlude::crypto {

inline constexpr char kMasterKeyEnv[] = "INTERLUDE_MASTER_KEY";
inline constexpr char kMasterKeyFile[] = "master.key";

// Writes a new random key to `path` (hex, mode 0600). Returns AlreadyExists, touching
// nothing, when the file exists; Internal when it cannot be written.
Status CreateMasterKeyFile(const std::string& path);

// Loads the key from `env_value` when it is set, otherwise from `path`. Returns
// FailedPrecondition with a sentence an operator can act on when it is missing, malformed
// or readable by others.
Result<SecretKey> LoadMasterKey(const std::string& path, const std::string* env_value);

// Wraps and unwraps a per-user data key under the master key, bound to the user id.
std::string WrapDataKey(const SecretKey& master, const SecretKey& data_key,
                        const std::string& user_id);
Result<SecretKey> UnwrapDataKey(const SecretKey& master, const std::string& wrapped,
                                const std::string& user_id);

}  // namespace interlude::crypto
