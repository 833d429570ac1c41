// Log-in throttling per account and per client address, with windows kept in the store so
// several server processes share them. After `login_max_failures` failures within
// `login_window_minutes`, further attempts are refused until the oldest failure ages out.
//
// Thread-safety: stateless functions over thread-safe dependencies.
#pragma once

#include <string>
#include <vector>

#include "api/api_context.h"

namespace interlude::api {

struct ThrottleKeys {
  std::string account;  // the user id, or a keyed hash of the canonical login when unknown
  std::string address;  // empty: no per-address limit (password changes)
};

// Keys for a sign-in attempt: `user_id` when the login names an account (so every spelling
// of it shares one window), else the canonical login.
ThrottleKeys MakeThrottleKeys(const ApiDeps& deps, const std::string& user_id,
                              const std::string& canonical_login,
                              const std::string& remote_address);

// An attempt being verified, counted against its keys until it goes out of scope. Without it,
// a burst of simultaneous guesses would all pass the check before the first failure is
// recorded (Argon2id takes tens of milliseconds). Counts are per process: several server
// processes share only the failures recorded in the store.
class ThrottledAttempt {
 public:
  ThrottledAttempt() = default;
  ThrottledAttempt(ThrottledAttempt&& other) noexcept : keys_(std::move(other.keys_)) {
    other.keys_.clear();
  }
  ThrottledAttempt& operator=(ThrottledAttempt&&) = delete;
  ThrottledAttempt(const ThrottledAttempt&) = delete;
  ~ThrottledAttempt();

 private:
  friend Result<ThrottledAttempt> BeginThrottledAttempt(ApiDeps&, const ThrottleKeys&, int, int,
                                                        int*);
  std::vector<std::string> keys_;
};

// Reserves an attempt: OK (hold the result until the failure, if any, is recorded), or
// ResourceExhausted with `retry_after_seconds` set once the account key has
// `max_account_failures` or the address key `max_address_failures` failures in the log-in
// window, counting the attempts in flight.
Result<ThrottledAttempt> BeginThrottledAttempt(ApiDeps& deps, const ThrottleKeys& keys,
                                               int max_account_failures, int max_address_failures,
                                               int* retry_after_seconds);

Status RecordLoginFailure(ApiDeps& deps, const ThrottleKeys& keys);
Status RecordLoginSuccess(ApiDeps& deps, const ThrottleKeys& keys);

// New accounts per client address: OK, or ResourceExhausted with `retry_after_seconds`;
// counts this attempt when allowed.
Status CheckAndCountSignup(ApiDeps& deps, const std::string& remote_address,
                           int* retry_after_seconds);

}  // namespace interlude::api
