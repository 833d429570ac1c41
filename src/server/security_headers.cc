// The header set sent with every response (docs/api.md, "Security headers").
#include "server/security_headers.h"

namespace interlude::server {

void AddSecurityHeaders(api::HttpResponse& response, bool tls) {
  response.SetHeader("Content-Security-Policy",
                     "default-src 'self'; script-src 'self'; style-src 'self'; "
                     "img-src 'self' data:; connect-src 'self'; manifest-src 'self'; "
                     "worker-src 'self'; object-src 'none'; base-uri 'none'; "
                     "frame-ancestors 'none'; form-action 'self'");
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("Referrer-Policy", "no-referrer");
  response.SetHeader("X-Frame-Options", "DENY");
  response.SetHeader("Cross-Origin-Opener-Policy", "same-origin");
  response.SetHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (tls) response.SetHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

}  // namespace interlude::server
