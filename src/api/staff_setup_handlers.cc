// A clinician's (or admin's) own set-up: with the one-time code a clinic admin gave them,
// they choose their password and enrol their second factor, so nobody else ever holds
// either. Public (no session); failures are throttled like sign-in failures. No session is
// opened: the person then signs in with the password and a code from the authenticator
// app, which proves the app works.
//
// Thread-safety: the handler may run on many threads; uses of set-up codes are serialised
// within the process (a code is used at most once by this process).
#include <mutex>

#include "api/account_service.h"
#include "api/handlers.h"
#include "api/login_throttle.h"
#include "api/two_factor.h"
#include "api/user_json.h"
#include "base/log.h"
#include "crypto/password.h"

namespace interlude::api {
namespace {

constexpr size_t kMaxCodeChars = 64;  // a set-up code, typed loosely

// One set-up at a time, so two requests with the same code cannot both pass the check
// before the first clears it.
std::mutex& SetupMutex() {
  static std::mutex mutex;
  return mutex;
}

Status WrongCode() {
  return Status(StatusCode::kUnauthenticated,
                "that set-up code does not match: it may be mistyped, used or expired; ask your "
                "clinic admin for a new account if it has expired",
                "code");
}

}  // namespace

// POST /auth/setup {login, code, password} -> 200 {otpauth_uri, secret, recovery_codes}.
Result<Reply> HandleStaffSetup(ApiDeps& deps, RequestContext& ctx) {
  ObjectReader reader(ctx.body);
  ASSIGN_OR_RETURN(const std::string login, reader.RequiredString("login", kMaxLoginChars));
  ASSIGN_OR_RETURN(const std::string code, reader.RequiredString("code", kMaxCodeChars));
  ASSIGN_OR_RETURN(const std::string password,
                   reader.RequiredString("password", kMaxPasswordChars));
  RETURN_IF_ERROR(reader.Finish());
  // The same rules as a new account's password (field "password"); the policy is public, so
  // checking it first tells nothing about the account.
  RETURN_IF_ERROR(crypto::CheckPasswordPolicy(password));

  const auto found = FindAccountByLogin(deps, login);
  if (!found.ok() && found.status().code() != StatusCode::kNotFound) return found.status();
  const ThrottleKeys keys = MakeThrottleKeys(deps, found.ok() ? found->id : "",
                                             CanonicalLogin(login), ctx.request.remote_address);
  auto attempt = BeginThrottledAttempt(deps, keys, deps.options.login_max_failures,
                                       deps.options.login_max_failures_per_address,
                                       &ctx.retry_after_seconds);
  if (!attempt.ok()) {
    Log(LogLevel::kWarn, "setup.throttled", {{"request", LogId(ctx.request_id)}});
    return attempt.status();
  }

  const std::lock_guard<std::mutex> lock(SetupMutex());
  // Read again under the lock: a set-up that finished meanwhile has cleared the code.
  Result<store::UserRecord> user = found;
  if (found.ok()) {
    user = deps.store.users().FindById(found->id);
    if (!user.ok() && user.status().code() != StatusCode::kNotFound) return user.status();
  }
  const store::UserRecord* account = user.ok() ? &*user : nullptr;
  if (!SetupCodeMatches(account, code, deps.clock.NowMillis())) {
    RETURN_IF_ERROR(RecordLoginFailure(deps, keys));
    Log(LogLevel::kInfo, "setup.failed", {{"request", LogId(ctx.request_id)}});
    return WrongCode();
  }

  // The password first (ending any other session), then the code is spent, then the second
  // factor: a failure after the password leaves an account the operator can finish with
  // `interlude user two-factor-reset`, never a code that works twice.
  ASSIGN_OR_RETURN(const std::string hash, crypto::HashPassword(password));
  RETURN_IF_ERROR(deps.store.users().SetPasswordEndingOtherSessions(user->id, hash, ""));
  RETURN_IF_ERROR(deps.store.users().SetRecoveryHash(user->id, ""));
  RETURN_IF_ERROR(
      deps.store.users().SetSettings(user->id, SettingsWithoutSetup(user->settings_json)));
  ASSIGN_OR_RETURN(const crypto::SecretKey key, deps.vault.DataKey(*user));
  ASSIGN_OR_RETURN(const Json user_json, UserToJson(deps.vault, *user, key));
  const std::string label =
      user_json["email"].is_string() ? user_json["email"].get<std::string>() : user->handle;
  ASSIGN_OR_RETURN(const TwoFactorEnrolment enrolment,
                   EnrolTwoFactor(deps.store, deps.vault, *user, key, label,
                                  deps.clock.NowMillis()));
  RETURN_IF_ERROR(RecordLoginSuccess(deps, keys));
  Log(LogLevel::kInfo, "account.setup_done", {{"user", LogId(user->id)}});
  return JsonReply(200, Json{{"otpauth_uri", enrolment.otpauth_uri},
                             {"secret", enrolment.secret_base32},
                             {"recovery_codes", enrolment.recovery_codes}});
}

}  // namespace interlude::api
