// Clinicians' and admins' second factor: a new set of one-time recovery codes.
#include "api/account_service.h"
#include "api/handlers.h"
#include "api/login_throttle.h"
#include "api/two_factor.h"

namespace interlude::api {

// POST /me/two-factor/recovery-codes {password}: the password is asked again (throttled
// like a sign-in, so a stolen session is no password oracle); the unused codes are
// replaced by ten new ones, shown once.
Result<Reply> HandleNewTwoFactorRecoveryCodes(ApiDeps& deps, RequestContext& ctx) {
  if (!NeedsSecondFactor(ctx.caller().user.role)) {
    return PermissionDenied("only clinicians and admins use two-factor sign-in");
  }
  ObjectReader reader(ctx.body);
  ASSIGN_OR_RETURN(const std::string password,
                   reader.RequiredString("password", kMaxPasswordChars));
  RETURN_IF_ERROR(reader.Finish());
  const ThrottleKeys keys{"user:" + ctx.caller().user.id, ""};
  ASSIGN_OR_RETURN(const ThrottledAttempt attempt,
                   BeginThrottledAttempt(deps, keys, deps.options.login_max_failures, 0,
                                         &ctx.retry_after_seconds));
  if (!SecretMatches(&ctx.caller().user, password)) {
    RETURN_IF_ERROR(RecordLoginFailure(deps, keys));
    return InvalidArgument("that password is not right", "password");
  }
  auto codes = ReplaceRecoveryCodes(deps.store, deps.vault, ctx.caller().user.id);
  if (!codes.ok()) {
    if (codes.status().code() == StatusCode::kNotFound) {
      return FailedPrecondition("two-factor sign-in is not set up for this account");
    }
    return codes.status();
  }
  return JsonReply(201, Json{{"recovery_codes", *codes}});
}

}  // namespace interlude::api
