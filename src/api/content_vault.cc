// Envelope encryption of user content.
#include "api/content_vault.h"

#include "base/random.h"
#include "crypto/aead.h"
#include "crypto/master_key.h"
#include "crypto/tokens.h"

namespace interlude::api {
namespace {

constexpr char kKeyCheckPlaintext[] = "interlude master key check v1";
constexpr char kKeyCheckAd[] = "interlude/meta/key_check";

std::string AssociatedData(std::string_view table, const std::string& row_id,
                           const std::string& user_id) {
  std::string ad;
  ad.reserve(table.size() + row_id.size() + user_id.size() + 2);
  ad.append(table).append("|").append(row_id).append("|").append(user_id);
  return ad;
}

}  // namespace

ContentVault::NewKey ContentVault::CreateDataKey(const std::string& user_id) const {
  NewKey k{crypto::SecretKey::Random(), {}};
  k.wrapped = crypto::WrapDataKey(master_, k.key, user_id);
  return k;
}

Result<crypto::SecretKey> ContentVault::DataKey(const store::UserRecord& user) const {
  if (user.wrapped_key.empty()) return FailedPrecondition("this account has been deleted");
  return crypto::UnwrapDataKey(master_, user.wrapped_key, user.id);
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

crypto::SecretKey ContentVault::IndexKey() const {
  return crypto::DeriveSubkey(master_, 1, "blindidx");
}

crypto::SecretKey ContentVault::AuditKey() const {
  return crypto::DeriveSubkey(master_, 2, "auditlog");
}

std::string ContentVault::MakeKeyCheck() const {
  const std::string sealed = crypto::Seal(master_, kKeyCheckPlaintext, kKeyCheckAd);
  return ToHex({reinterpret_cast<const std::uint8_t*>(sealed.data()), sealed.size()});
}

bool ContentVault::VerifyKeyCheck(const std::string& check_hex) const {
  std::string check;
  if (!FromHex(check_hex, check)) return false;
  const auto opened = crypto::Open(master_, check, kKeyCheckAd);
  return opened.ok() && *opened == kKeyCheckPlaintext;
}

}  // namespace interlude::api
