// Account creation and credential checks.
#include "api/account_service.h"

#include "api/handle_generator.h"
#include "api/user_json.h"
#include "base/ascii.h"
#include "base/random.h"
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
  // An account is either anonymous (a recovery code) or an e-mail with a password.
  const bool anonymous = !spec.recovery_code.empty();
  std::string email;
  if (!anonymous || !spec.email.empty()) {
    ASSIGN_OR_RETURN(email, NormalizeEmail(spec.email));
    user.email_index = EmailIndex(deps, email);
  }
  if (!anonymous || !spec.password.empty()) {
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
  const bool has_recovery = user != nullptr && !user->recovery_hash.empty();
  const bool password_ok =
      crypto::VerifyPassword(has_password ? user->password_hash : dummy, secret) && has_password;
  const bool recovery_ok =
      crypto::VerifyPassword(has_recovery ? user->recovery_hash : dummy,
                             crypto::CanonicalRecoveryCode(secret)) &&
      has_recovery;
  return password_ok || recovery_ok;
}

}  // namespace interlude::api
