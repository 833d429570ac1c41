// Store-backed sliding-window throttle.
#include "api/login_throttle.h"

#include <algorithm>
#include <mutex>
#include <unordered_map>

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

namespace {

// Attempts in flight per throttle key, in this process.
std::mutex& InFlightMutex() {
  static std::mutex mu;
  return mu;
}
std::unordered_map<std::string, int>& InFlight() {
  static std::unordered_map<std::string, int> counts;
  return counts;
}

}  // namespace

ThrottledAttempt::~ThrottledAttempt() {
  if (keys_.empty()) return;
  const std::lock_guard<std::mutex> lock(InFlightMutex());
  for (const std::string& key : keys_) {
    auto it = InFlight().find(key);
    if (it != InFlight().end() && --it->second <= 0) InFlight().erase(it);
  }
}

Result<ThrottledAttempt> BeginThrottledAttempt(ApiDeps& deps, const ThrottleKeys& keys,
                                               int max_account_failures, int max_address_failures,
                                               int* retry_after_seconds) {
  const std::pair<const std::string*, int> limits[] = {{&keys.account, max_account_failures},
                                                       {&keys.address, max_address_failures}};
  // Reserve first, then read the stored failures: of N simultaneous attempts the k-th sees
  // k in flight, and a failure recorded by one moves from "in flight" to "stored".
  ThrottledAttempt attempt;
  int position[2] = {0, 0};
  {
    const std::lock_guard<std::mutex> lock(InFlightMutex());
    for (size_t i = 0; i < 2; ++i) {
      if (limits[i].first->empty()) continue;
      position[i] = ++InFlight()[*limits[i].first];
      attempt.keys_.push_back(*limits[i].first);
    }
  }
  const UnixMillis now = deps.clock.NowMillis();
  const UnixMillis window = deps.options.login_window_minutes * 60LL * 1000;
  UnixMillis retry_at = 0;
  for (size_t i = 0; i < 2; ++i) {
    const auto& [key, max_failures] = limits[i];
    if (key->empty()) continue;
    ASSIGN_OR_RETURN(const auto w, deps.store.throttle().Failures(*key, now - window));
    if (w.failures + position[i] > max_failures) {
      // Only in-flight attempts (none stored yet): wait out the slowest verification.
      retry_at = std::max(retry_at, w.failures > 0 ? w.oldest + window : now + 1000);
    }
  }
  if (retry_at == 0) return attempt;
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
  ASSIGN_OR_RETURN(const ThrottledAttempt attempt,
                   BeginThrottledAttempt(deps, keys, deps.options.signup_max_per_window, 0,
                                         retry_after_seconds));
  return deps.store.throttle().RecordFailure(keys.account, deps.clock.NowMillis());
}

}  // namespace interlude::api
