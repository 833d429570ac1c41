// Sessions: 256-bit random tokens (only their hash is stored), carried by an HttpOnly
// SameSite=Strict cookie or an Authorization: Bearer header, with an idle timeout and an
// absolute lifetime. Cookie-authenticated mutations must come from our own origin.
//
// Thread-safety: stateless functions over thread-safe dependencies.
#pragma once

#include <string>

#include "api/api_context.h"

namespace interlude::api {

inline constexpr char kSessionCookie[] = "interlude_session";

struct NewSession {
  std::string token;
  std::string set_cookie;  // the Set-Cookie header value
};

// Starts a session for `user`; the token is returned once and never stored. The cookie is
// Secure when `tls`. Errors: the store's.
Result<NewSession> BeginSession(ApiDeps& deps, const store::UserRecord& user, bool tls);

// Resolves the caller from the request's bearer token or cookie. Unauthenticated when
// there is none, it is unknown, expired or idle too long (clinicians and admins:
// clinician_idle_minutes at most), or the account is disabled or
// being deleted. The origin check is separate: see OriginAllowed. Unavailable when the
// store is busy.
Result<Principal> Authenticate(ApiDeps& deps, const HttpRequest& request);

// True when the request's Origin is exactly our own origin, scheme included (https when
// served over TLS or behind a trusted proxy that says so).
bool OriginAllowed(const HttpRequest& request);

// A Set-Cookie value that clears the session cookie.
std::string ClearSessionCookie(bool tls);

// The token presented by the request (bearer first, then cookie), or "".
std::string PresentedToken(const HttpRequest& request, bool* via_cookie);

}  // namespace interlude::api
