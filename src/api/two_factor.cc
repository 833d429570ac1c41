// Second-factor enrolment and checks (TOTP secrets sealed per user, recovery codes as keyed
// hashes).
#include "api/two_factor.h"

#include <array>

#include "base/log.h"
#include "base/random.h"
#include "crypto/tokens.h"
#include "crypto/totp.h"

namespace interlude::api {
namespace {

constexpr char kTwoFactorTable[] = "two_factor";
constexpr char kIssuer[] = "Interlude";
constexpr size_t kSecretBytes = 20;  // 160 bits, as RFC 4226 recommends for HMAC-SHA1
constexpr int kRecoveryCodes = 10;

Status TotpRefused(std::string message) {
  return Status(StatusCode::kUnauthenticated, std::move(message), "totp");
}

std::string RecoveryHash(const ContentVault& vault, std::string_view code) {
  return crypto::KeyedIndex(vault.IndexKey(), "two_factor:" + crypto::CanonicalRecoveryCode(code));
}

// Ten fresh codes and their hashes.
void NewCodes(const ContentVault& vault, std::vector<std::string>& codes,
              std::vector<std::string>& hashes) {
  codes.clear();
  hashes.clear();
  for (int i = 0; i < kRecoveryCodes; ++i) {
    codes.push_back(crypto::NewRecoveryCode());
    hashes.push_back(RecoveryHash(vault, codes.back()));
  }
}

// `code` without spaces when it is six digits ("123 456" as some apps show it), else "".
std::string AsTotpCode(const std::string& code) {
  std::string digits;
  for (const char c : code) {
    if (c == ' ') continue;
    if (c < '0' || c > '9') return {};
    digits.push_back(c);
  }
  return digits.size() == static_cast<size_t>(crypto::kTotpDigits) ? digits : std::string();
}

}  // namespace

bool NeedsSecondFactor(store::Role role) {
  return role == store::Role::kClinician || role == store::Role::kAdmin;
}

Result<TwoFactorEnrolment> EnrolTwoFactor(store::Store& store, const ContentVault& vault,
                                          const store::UserRecord& user,
                                          const crypto::SecretKey& data_key,
                                          const std::string& login, UnixMillis now,
                                          const std::optional<std::string>& fixed_secret_base32) {
  std::string secret;
  if (fixed_secret_base32) {
    auto decoded = crypto::Base32Decode(*fixed_secret_base32);
    if (!decoded || decoded->size() < 10) {
      return InvalidArgument("the two-factor secret must be base32 of at least 10 bytes",
                             "secret");
    }
    secret = std::move(*decoded);
  } else {
    std::array<std::uint8_t, kSecretBytes> bytes{};
    FillRandom(bytes);
    secret.assign(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  }
  TwoFactorEnrolment enrolment;
  enrolment.secret_base32 = crypto::Base32Encode(secret);
  enrolment.otpauth_uri = crypto::OtpauthUri(kIssuer, login, enrolment.secret_base32);

  store::TwoFactorRecord record;
  record.user_id = user.id;
  record.secret_sealed = vault.Seal(data_key, kTwoFactorTable, user.id, user.id, secret);
  record.created_at = now;
  NewCodes(vault, enrolment.recovery_codes, record.recovery_hashes);
  RETURN_IF_ERROR(store.two_factor().Put(record));
  Log(LogLevel::kInfo, "two_factor.enrolled", {{"user", LogId(user.id)}});
  return enrolment;
}

Result<std::vector<std::string>> ReplaceRecoveryCodes(store::Store& store,
                                                      const ContentVault& vault,
                                                      const std::string& user_id) {
  std::vector<std::string> codes;
  std::vector<std::string> hashes;
  NewCodes(vault, codes, hashes);
  RETURN_IF_ERROR(store.two_factor().SetRecoveryCodes(user_id, hashes));
  Log(LogLevel::kInfo, "two_factor.recovery_codes_replaced", {{"user", LogId(user_id)}});
  return codes;
}

Status VerifySecondFactor(ApiDeps& deps, const store::UserRecord& user,
                          const crypto::SecretKey& data_key, const std::string& code) {
  auto record = deps.store.two_factor().Get(user.id);
  if (!record.ok()) {
    if (record.status().code() != StatusCode::kNotFound) return record.status();
    return TotpRefused("two-factor sign-in is not set up for this account; ask your clinic's "
                       "administrator to set it up");
  }
  const std::string digits = AsTotpCode(code);
  if (!digits.empty()) {
    ASSIGN_OR_RETURN(const std::string secret,
                     deps.vault.Open(data_key, kTwoFactorTable, user.id, user.id,
                                     record->secret_sealed));
    const auto step = crypto::VerifyTotp(secret, digits, deps.clock.NowMillis() / 1000);
    if (!step) {
      return TotpRefused("that code is not right; check the time on your phone and try the "
                         "current code");
    }
    const Status accepted = deps.store.two_factor().AcceptStep(user.id, *step);
    if (accepted.code() == StatusCode::kFailedPrecondition) {
      return TotpRefused("that code was already used; wait for the next one");
    }
    return accepted;
  }
  // A recovery code: find it among the unused ones (comparing hashes in constant time), then
  // use it up in one commit, so two sign-ins racing with one code cannot both pass.
  const std::string hash = RecoveryHash(deps.vault, code);
  bool known = false;
  for (const std::string& unused : record->recovery_hashes) {
    known = crypto::ConstantTimeEquals(unused, hash) || known;
  }
  const Status used = known ? deps.store.two_factor().UseRecoveryCode(user.id, hash)
                            : NotFound("no such recovery code");
  if (used.code() == StatusCode::kNotFound) {
    return TotpRefused("that code is not right; enter the 6-digit code from your "
                       "authenticator app or an unused recovery code");
  }
  if (used.ok()) {
    Log(LogLevel::kInfo, "two_factor.recovery_code_used", {{"user", LogId(user.id)}});
  }
  return used;
}

}  // namespace interlude::api
