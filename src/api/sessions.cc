// Session issue, lookup and expiry.
#include "api/sessions.h"

#include <algorithm>

#include "api/two_factor.h"
#include "base/ascii.h"
#include "crypto/tokens.h"

namespace interlude::api {
namespace {

constexpr UnixMillis kMinute = 60 * 1000;
// last_seen_at is refreshed at most this often, so reads do not each cost a write.
constexpr UnixMillis kTouchGranularity = kMinute;

std::string CookieAttributes(bool tls) {
  return std::string("; Path=/; HttpOnly; SameSite=Strict") + (tls ? "; Secure" : "");
}

std::string CookieValue(const std::string& header) {
  const std::string name = std::string(kSessionCookie) + "=";
  size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
    const size_t end = header.find(';', pos);
    const std::string_view part(header.data() + pos,
                                (end == std::string::npos ? header.size() : end) - pos);
    if (part.starts_with(name)) return std::string(part.substr(name.size()));
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  return {};
}

}  // namespace

std::string PresentedToken(const HttpRequest& request, bool* via_cookie) {
  const std::string& auth = request.Header("authorization");
  if (auth.size() > 7 && AsciiLower(auth.substr(0, 7)) == "bearer ") {
    *via_cookie = false;
    return auth.substr(7);
  }
  *via_cookie = true;
  return CookieValue(request.Header("cookie"));
}

Result<NewSession> BeginSession(ApiDeps& deps, const store::UserRecord& user, bool tls) {
  const UnixMillis now = deps.clock.NowMillis();
  NewSession s;
  s.token = crypto::NewSessionToken();
  store::SessionRecord record;
  record.token_hash = crypto::HashToken(s.token);
  record.user_id = user.id;
  record.created_at = now;
  record.last_seen_at = now;
  record.expires_at = now + deps.options.session_absolute_hours * 60 * kMinute;
  RETURN_IF_ERROR(deps.store.sessions().Create(record));
  s.set_cookie = std::string(kSessionCookie) + "=" + s.token + CookieAttributes(tls) +
                 "; Max-Age=" + std::to_string(deps.options.session_absolute_hours * 3600);
  return s;
}

Result<Principal> Authenticate(ApiDeps& deps, const HttpRequest& request) {
  bool via_cookie = false;
  const std::string token = PresentedToken(request, &via_cookie);
  const auto unauthenticated = [] {
    return Unauthenticated("please sign in (your session is missing or has ended)");
  };
  if (token.empty() || token.size() > 128) return unauthenticated();
  const std::string hash = crypto::HashToken(token);
  auto found = deps.store.sessions().Find(hash);
  if (!found.ok()) {
    if (found.status().code() == StatusCode::kNotFound) return unauthenticated();
    return found.status();
  }
  const UnixMillis now = deps.clock.NowMillis();
  const store::SessionRecord& session = found->session;
  // Clinicians and admins, who can read other people's data, are signed out sooner.
  const int idle_minutes =
      NeedsSecondFactor(found->user.role)
          ? std::min(deps.options.session_idle_minutes, deps.options.clinician_idle_minutes)
          : deps.options.session_idle_minutes;
  const UnixMillis idle_limit = idle_minutes * kMinute;
  // An account whose key was shredded is being deleted: its sessions are over.
  if (now >= session.expires_at || now - session.last_seen_at > idle_limit ||
      found->user.disabled || found->user.wrapped_key.empty()) {
    (void)deps.store.sessions().Delete(hash);
    return unauthenticated();
  }
  if (now - session.last_seen_at >= kTouchGranularity) {
    // Best effort: a busy writer must not turn a read into an error.
    (void)deps.store.sessions().Touch(hash, now);
  }
  ASSIGN_OR_RETURN(crypto::SecretKey key, deps.vault.DataKey(found->user));
  return Principal{std::move(found->user), std::move(key), hash, via_cookie};
}

bool OriginAllowed(const HttpRequest& request) {
  const std::string& origin = request.Header("origin");
  const std::string& host = request.Header("host");
  if (origin.empty() || host.empty()) return false;
  // `tls` is also set behind a trusted TLS-terminating proxy (server/http_server.cc).
  return origin == (request.tls ? "https://" : "http://") + host;
}

std::string ClearSessionCookie(bool tls) {
  return std::string(kSessionCookie) + "=" + CookieAttributes(tls) + "; Max-Age=0";
}

}  // namespace interlude::api
