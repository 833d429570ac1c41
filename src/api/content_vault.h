// ContentVault: seals and opens a user's content under their data key, binding each value
// to its table, row id and user id (so ciphertext cannot be moved between rows or users).
//
// Thread-safety: stateless apart from the immutable master key; safe to share.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "crypto/secret_key.h"
#include "store/records.h"

namespace interlude::api {

class ContentVault {
 public:
  explicit ContentVault(crypto::SecretKey master) : master_(std::move(master)) {}

  // A new random data key for a new user, wrapped under the master key.
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

  // A key derived from the master key for blind indexes (e-mail look-up, throttle keys).
  crypto::SecretKey IndexKey() const;
  // A key derived from the master key that chains the access log's lines (api/client_access).
  crypto::SecretKey AuditKey() const;

  // Proves at start that this is the master key the database was written with: a sealed
  // check value (hex) is stored on first use and must open afterwards.
  std::string MakeKeyCheck() const;
  bool VerifyKeyCheck(const std::string& check_hex) const;

 private:
  crypto::SecretKey master_;
};

}  // namespace interlude::api
