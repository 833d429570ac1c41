// Starting an account (anonymous or e-mail), signing in and out.
#include "api/account_service.h"
#include "api/handlers.h"
#include "api/login_throttle.h"
#include "api/sessions.h"
#include "api/two_factor.h"
#include "api/user_json.h"
#include "base/log.h"
#include "crypto/tokens.h"

namespace interlude::api {
namespace {

constexpr size_t kMaxTotpChars = 64;  // a 6-digit code or a recovery code, typed loosely

// Answers with {user, token, ...extra} and the session cookie.
Result<Reply> SessionReply(ApiDeps& deps, RequestContext& ctx, const store::UserRecord& user,
                           int status, Json extra) {
  ASSIGN_OR_RETURN(const NewSession session, BeginSession(deps, user, ctx.request.tls));
  ASSIGN_OR_RETURN(const crypto::SecretKey key, deps.vault.DataKey(user));
  ASSIGN_OR_RETURN(Json user_json, UserToJson(deps.vault, user, key));
  Json body = std::move(extra);
  body["user"] = std::move(user_json);
  body["token"] = session.token;
  Reply reply = JsonReply(status, std::move(body));
  reply.headers.emplace_back("Set-Cookie", session.set_cookie);
  return reply;
}

}  // namespace

Result<Reply> HandleAnonymousStart(ApiDeps& deps, RequestContext& ctx) {
  ObjectReader reader(ctx.body);
  ASSIGN_OR_RETURN(const auto country, reader.OptionalString("country", 2));
  RETURN_IF_ERROR(reader.Finish());
  RETURN_IF_ERROR(CheckAndCountSignup(deps, ctx.request.remote_address, &ctx.retry_after_seconds));
  NewAccount spec;
  spec.country = country.value_or("");
  spec.recovery_code = crypto::NewRecoveryCode();
  ASSIGN_OR_RETURN(const store::UserRecord user, CreateAccount(deps, spec));
  Log(LogLevel::kInfo, "account.created", {{"user", LogId(user.id)}, {"kind", LogId("anonymous")}});
  return SessionReply(deps, ctx, user, 201, Json{{"recovery_code", spec.recovery_code}});
}

Result<Reply> HandleRegister(ApiDeps& deps, RequestContext& ctx) {
  ObjectReader reader(ctx.body);
  NewAccount spec;
  ASSIGN_OR_RETURN(spec.email, reader.RequiredString("email", kMaxLoginChars));
  ASSIGN_OR_RETURN(spec.password, reader.RequiredString("password", kMaxPasswordChars));
  ASSIGN_OR_RETURN(const auto country, reader.OptionalString("country", 2));
  RETURN_IF_ERROR(reader.Finish());
  RETURN_IF_ERROR(CheckAndCountSignup(deps, ctx.request.remote_address, &ctx.retry_after_seconds));
  spec.country = country.value_or("");
  ASSIGN_OR_RETURN(const store::UserRecord user, CreateAccount(deps, spec));
  Log(LogLevel::kInfo, "account.created", {{"user", LogId(user.id)}, {"kind", LogId("email")}});
  return SessionReply(deps, ctx, user, 201, Json::object());
}

Result<Reply> HandleLogin(ApiDeps& deps, RequestContext& ctx) {
  ObjectReader reader(ctx.body);
  ASSIGN_OR_RETURN(const std::string login, reader.RequiredString("login", kMaxLoginChars));
  ASSIGN_OR_RETURN(const std::string password,
                   reader.RequiredString("password", kMaxPasswordChars));
  ASSIGN_OR_RETURN(const auto totp, reader.OptionalString("totp", kMaxTotpChars));
  RETURN_IF_ERROR(reader.Finish());

  // Resolve first, so that every spelling of one account shares one throttle window.
  const auto user = FindAccountByLogin(deps, login);
  if (!user.ok() && user.status().code() != StatusCode::kNotFound) return user.status();
  const ThrottleKeys keys = MakeThrottleKeys(deps, user.ok() ? user->id : "",
                                             CanonicalLogin(login), ctx.request.remote_address);
  auto attempt = BeginThrottledAttempt(deps, keys, deps.options.login_max_failures,
                                       deps.options.login_max_failures_per_address,
                                       &ctx.retry_after_seconds);
  if (!attempt.ok()) {
    Log(LogLevel::kWarn, "login.throttled", {{"request", LogId(ctx.request_id)}});
    return attempt.status();
  }
  const store::UserRecord* account = user.ok() ? &*user : nullptr;
  const bool ok = SecretMatches(account, password) && account != nullptr && !account->disabled &&
                  !account->wrapped_key.empty();
  if (!ok) {
    RETURN_IF_ERROR(RecordLoginFailure(deps, keys));
    Log(LogLevel::kInfo, "login.failed", {{"request", LogId(ctx.request_id)}});
    return Unauthenticated("that sign-in name and password do not match an account");
  }
  // Clinicians and admins also need their second factor (clients: `totp` is ignored).
  if (NeedsSecondFactor(user->role)) {
    if (!totp || totp->find_first_not_of(' ') == std::string::npos) {
      return Status(StatusCode::kUnauthenticated,
                    "enter the 6-digit code from your authenticator app", "totp");
    }
    ASSIGN_OR_RETURN(const crypto::SecretKey key, deps.vault.DataKey(*user));
    if (const Status second = VerifySecondFactor(deps, *user, key, *totp); !second.ok()) {
      if (second.code() != StatusCode::kUnauthenticated) return second;
      RETURN_IF_ERROR(RecordLoginFailure(deps, keys));
      Log(LogLevel::kInfo, "login.second_factor_failed", {{"user", LogId(user->id)}});
      return second;
    }
  }
  RETURN_IF_ERROR(RecordLoginSuccess(deps, keys));
  Log(LogLevel::kInfo, "login.ok", {{"user", LogId(user->id)}});
  return SessionReply(deps, ctx, *user, 200, Json::object());
}

Result<Reply> HandleLogout(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(deps.store.sessions().Delete(ctx.caller().token_hash));
  Reply reply = NoContent();
  reply.headers.emplace_back("Set-Cookie", ClearSessionCookie(ctx.request.tls));
  return reply;
}

}  // namespace interlude::api
