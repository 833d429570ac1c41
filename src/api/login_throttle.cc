// Store-backed sliding-window throttle.
#include "api/login_throttle.h"

#include <algorithm>

#include "crypto/tokens.h"

namespace interlude::api {

ThrottleKeys MakeThrottleKeys(const ApiDeps& deps, const std::string& user_id,
                              const std::string& canonical_login,
                              const std::string& remote_address) {
  ThrottleKeys keys;
  keys.account = !user_id.empty()
                     ? "user:" + user_id
                     : "login:" + crypto::KeyedIndex(deps.vault.IndexKey(), "login:" + canonical_login);
  keys.address = "addr:" + remote_address;
  return keys;
}

Status CheckThrottle(ApiDeps& deps, const ThrottleKeys& keys, int max_account_failures,
                     int max_address_failures, int* retry_after_seconds) {
  const UnixMillis now = deps.clock.NowMillis();
  const UnixMillis window = deps.options.login_window_minutes * 60LL * 1000;
  UnixMillis retry_at = 0;
  const std::pair<const std::string*, int> limits[] = {{&keys.account, max_account_failures},
                                                       {&keys.address, max_address_failures}};
  for (const auto& [key, max_failures] : limits) {
    if (key->empty()) continue;
    ASSIGN_OR_RETURN(const auto w, deps.store.throttle().Failures(*key, now - window));
    if (w.failures >= max_failures) retry_at = std::max(retry_at, w.oldest + window);
  }
  if (retry_at == 0) return OkStatus();
  *retry_after_seconds = static_cast<int>(std::max<UnixMillis>(1, (retry_at - now + 999) / 1000));
  return ResourceExhausted("too many attempts; please wait " +
                           std::to_string((*retry_after_seconds + 59) / 60) +
                           " minute(s) and try again");
}

Status RecordLoginFailure(ApiDeps& deps, const ThrottleKeys& keys) {
  const UnixMillis now = deps.clock.NowMillis();
  RETURN_IF_ERROR(deps.store.throttle().RecordFailure(keys.account, now));
  if (keys.address.empty()) return OkStatus();
  return deps.store.throttle().RecordFailure(keys.address, now);
}

Status RecordLoginSuccess(ApiDeps& deps, const ThrottleKeys& keys) {
  return deps.store.throttle().Clear(keys.account);
}

Status CheckAndCountSignup(ApiDeps& deps, const std::string& remote_address,
                           int* retry_after_seconds) {
  const ThrottleKeys keys{"signup:" + remote_address, ""};
  RETURN_IF_ERROR(CheckThrottle(deps, keys, deps.options.signup_max_per_window, 0,
                                retry_after_seconds));
  return deps.store.throttle().RecordFailure(keys.account, deps.clock.NowMillis());
}

}  // namespace interlude::api
