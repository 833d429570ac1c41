// Store-backed sliding-window throttle.
#include "api/login_throttle.h"

#include <algorithm>
#include <cctype>

#include "crypto/tokens.h"

namespace interlude::api {

ThrottleKeys MakeThrottleKeys(const ApiDeps& deps, const std::string& login,
                              const std::string& remote_address) {
  std::string lower;
  for (const char c : login) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return {"acct:" + crypto::KeyedIndex(deps.vault.IndexKey(), "login:" + lower),
          "addr:" + remote_address};
}

Status CheckThrottle(ApiDeps& deps, const ThrottleKeys& keys, int* retry_after_seconds) {
  const UnixMillis now = deps.clock.NowMillis();
  const UnixMillis window = deps.options.login_window_minutes * 60LL * 1000;
  UnixMillis retry_at = 0;
  for (const std::string* key : {&keys.account, &keys.address}) {
    ASSIGN_OR_RETURN(const auto w, deps.store.throttle().Failures(*key, now - window));
    if (w.failures >= deps.options.login_max_failures) {
      retry_at = std::max(retry_at, w.oldest + window);
    }
  }
  if (retry_at == 0) return OkStatus();
  *retry_after_seconds = static_cast<int>(std::max<UnixMillis>(1, (retry_at - now + 999) / 1000));
  return ResourceExhausted("too many sign-in attempts; please wait " +
                           std::to_string((*retry_after_seconds + 59) / 60) +
                           " minute(s) and try again");
}

Status RecordLoginFailure(ApiDeps& deps, const ThrottleKeys& keys) {
  const UnixMillis now = deps.clock.NowMillis();
  RETURN_IF_ERROR(deps.store.throttle().RecordFailure(keys.account, now));
  return deps.store.throttle().RecordFailure(keys.address, now);
}

Status RecordLoginSuccess(ApiDeps& deps, const ThrottleKeys& keys) {
  return deps.store.throttle().Clear(keys.account);
}

}  // namespace interlude::api
