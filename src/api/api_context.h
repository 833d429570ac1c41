// What every handler works with: the shared dependencies (ApiDeps), the request being
// served with its caller (RequestContext), and the Reply a handler returns.
//
// Thread-safety: ApiDeps is shared by all request threads and holds only thread-safe parts;
// a RequestContext belongs to one request.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/content_vault.h"
#include "api/http_types.h"
#include "api/json_body.h"
#include "base/clock.h"
#include "crypto/secret_key.h"
#include "store/store.h"
#include "text/analyzer.h"

namespace interlude::safety {
class SafetyLayer;
}
namespace interlude::care {
class InstrumentSet;
}
namespace interlude::mirror {
class Mirror;
}

namespace interlude::api {

struct ApiOptions {
  std::string version = "0.0.0";
  int session_idle_minutes = 30;
  int clinician_idle_minutes = 15;  // clinicians and admins: the lower of the two applies
  int session_absolute_hours = 12;
  int login_max_failures = 5;  // per account
  int login_max_failures_per_address = 20;
  int login_window_minutes = 15;
  int signup_max_per_window = 20;
  bool clinician_alerts = true;  // the clinic's policy: alerts reach linked clinicians
  int invitation_days = 7;       // how long a clinician's invitation code stays valid
};

// Told when a safety alert was raised, after its commit, so an outbound notice ("an alert
// is waiting", no content) can go out. Implementations must not block the request.
class AlertNotifier {
 public:
  virtual ~AlertNotifier() = default;
  virtual void AlertRaised() = 0;
};

struct ApiDeps {
  store::Store& store;
  const Clock& clock;
  const ContentVault& vault;
  ApiOptions options;
  // Reads every entry and check-in note on write; null only in tests that do not need it.
  const text::Analyzer* analyzer = nullptr;
  // Tiers, resources and messages; null only in tests that do not need them (then writes
  // carry a bare tier and no resources).
  const safety::SafetyLayer* safety = nullptr;
  AlertNotifier* notifier = nullptr;  // may be null: no outbound notices
  // The questionnaires (data/instruments/); null only in tests that do not need them (then
  // the questionnaire endpoints answer 503).
  const care::InstrumentSet* instruments = nullptr;
  // Reflections, the companion and coping exercises; null only in tests that do not need
  // them (then writes carry no reflection and the companion and exercise endpoints
  // answer 503).
  const mirror::Mirror* mirror = nullptr;
};

// The authenticated caller.
struct Principal {
  store::UserRecord user;
  crypto::SecretKey data_key;
  std::string token_hash;
  bool via_cookie = false;
};

struct RequestContext {
  const HttpRequest& request;
  std::string request_id;
  std::map<std::string, std::string> params;  // path parameters such as {id}
  std::optional<Principal> principal;         // set for authenticated routes
  Json body;                                  // the decoded JSON object, for routes with one
  int retry_after_seconds = 0;                // set with a ResourceExhausted answer

  const Principal& caller() const { return *principal; }
};

// A successful answer. `body` null means no body (204), unless `raw_json` (already
// serialised, for large lists) is set.
struct Reply {
  int status = 200;
  Json body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string raw_json;
};

inline Reply JsonReply(int status, Json body) { return Reply{status, std::move(body), {}, {}}; }
inline Reply NoContent() { return Reply{204, nullptr, {}, {}}; }
inline Reply RawJsonReply(int status, std::string json) {
  return Reply{status, nullptr, {}, std::move(json)};
}

}  // namespace interlude::api
