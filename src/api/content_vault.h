// ContentVault: seals and opens a user's content under their data key, binding each value
// to its table, row id and user id (so ciphertext cannot be moved between rows or users).
//
// Data keys are wrapped under the master keyring (crypto/master_key.h). When the vault was
// opened from a key file it follows `interlude keys rotate` without a restart: it re-reads
// the key file when its identity (inode, size, mtime) changed — checked at most once a
// second when wrapping a new key, and at once when it meets a wrapped key naming a key id it
// does not know. The blind-index and audit keys never change with rotation: they are derived
// from the first master key once and afterwards kept sealed in the database
// (SealStableKeys), so e-mail log-in and the audit chain survive rotations.
//
// Thread-safety: safe to share; the keyring is an immutable value swapped under a mutex.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "base/status.h"
#include "crypto/master_key.h"
#include "crypto/secret_key.h"
#include "store/records.h"

namespace interlude::api {

class ContentVault {
 public:
  // One master key, never reloaded; index and audit keys derived from it.
  explicit ContentVault(crypto::SecretKey master);
  // A keyring and the database's stable subkeys. `key_file` is re-read on rotation; empty
  // when the key came from the environment (never reloaded).
  ContentVault(crypto::MasterKeyring ring, crypto::SecretKey index_key,
               crypto::SecretKey audit_key, std::string key_file);

  // A new random data key for a new user, wrapped under the current master key.
  struct NewKey {
    crypto::SecretKey key;
    std::string wrapped;
  };
  NewKey CreateDataKey(const std::string& user_id) const;

  // The user's data key. FailedPrecondition once the key was shredded; DataLoss when the
  // wrapped key does not open (another master key, or corruption).
  Result<crypto::SecretKey> DataKey(const store::UserRecord& user) const;

  std::string Seal(const crypto::SecretKey& data_key, std::string_view table,
                   const std::string& row_id, const std::string& user_id,
                   std::string_view plaintext) const;
  Result<std::string> Open(const crypto::SecretKey& data_key, std::string_view table,
                           const std::string& row_id, const std::string& user_id,
                           std::string_view sealed) const;

  // A key for blind indexes (e-mail look-up, throttle keys); stable across rotations.
  crypto::SecretKey IndexKey() const { return index_key_; }
  // A key that chains the access log's lines (api/client_access); stable across rotations.
  crypto::SecretKey AuditKey() const { return audit_key_; }

  // Proves at start that this is the master key the database was written with: a sealed
  // check value (hex) is stored on first use and must open afterwards (with any key of
  // the keyring).
  std::string MakeKeyCheck() const;
  bool VerifyKeyCheck(const std::string& check_hex) const;

  // The keyring as of now (after a reload check).
  std::shared_ptr<const crypto::MasterKeyring> Keyring() const { return Ring(false); }

  // The derivations of the stable subkeys from the original master key.
  static crypto::SecretKey DeriveIndexKey(const crypto::SecretKey& master);
  static crypto::SecretKey DeriveAuditKey(const crypto::SecretKey& master);
  // The key check value under `master`, and whether `check_hex` opens with a key of `ring`.
  static std::string MakeKeyCheck(const crypto::SecretKey& master);
  static bool VerifyKeyCheck(const crypto::MasterKeyring& ring, const std::string& check_hex);
  // The index and audit keys sealed under `master` (hex of key id || sealed pair), for the
  // meta table, and opened again with the key of `ring` the value names.
  static std::string SealStableKeys(const crypto::SecretKey& master,
                                    const crypto::SecretKey& index_key,
                                    const crypto::SecretKey& audit_key);
  struct StableKeys {
    crypto::SecretKey index_key;
    crypto::SecretKey audit_key;
    std::string key_id;  // the master key they are sealed under
  };
  static Result<StableKeys> OpenStableKeys(const crypto::MasterKeyring& ring,
                                           const std::string& sealed_hex);

 private:
  std::shared_ptr<const crypto::MasterKeyring> Ring(bool force) const;

  const crypto::SecretKey index_key_;
  const crypto::SecretKey audit_key_;
  const std::string key_file_;
  mutable std::mutex mu_;
  mutable std::shared_ptr<const crypto::MasterKeyring> ring_;  // guarded by mu_
  mutable std::string file_stamp_;                              // guarded by mu_
  mutable std::chrono::steady_clock::time_point last_check_{};  // guarded by mu_
};

}  // namespace interlude::api
