// Log-in throttling per account and per client address, with windows kept in the store so
// several server processes share them. After `login_max_failures` failures within
// `login_window_minutes`, further attempts are refused until the oldest failure ages out.
//
// Thread-safety: stateless functions over thread-safe dependencies.
#pragma once

#include <string>

#include "api/api_context.h"

namespace interlude::api {

struct ThrottleKeys {
  std::string account;  // keyed hash of the normalised login (never the login itself)
  std::string address;
};

ThrottleKeys MakeThrottleKeys(const ApiDeps& deps, const std::string& login,
                              const std::string& remote_address);

// OK, or ResourceExhausted with `retry_after_seconds` set.
Status CheckThrottle(ApiDeps& deps, const ThrottleKeys& keys, int* retry_after_seconds);

Status RecordLoginFailure(ApiDeps& deps, const ThrottleKeys& keys);
Status RecordLoginSuccess(ApiDeps& deps, const ThrottleKeys& keys);

}  // namespace interlude::api
