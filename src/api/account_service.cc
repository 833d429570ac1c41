// Account creation and credential checks.
#include "api/account_service.h"

#include "api/handle_generator.h"
#include "api/user_json.h"
#include "base/ascii.h"
#include "base/random.h"
#include "base/time_format.h"
#include "crypto/password.h"
#include "crypto/tokens.h"

namespace interlude::api {
namespace {

std::string EmailIndex(const ApiDeps& deps, const std::string& normalized_email) {
  return crypto::KeyedIndex(deps.vault.IndexKey(), "email:" + normalized_email);
}

// A real Argon2id hash of a random secret, for verifications that must take the usual time
// but cannot succeed.
const std::string& DummyHash() {
  static const std::string hash = [] {
    auto h = crypto::HashPassword(crypto::NewSessionToken());
    return h.ok() ? *h : std::string();
  }();
  return hash;
}

// The settings key holding the end of a staff account's pending set-up (ISO 8601).
constexpr char kSetupExpiresKey[] = "setup_expires_at";

Status EmailTaken() {
  return AlreadyExists("an account with that e-mail already exists; try signing in", "email");
}

}  // namespace

Result<store::UserRecord> CreateAccount(ApiDeps& deps, const NewAccount& spec) {
  store::UserRecord user;
  user.role = spec.role;
  user.clinic_id = spec.clinic_id;
  if (!spec.country.empty()) {
    RETURN_IF_ERROR(ValidateCountry(spec.country));
    user.country = spec.country;
  }
  // An account is anonymous (a recovery code), an e-mail with a password, or a clinician's
  // or admin's e-mail with a set-up code (the password comes later, chosen by the person).
  const bool anonymous = !spec.recovery_code.empty();
  const bool awaiting_setup = !spec.setup_code.empty();
  if (awaiting_setup && (spec.role == store::Role::kClient || anonymous)) {
    return InvalidArgument("only clinicians and admins are set up with a code", "role");
  }
  if (awaiting_setup && !spec.password.empty()) {
    return InvalidArgument("the person chooses their own password when they set up their account",
                           "password");
  }
  std::string email;
  if (!anonymous || !spec.email.empty()) {
    ASSIGN_OR_RETURN(email, NormalizeEmail(spec.email));
    user.email_index = EmailIndex(deps, email);
  }
  if ((!anonymous && !awaiting_setup) || !spec.password.empty()) {
    RETURN_IF_ERROR(crypto::CheckPasswordPolicy(spec.password));
  }
  if (!email.empty() && deps.store.users().FindByEmailIndex(user.email_index).ok()) {
    return EmailTaken();
  }
  if (!spec.password.empty()) {
    ASSIGN_OR_RETURN(user.password_hash, crypto::HashPassword(spec.password));
  }
  if (!spec.recovery_code.empty()) {
    ASSIGN_OR_RETURN(user.recovery_hash,
                     crypto::HashPassword(crypto::CanonicalRecoveryCode(spec.recovery_code)));
  }
  if (awaiting_setup) {
    // A staff account's recovery_hash is its set-up code (SecretMatches ignores it).
    ASSIGN_OR_RETURN(user.recovery_hash,
                     crypto::HashPassword(crypto::CanonicalRecoveryCode(spec.setup_code)));
    user.settings_json = Json{{kSetupExpiresKey, FormatIso8601(spec.setup_expires_at)}}.dump();
  }
  user.id = NewId();
  user.created_at = deps.clock.NowMillis();
  const ContentVault::NewKey key = deps.vault.CreateDataKey(user.id);
  user.wrapped_key = key.wrapped;
  if (!email.empty()) {
    user.email_sealed = deps.vault.Seal(key.key, kEmailTable, user.id, user.id, email);
  }
  for (int attempt = 0;; ++attempt) {
    user.handle = NewHandle();
    const Status st = deps.store.users().Create(user);
    if (st.ok()) return user;
    if (st.code() == StatusCode::kAlreadyExists && st.field() == "email") return EmailTaken();
    if (st.code() != StatusCode::kAlreadyExists || st.field() != "handle" || attempt == 8) {
      return st;
    }
  }
}

std::string CanonicalLogin(const std::string& login) {
  if (login.find('@') != std::string::npos) {
    auto email = NormalizeEmail(login);
    return email.ok() ? *email : AsciiLower(TrimAscii(login));
  }
  std::string handle;
  for (const char c : AsciiLower(login)) {
    if (c != ' ') handle.push_back(c);
  }
  return handle;
}

Result<store::UserRecord> FindAccountByLogin(ApiDeps& deps, const std::string& login) {
  const std::string canonical = CanonicalLogin(login);
  if (canonical.find('@') != std::string::npos) {
    if (!NormalizeEmail(canonical).ok()) return NotFound("no such account");
    return deps.store.users().FindByEmailIndex(EmailIndex(deps, canonical));
  }
  if (!LooksLikeHandle(canonical)) return NotFound("no such account");
  return deps.store.users().FindByHandle(canonical);
}

bool SecretMatches(const store::UserRecord* user, const std::string& secret) {
  const std::string& dummy = DummyHash();
  const bool has_password = user != nullptr && !user->password_hash.empty();
  // Only a client signs in with a recovery code; a staff account's is a set-up code.
  const bool has_recovery =
      user != nullptr && user->role == store::Role::kClient && !user->recovery_hash.empty();
  const bool password_ok =
      crypto::VerifyPassword(has_password ? user->password_hash : dummy, secret) && has_password;
  const bool recovery_ok =
      crypto::VerifyPassword(has_recovery ? user->recovery_hash : dummy,
                             crypto::CanonicalRecoveryCode(secret)) &&
      has_recovery;
  return password_ok || recovery_ok;
}

std::optional<UnixMillis> PendingSetupExpiry(const store::UserRecord& user) {
  if (user.role == store::Role::kClient || user.recovery_hash.empty() ||
      !user.password_hash.empty()) {
    return std::nullopt;
  }
  const Json settings = Json::parse(user.settings_json, nullptr, /*allow_exceptions=*/false);
  if (!settings.is_object()) return std::nullopt;
  const auto it = settings.find(kSetupExpiresKey);
  if (it == settings.end() || !it->is_string()) return std::nullopt;
  auto expires = ParseIso8601(it->get<std::string>());
  if (!expires.ok()) return std::nullopt;
  return *expires;
}

bool SetupCodeMatches(const store::UserRecord* user, const std::string& code, UnixMillis now) {
  std::optional<UnixMillis> expires;
  if (user != nullptr && !user->disabled && !user->wrapped_key.empty()) {
    expires = PendingSetupExpiry(*user);
  }
  const bool pending = expires.has_value() && now < *expires;
  const bool matches = crypto::VerifyPassword(pending ? user->recovery_hash : DummyHash(),
                                              crypto::CanonicalRecoveryCode(code));
  return matches && pending;
}

Status ReplaceSetupCode(ApiDeps& deps, const store::UserRecord& user, const std::string& code,
                        UnixMillis expires_at) {
  if (!PendingSetupExpiry(user)) {
    return FailedPrecondition("this account is already set up");
  }
  ASSIGN_OR_RETURN(const std::string hash,
                   crypto::HashPassword(crypto::CanonicalRecoveryCode(code)));
  Json settings = Json::parse(user.settings_json, nullptr, /*allow_exceptions=*/false);
  if (!settings.is_object()) settings = Json::object();
  settings[kSetupExpiresKey] = FormatIso8601(expires_at);
  // The expiry first: should the second write fail, the old code only lives longer.
  RETURN_IF_ERROR(deps.store.users().SetSettings(user.id, settings.dump()));
  return deps.store.users().SetRecoveryHash(user.id, hash);
}

std::string SettingsWithoutSetup(const std::string& settings_json) {
  Json settings = Json::parse(settings_json, nullptr, /*allow_exceptions=*/false);
  if (!settings.is_object()) return "{}";
  settings.erase(kSetupExpiresKey);
  return settings.dump();
}

}  // namespace interlude::api
