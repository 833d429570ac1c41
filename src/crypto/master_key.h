// The master key: loaded from INTERLUDE_MASTER_KEY (64 hex characters) or a key file in the
// data directory (mode 0600), and used only to wrap per-user data keys and derive subkeys.
//
// The key file holds a keyring: the first non-empty line is the current key (new data keys
// are wrapped under it), any following lines are previous keys that still open data keys
// wrapped before a rotation (`interlude keys rotate`). Every wrapped data key names the key
// that wrapped it by a short key id, so unwrapping picks the right one.
//
// Thread-safety: pure functions; the returned keys and keyrings are immutable values.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "crypto/secret_key.h"

namespace interlude::crypto {

inline constexpr char kMasterKeyEnv[] = "INTERLUDE_MASTER_KEY";
inline constexpr char kMasterKeyFile[] = "master.key";
inline constexpr size_t kKeyIdBytes = 8;

// The current key first, then previous keys (newest first). Never empty once loaded.
struct MasterKeyring {
  std::vector<SecretKey> keys;
  const SecretKey& current() const { return keys.front(); }
  // The key whose KeyId is `id`, or nullptr.
  const SecretKey* Find(const std::string& id) const;
};

// A short public name of a master key (kKeyIdBytes raw bytes, a keyed hash of the key): it
// tells which key wrapped a value without revealing anything about the key.
std::string KeyId(const SecretKey& master);

// Writes a new random key to `path` (hex, mode 0600). Returns AlreadyExists, touching
// nothing, when the file exists; Internal when it cannot be written.
Status CreateMasterKeyFile(const std::string& path);

// Atomically replaces `path` with `ring` (one hex key a line, mode 0600): writes
// `path`.tmp, fsyncs it, renames it over `path` and fsyncs the directory.
Status WriteKeyringFile(const std::string& path, const MasterKeyring& ring);

// Parses key-file text: one 64-hex-character key a line, blank lines ignored.
// FailedPrecondition naming `where` when a line is malformed or there is no key.
Result<MasterKeyring> ParseKeyring(const std::string& text, const std::string& where);

// Loads the key from `env_value` when it is set, otherwise from `path`. Returns
// FailedPrecondition with a sentence an operator can act on when it is missing, malformed
// or readable by others.
Result<MasterKeyring> LoadMasterKeyring(const std::string& path, const std::string* env_value);
// The current key of LoadMasterKeyring.
Result<SecretKey> LoadMasterKey(const std::string& path, const std::string* env_value);

// Wraps a per-user data key under `master`, bound to the user id; the result starts with a
// version byte and KeyId(master).
std::string WrapDataKey(const SecretKey& master, const SecretKey& data_key,
                        const std::string& user_id);
// Unwraps with the key of `ring` the wrapped value names (values from before key ids
// existed are tried with every key). DataLoss when no key opens it; NotFound when it names
// a key the ring does not hold (the caller may reload the keyring and retry).
Result<SecretKey> UnwrapDataKey(const MasterKeyring& ring, const std::string& wrapped,
                                const std::string& user_id);
Result<SecretKey> UnwrapDataKey(const SecretKey& master, const std::string& wrapped,
                                const std::string& user_id);

// The key id a wrapped data key names; empty for values wrapped before key ids existed.
std::string WrappedKeyId(const std::string& wrapped);

}  // namespace interlude::crypto
