// Security headers on every response: a strict Content-Security-Policy (no inline script),
// no sniffing, no referrer, no framing, and HSTS when served over TLS.
//
// Thread-safety: pure function.
#pragma once

#include "api/http_types.h"

namespace interlude::server {

void AddSecurityHeaders(api::HttpResponse& response, bool tls);

}  // namespace interlude::server
