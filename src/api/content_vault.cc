// Envelope encryption of user content, and the master keyring that follows rotation.
#include "api/content_vault.h"

#include <sys/stat.h>

#include <algorithm>

#include "base/random.h"
#include "crypto/aead.h"
#include "crypto/tokens.h"

namespace interlude::api {
namespace {

constexpr char kKeyCheckPlaintext[] = "interlude master key check v1";
constexpr char kKeyCheckAd[] = "interlude/meta/key_check";
constexpr char kStableKeysAd[] = "interlude/meta/stable_subkeys";
constexpr auto kReloadInterval = std::chrono::seconds(1);

std::string AssociatedData(std::string_view table, const std::string& row_id,
                           const std::string& user_id) {
  std::string ad;
  ad.reserve(table.size() + row_id.size() + user_id.size() + 2);
  ad.append(table).append("|").append(row_id).append("|").append(user_id);
  return ad;
}

// What identifies one version of the key file ("" when it cannot be read).
std::string FileStamp(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  return std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" +
         std::to_string(st.st_mtim.tv_sec) + ":" + std::to_string(st.st_mtim.tv_nsec);
}

std::string Hex(const std::string& bytes) {
  return ToHex({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()});
}

}  // namespace

ContentVault::ContentVault(crypto::SecretKey master)
    : index_key_(DeriveIndexKey(master)),
      audit_key_(DeriveAuditKey(master)),
      ring_(std::make_shared<const crypto::MasterKeyring>(crypto::MasterKeyring{{master}})) {}

ContentVault::ContentVault(crypto::MasterKeyring ring, crypto::SecretKey index_key,
                           crypto::SecretKey audit_key, std::string key_file)
    : index_key_(std::move(index_key)),
      audit_key_(std::move(audit_key)),
      key_file_(std::move(key_file)),
      ring_(std::make_shared<const crypto::MasterKeyring>(std::move(ring))) {
  if (!key_file_.empty()) {
    file_stamp_ = FileStamp(key_file_);
    last_check_ = std::chrono::steady_clock::now();
  }
}

std::shared_ptr<const crypto::MasterKeyring> ContentVault::Ring(bool force) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (key_file_.empty()) return ring_;
  const auto now = std::chrono::steady_clock::now();
  if (!force && now - last_check_ < kReloadInterval) return ring_;
  last_check_ = now;
  const std::string stamp = FileStamp(key_file_);
  if (stamp.empty() || stamp == file_stamp_) return ring_;
  // A file that does not parse (being edited by hand) leaves the keyring as it was.
  auto reloaded = crypto::LoadMasterKeyring(key_file_, nullptr);
  if (reloaded.ok()) {
    ring_ = std::make_shared<const crypto::MasterKeyring>(std::move(*reloaded));
    file_stamp_ = stamp;
  }
  return ring_;
}

ContentVault::NewKey ContentVault::CreateDataKey(const std::string& user_id) const {
  NewKey k{crypto::SecretKey::Random(), {}};
  k.wrapped = crypto::WrapDataKey(Ring(false)->current(), k.key, user_id);
  return k;
}

Result<crypto::SecretKey> ContentVault::DataKey(const store::UserRecord& user) const {
  if (user.wrapped_key.empty()) return FailedPrecondition("this account has been deleted");
  auto key = crypto::UnwrapDataKey(*Ring(false), user.wrapped_key, user.id);
  if (key.ok() || key.status().code() != StatusCode::kNotFound) return key;
  // Wrapped under a key this process has not seen yet: a rotation is under way.
  key = crypto::UnwrapDataKey(*Ring(true), user.wrapped_key, user.id);
  if (!key.ok() && key.status().code() == StatusCode::kNotFound) {
    return DataLoss("the account's data key was wrapped under a master key that is not in "
                    "the key file");
  }
  return key;
}

std::string ContentVault::Seal(const crypto::SecretKey& data_key, std::string_view table,
                               const std::string& row_id, const std::string& user_id,
                               std::string_view plaintext) const {
  return crypto::Seal(data_key, plaintext, AssociatedData(table, row_id, user_id));
}

Result<std::string> ContentVault::Open(const crypto::SecretKey& data_key,
                                       std::string_view table, const std::string& row_id,
                                       const std::string& user_id,
                                       std::string_view sealed) const {
  return crypto::Open(data_key, sealed, AssociatedData(table, row_id, user_id));
}

crypto::SecretKey ContentVault::DeriveIndexKey(const crypto::SecretKey& master) {
  return crypto::DeriveSubkey(master, 1, "blindidx");
}

crypto::SecretKey ContentVault::DeriveAuditKey(const crypto::SecretKey& master) {
  return crypto::DeriveSubkey(master, 2, "auditlog");
}

std::string ContentVault::MakeKeyCheck() const { return MakeKeyCheck(Ring(false)->current()); }

bool ContentVault::VerifyKeyCheck(const std::string& check_hex) const {
  return VerifyKeyCheck(*Ring(false), check_hex);
}

std::string ContentVault::MakeKeyCheck(const crypto::SecretKey& master) {
  return Hex(crypto::Seal(master, kKeyCheckPlaintext, kKeyCheckAd));
}

bool ContentVault::VerifyKeyCheck(const crypto::MasterKeyring& ring,
                                  const std::string& check_hex) {
  std::string check;
  if (!FromHex(check_hex, check)) return false;
  for (const crypto::SecretKey& key : ring.keys) {
    const auto opened = crypto::Open(key, check, kKeyCheckAd);
    if (opened.ok() && *opened == kKeyCheckPlaintext) return true;
  }
  return false;
}

std::string ContentVault::SealStableKeys(const crypto::SecretKey& master,
                                         const crypto::SecretKey& index_key,
                                         const crypto::SecretKey& audit_key) {
  std::string pair(reinterpret_cast<const char*>(index_key.data()), crypto::kKeyBytes);
  pair.append(reinterpret_cast<const char*>(audit_key.data()), crypto::kKeyBytes);
  const std::string sealed = crypto::KeyId(master) + crypto::Seal(master, pair, kStableKeysAd);
  std::fill(pair.begin(), pair.end(), '\0');
  return Hex(sealed);
}

Result<ContentVault::StableKeys> ContentVault::OpenStableKeys(const crypto::MasterKeyring& ring,
                                                              const std::string& sealed_hex) {
  std::string sealed;
  if (!FromHex(sealed_hex, sealed) || sealed.size() < crypto::kKeyIdBytes) {
    return DataLoss("the stored index and audit keys are damaged");
  }
  const std::string id = sealed.substr(0, crypto::kKeyIdBytes);
  const crypto::SecretKey* master = ring.Find(id);
  if (master == nullptr) {
    return NotFound("the stored index and audit keys are sealed under a master key that is "
                    "not in the key file");
  }
  ASSIGN_OR_RETURN(std::string pair, crypto::Open(*master, std::string_view(sealed).substr(
                                                               crypto::kKeyIdBytes),
                                                  kStableKeysAd));
  if (pair.size() != 2 * crypto::kKeyBytes) return DataLoss("the stored index and audit keys are damaged");
  StableKeys keys;
  crypto::SecretKey::FromBytes(
      {reinterpret_cast<const std::uint8_t*>(pair.data()), crypto::kKeyBytes}, keys.index_key);
  crypto::SecretKey::FromBytes(
      {reinterpret_cast<const std::uint8_t*>(pair.data()) + crypto::kKeyBytes, crypto::kKeyBytes},
      keys.audit_key);
  keys.key_id = id;
  std::fill(pair.begin(), pair.end(), '\0');
  return keys;
}

}  // namespace interlude::api
