// libFuzzer target for the JSON request decoding and validation of every API endpoint: drives
// api::Api::Handle (the whole request path after HTTP parsing: routing, authentication, the
// origin check, body decoding, the handler) with a real SQLite store, the real language
// engine, safety layer, instruments and mirror, as `interlude serve` wires them.
//
// Input layout:
//   byte 0   the route (index into kRoutes below, modulo its size): all 82 routes of
//            src/api/api.cc, path ids filled with objects the harness created;
//   byte 1   flags: bits 0-2 the caller (0-3 the route's usual caller, 4 client, 5
//            clinician, 6 admin, 7 nobody), bit 3 authenticate by cookie instead of bearer,
//            bit 4 a foreign Origin, bit 5 path ids that name nothing, bit 6 no JSON
//            Content-Type, bit 7 our own Origin;
//   then     the query string up to the first '\n' (`a=1&b=%20x`), then the body.
// `${name}` in the query or body is replaced by a fixture value (names in Substitute), so
// seeds can hold a valid invitation code, sign-in handle or id that only exists at run time.
//
// Asserts on every response: a status of 2xx-4xx or 503 (never another 5xx: "bad input is
// never a 500"); Cache-Control: no-store and a 16-hex X-Request-Id; a body that is valid JSON
// (an object) whenever there is one, none on 204; an error body {"error": {code, message,
// request_id}} whose code is the one api_error.h pairs with the status; Retry-After on 429,
// Allow on 405.
//
// State: the fixture (accounts, sessions, a link, an entry, ...) lives in a temporary data
// directory (tmpfs when /dev/shm exists, so SQLite's fsyncs are cheap). It is rebuilt from
// scratch every kRebuildEvery runs (so state drift and growth stay bounded) and an object is
// re-created when a request deleted it. Findings may therefore depend on earlier inputs; a
// crash input is re-checked alone with `api_fuzzer CRASH_FILE`.
//
// Thread-safety: libFuzzer calls LLVMFuzzerTestOneInput from one thread.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/account_service.h"
#include "api/api.h"
#include "api/sessions.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/random.h"
#include "care/instrument.h"
#include "crypto/secret_key.h"
#include "mirror/mirror.h"
#include "safety/safety_layer.h"
#include "store/sqlite_store.h"
#include "text/analyzer.h"
#include "fuzz_support.h"

namespace {

namespace fs = std::filesystem;
using interlude::fuzz::OrDie;
using interlude::api::HttpRequest;
using interlude::api::HttpResponse;
using interlude::api::Json;

enum class Caller { kNone, kClient, kClinician, kAdmin };

struct RouteCase {
  const char* method;
  const char* path;  // ${...} filled by Substitute
  Caller caller;     // the caller the route is meant for
};

// Every route of src/api/api.cc, in its order.
constexpr RouteCase kRoutes[] = {
    {"GET", "/api/v1/health", Caller::kNone},
    {"GET", "/api/v1/vocabulary", Caller::kNone},
    {"POST", "/api/v1/auth/anonymous", Caller::kNone},
    {"POST", "/api/v1/auth/register", Caller::kNone},
    {"POST", "/api/v1/auth/login", Caller::kNone},
    {"POST", "/api/v1/auth/setup", Caller::kNone},
    {"POST", "/api/v1/auth/logout", Caller::kClient},
    {"GET", "/api/v1/me", Caller::kClient},
    {"PATCH", "/api/v1/me", Caller::kClient},
    {"DELETE", "/api/v1/me", Caller::kClient},
    {"POST", "/api/v1/me/password", Caller::kClient},
    {"POST", "/api/v1/me/recovery-code", Caller::kClient},
    {"GET", "/api/v1/me/export", Caller::kClient},
    {"GET", "/api/v1/me/access-log", Caller::kClient},
    {"POST", "/api/v1/me/two-factor/recovery-codes", Caller::kClinician},
    {"GET", "/api/v1/admin/clinicians", Caller::kAdmin},
    {"POST", "/api/v1/admin/clinicians", Caller::kAdmin},
    {"POST", "/api/v1/entries", Caller::kClient},
    {"GET", "/api/v1/entries", Caller::kClient},
    {"GET", "/api/v1/entries/${entry_id}", Caller::kClient},
    {"PUT", "/api/v1/entries/${entry_id}", Caller::kClient},
    {"PATCH", "/api/v1/entries/${entry_id}", Caller::kClient},
    {"DELETE", "/api/v1/entries/${entry_id}", Caller::kClient},
    {"POST", "/api/v1/checkins", Caller::kClient},
    {"GET", "/api/v1/checkins", Caller::kClient},
    {"DELETE", "/api/v1/checkins/${checkin_id}", Caller::kClient},
    {"GET", "/api/v1/insights", Caller::kClient},
    {"GET", "/api/v1/instruments", Caller::kNone},
    {"POST", "/api/v1/assessments", Caller::kClient},
    {"GET", "/api/v1/assessments", Caller::kClient},
    {"GET", "/api/v1/assessments/schedule", Caller::kClient},
    {"PUT", "/api/v1/assessments/schedule", Caller::kClient},
    {"GET", "/api/v1/me/fhir", Caller::kClient},
    {"GET", "/api/v1/safety/resources", Caller::kNone},
    {"GET", "/api/v1/safety/screener", Caller::kNone},
    {"POST", "/api/v1/screenings", Caller::kClient},
    {"GET", "/api/v1/screenings", Caller::kClient},
    {"GET", "/api/v1/safety-plan", Caller::kClient},
    {"PUT", "/api/v1/safety-plan", Caller::kClient},
    {"POST", "/api/v1/clinician/invitations", Caller::kClinician},
    {"GET", "/api/v1/clinician/alerts", Caller::kClinician},
    {"GET", "/api/v1/clinician/clients", Caller::kClinician},
    {"GET", "/api/v1/clinician/clients/${client_id}", Caller::kClinician},
    {"GET", "/api/v1/clinician/clients/${client_id}/safety-plan", Caller::kClinician},
    {"GET", "/api/v1/clinician/clients/${client_id}/checkins", Caller::kClinician},
    {"GET", "/api/v1/clinician/clients/${client_id}/insights", Caller::kClinician},
    {"GET", "/api/v1/clinician/clients/${client_id}/entries", Caller::kClinician},
    {"GET", "/api/v1/clinician/clients/${client_id}/assessments", Caller::kClinician},
    {"GET", "/api/v1/clinician/clients/${client_id}/conversations", Caller::kClinician},
    {"GET", "/api/v1/clinician/clients/${client_id}/alerts", Caller::kClinician},
    {"GET", "/api/v1/clinician/clients/${client_id}/brief", Caller::kClinician},
    {"GET", "/api/v1/clinician/clients/${client_id}/sessions", Caller::kClinician},
    {"POST", "/api/v1/clinician/clients/${client_id}/sessions", Caller::kClinician},
    {"POST", "/api/v1/clinician/clients/${client_id}/sessions/import", Caller::kClinician},
    {"DELETE", "/api/v1/clinician/clients/${client_id}/sessions/${session_id}", Caller::kClinician},
    {"GET", "/api/v1/clinician/clients/${client_id}/sessions/${session_id}/note", Caller::kClinician},
    {"GET", "/api/v1/clinician/clients/${client_id}/assignments", Caller::kClinician},
    {"POST", "/api/v1/clinician/clients/${client_id}/assignments", Caller::kClinician},
    {"DELETE", "/api/v1/clinician/clients/${client_id}/assignments/${assignment_id}", Caller::kClinician},
    {"GET", "/api/v1/assignments", Caller::kClient},
    {"PATCH", "/api/v1/assignments/${assignment_id}", Caller::kClient},
    {"POST", "/api/v1/clinician/alerts/${alert_id}/acknowledge", Caller::kClinician},
    {"POST", "/api/v1/links", Caller::kClient},
    {"GET", "/api/v1/links", Caller::kClient},
    {"PATCH", "/api/v1/links/${link_id}", Caller::kClient},
    {"DELETE", "/api/v1/links/${link_id}", Caller::kClient},
    {"POST", "/api/v1/conversations", Caller::kClient},
    {"GET", "/api/v1/conversations", Caller::kClient},
    {"GET", "/api/v1/conversations/${conversation_id}", Caller::kClient},
    {"PATCH", "/api/v1/conversations/${conversation_id}", Caller::kClient},
    {"DELETE", "/api/v1/conversations/${conversation_id}", Caller::kClient},
    {"POST", "/api/v1/conversations/${conversation_id}/messages", Caller::kClient},
    {"GET", "/api/v1/exercises", Caller::kNone},
    {"GET", "/api/v1/exercises/suggestions", Caller::kClient},
    {"GET", "/api/v1/exercises/history", Caller::kClient},
    {"GET", "/api/v1/exercises/${exercise_id}", Caller::kNone},
    {"POST", "/api/v1/exercises/${exercise_id}/feedback", Caller::kClient},
    {"POST", "/api/v1/activities", Caller::kClient},
    {"GET", "/api/v1/activities", Caller::kClient},
    {"PATCH", "/api/v1/activities/${activity_id}", Caller::kClient},
    {"DELETE", "/api/v1/activities/${activity_id}", Caller::kClient},
    {"POST", "/api/v1/analysis/distortions", Caller::kClient},
};
constexpr size_t kRouteCount = sizeof(kRoutes) / sizeof(kRoutes[0]);
static_assert(kRouteCount == 82, "api.cc has 82 routes: keep this table in step with it");

constexpr int kRebuildEvery = 5000;
constexpr char kPassword[] = "a long river stone at dusk";
constexpr char kHost[] = "127.0.0.1:8080";
constexpr interlude::UnixMillis kStart = 1795830289000;  // 2026-11-28T01:44:49Z

[[noreturn]] void Fail(const char* what, const HttpRequest& req, const HttpResponse& resp) {
  std::fprintf(stderr, "api_fuzzer invariant broken: %s\n  %s %s -> %d\n  body: %.2000s\n", what,
               req.method.c_str(), req.path.c_str(), resp.status, resp.body.c_str());
  std::abort();
}

[[noreturn]] void SetupFailed(const std::string& what) {
  std::fprintf(stderr, "api_fuzzer set-up failed: %s\n", what.c_str());
  std::abort();
}

std::string HeaderOf(const HttpResponse& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return {};
}

// The code api_error.h gives each status.
bool CodeMatchesStatus(int status, const std::string& code) {
  switch (status) {
    case 400: return code == "invalid_argument" || code == "malformed_json";
    case 401: return code == "unauthenticated";
    case 403: return code == "permission_denied" || code == "origin_mismatch";
    case 404: return code == "not_found";
    case 405: return code == "method_not_allowed";
    case 409: return code == "already_exists" || code == "failed_precondition";
    case 413: return code == "payload_too_large";
    case 415: return code == "unsupported_media_type";
    case 429: return code == "resource_exhausted";
    case 503: return code == "unavailable";
    default: return false;
  }
}

void CheckResponse(const HttpRequest& req, const HttpResponse& resp) {
  if (resp.status < 200 || resp.status > 599) Fail("status out of range", req, resp);
  if (resp.status >= 500 && resp.status != 503) Fail("a 5xx other than 503", req, resp);
  if (HeaderOf(resp, "Cache-Control") != "no-store") Fail("no Cache-Control: no-store", req, resp);
  const std::string request_id = HeaderOf(resp, "X-Request-Id");
  if (request_id.size() != 16) Fail("X-Request-Id is not 16 hex digits", req, resp);
  if (resp.status == 204) {
    if (!resp.body.empty()) Fail("a 204 with a body", req, resp);
    return;
  }
  if (resp.body.empty()) Fail("no body", req, resp);
  const Json body = Json::parse(resp.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) Fail("the body is not valid JSON", req, resp);
  if (!body.is_object()) Fail("the body is not a JSON object", req, resp);
  if (HeaderOf(resp, "Content-Type").rfind("application/json", 0) != 0) {
    Fail("a JSON body without Content-Type: application/json", req, resp);
  }
  if (resp.status < 400) return;
  const auto error = body.find("error");
  if (error == body.end() || !error->is_object()) Fail("an error without {error}", req, resp);
  const auto code = error->find("code");
  const auto message = error->find("message");
  const auto rid = error->find("request_id");
  if (code == error->end() || !code->is_string()) Fail("an error without a code", req, resp);
  if (!CodeMatchesStatus(resp.status, code->get<std::string>())) {
    Fail("the error code does not match the status", req, resp);
  }
  if (message == error->end() || !message->is_string() || message->get<std::string>().empty()) {
    Fail("an error without a message", req, resp);
  }
  if (rid == error->end() || *rid != request_id) Fail("request_id differs from X-Request-Id", req, resp);
  if (const auto field = error->find("field"); field != error->end() && !field->is_string()) {
    Fail("error.field is not a string", req, resp);
  }
  if (resp.status == 429 && HeaderOf(resp, "Retry-After").empty()) Fail("429 without Retry-After", req, resp);
  if (resp.status == 405 && HeaderOf(resp, "Allow").empty()) Fail("405 without Allow", req, resp);
}

// The long-lived parts, made once per process.
struct Engine {
  std::string dir;
  interlude::ManualClock clock{kStart};
  std::unique_ptr<interlude::api::ContentVault> vault;
  std::unique_ptr<interlude::store::Store> store;
  std::unique_ptr<interlude::text::Analyzer> analyzer;
  std::unique_ptr<interlude::safety::SafetyLayer> safety;
  std::unique_ptr<interlude::care::InstrumentSet> instruments;
  std::unique_ptr<interlude::mirror::Mirror> mirror;
  interlude::api::ApiOptions options;
  std::unique_ptr<interlude::api::Api> api;
  std::unique_ptr<interlude::api::ApiDeps> deps;  // for accounts and sessions made directly
};

Engine& TheEngine() {
  static Engine* engine = [] {
    auto* e = new Engine();
    interlude::InitLogging(interlude::LogLevel::kError, false);
    e->dir = interlude::fuzz::ScratchDir("api");
    const std::string root = interlude::fuzz::LanguageDataRoot();
    e->vault = std::make_unique<interlude::api::ContentVault>(interlude::crypto::SecretKey::Random());
    e->store = OrDie(interlude::store::OpenSqliteStore(
                         (fs::path(e->dir) / interlude::store::kDatabaseFile).string(), 2),
                     "store");
    e->analyzer = OrDie(interlude::text::Analyzer::Load(root), "language engine");
    e->safety = OrDie(interlude::safety::SafetyLayer::Load(root, (fs::path(e->dir) / "helplines").string()),
                      "safety layer");
    e->instruments = OrDie(interlude::care::InstrumentSet::Load(root), "instruments");
    e->mirror = OrDie(interlude::mirror::Mirror::Load(root, e->safety->checker()), "mirror");
    e->options.version = "fuzz";
    // Generous throttles: the fixture's address signs up and fails sign-ins all run long.
    e->options.signup_max_per_window = 1000000;
    e->options.login_max_failures = 1000;
    e->options.login_max_failures_per_address = 100000;
    e->api = std::make_unique<interlude::api::Api>(*e->store, e->clock, *e->vault, e->options,
                                                   e->analyzer.get(), e->safety.get(), nullptr,
                                                   e->instruments.get(), e->mirror.get());
    e->deps = std::make_unique<interlude::api::ApiDeps>(interlude::api::ApiDeps{
        *e->store, e->clock, *e->vault, e->options, e->analyzer.get(), e->safety.get(), nullptr,
        e->instruments.get(), e->mirror.get()});
    return e;
  }();
  return *engine;
}

// The objects requests refer to; rebuilt as needed.
struct Fixture {
  int generation = 0;
  std::string client_token, clinician_token, admin_token;
  std::string client_id, clinician_id, admin_id;
  // A client whose sign-in the seeds can name: ${handle} with password ${recovery}, or
  // ${login_email} with ${password}. Never a caller, so never deleted.
  std::string login_handle, login_recovery, login_email;
  std::string entry_id, checkin_id, session_id, assignment_id, alert_id, link_id;
  std::string conversation_id, exercise_id, activity_id;
  std::string invite;                    // an unused invitation code, made on demand
  std::string setup_login, setup_code;   // a clinician with a pending set-up, made on demand
};

Fixture& TheFixture() {
  static Fixture f;
  return f;
}

HttpResponse Call(const std::string& method, const std::string& path, const std::string& body,
                  const std::string& token) {
  HttpRequest req;
  req.method = method;
  req.path = path;
  req.body = body;
  req.remote_address = "127.0.0.1";
  req.headers["host"] = kHost;
  if (!body.empty()) req.headers["content-type"] = "application/json";
  if (!token.empty()) req.headers["authorization"] = "Bearer " + token;
  HttpResponse resp = TheEngine().api->Handle(req);
  CheckResponse(req, resp);
  return resp;
}

Json CallOk(const std::string& method, const std::string& path, const std::string& body,
            const std::string& token) {
  const HttpResponse r = Call(method, path, body, token);
  if (r.status / 100 != 2) SetupFailed(method + " " + path + " -> " + std::to_string(r.status) + " " + r.body);
  return Json::parse(r.body);
}

std::string NewSessionFor(const std::string& user_id) {
  Engine& e = TheEngine();
  auto user = OrDie(e.store->users().FindById(user_id), "user for a session");
  return OrDie(interlude::api::BeginSession(*e.deps, user, false), "session").token;
}

const std::string& ClinicId() {
  static const std::string id = [] {
    Engine& e = TheEngine();
    interlude::store::ClinicRecord clinic{interlude::NewId(), "Fuzz clinic", e.clock.NowMillis()};
    if (const interlude::Status st = e.store->clinics().Create(clinic); !st.ok()) {
      SetupFailed("clinic: " + st.message());
    }
    return clinic.id;
  }();
  return id;
}

std::string MakeStaff(interlude::store::Role role, const std::string& email) {
  interlude::api::NewAccount spec;
  spec.role = role;
  spec.email = email;
  spec.password = kPassword;
  spec.clinic_id = ClinicId();
  return OrDie(interlude::api::CreateAccount(*TheEngine().deps, spec), "staff account").id;
}

void MakeInvite(Fixture& f) {
  f.invite = CallOk("POST", "/api/v1/clinician/invitations", "", f.clinician_token)["code"];
}

void MakeLink(Fixture& f) {
  MakeInvite(f);
  const Json body = {{"code", f.invite},
                     {"share", {{"mood", true}, {"assessments", true}, {"goals", true},
                                {"safety_plan", true}, {"conversations", true},
                                {"entries", true}, {"safety_alerts", true}}}};
  f.link_id = CallOk("POST", "/api/v1/links", body.dump(), f.client_token)["link"]["id"];
  f.invite.clear();
}

void MakeEntry(Fixture& f) {
  f.entry_id = CallOk("POST", "/api/v1/entries",
                      R"({"text":"Work was hard today but the walk helped.","shared":true})",
                      f.client_token)["entry"]["id"];
}

void MakeCheckin(Fixture& f) {
  f.checkin_id = CallOk("POST", "/api/v1/checkins",
                        R"({"valence":4,"energy":3,"tags":["walk"],"note":"tired"})",
                        f.client_token)["checkin"]["id"];
}

void MakeSession(Fixture& f) {
  f.session_id = CallOk("POST", "/api/v1/clinician/clients/" + f.client_id + "/sessions",
                        R"({"at":"2026-11-30T10:00:00Z"})", f.clinician_token)["session"]["id"];
}

void MakeAssignment(Fixture& f) {
  f.assignment_id = CallOk("POST", "/api/v1/clinician/clients/" + f.client_id + "/assignments",
                           R"({"kind":"custom","title":"Walk","due":"2026-12-05"})",
                           f.clinician_token)["assignment"]["id"];
}

void MakeConversation(Fixture& f) {
  f.conversation_id = CallOk("POST", "/api/v1/conversations", "{}", f.client_token)["id"];
}

void MakeActivity(Fixture& f) {
  f.activity_id = CallOk("POST", "/api/v1/activities",
                         R"({"title":"Walk","planned_for":"2026-11-29"})", f.client_token)["id"];
}

void MakeAlert(Fixture& f) {
  // A high-tier entry raises an alert for the linked clinician.
  CallOk("POST", "/api/v1/entries",
         R"({"text":"I have decided to kill myself tonight, I have the pills ready."})",
         f.client_token);
  // The default list is the open alerts, which holds the new one.
  const Json alerts = CallOk("GET", "/api/v1/clinician/alerts", "", f.clinician_token);
  f.alert_id = alerts["alerts"].empty() ? "0000000000000000" : alerts["alerts"][0]["id"].get<std::string>();
}

// Everything the routes need, from scratch: new accounts (the old ones stay in the store).
void Rebuild(Fixture& f) {
  ++f.generation;
  Engine& e = TheEngine();
  const std::string tag = std::to_string(f.generation);
  if (f.login_handle.empty()) {
    const Json start = CallOk("POST", "/api/v1/auth/anonymous", "{}", "");
    f.login_handle = start["user"]["handle"];
    f.login_recovery = start["recovery_code"];
    f.login_email = "login@example.org";
    CallOk("POST", "/api/v1/auth/register",
           Json{{"email", f.login_email}, {"password", kPassword}}.dump(), "");
    f.exercise_id = CallOk("GET", "/api/v1/exercises", "", "")["items"][0]["id"];
  }
  const Json reg = CallOk("POST", "/api/v1/auth/register",
                          Json{{"email", "client" + tag + "@example.org"}, {"password", kPassword}}.dump(), "");
  f.client_id = reg["user"]["id"];
  f.client_token = reg["token"];
  f.clinician_id = MakeStaff(interlude::store::Role::kClinician, "clinician" + tag + "@example.org");
  f.admin_id = MakeStaff(interlude::store::Role::kAdmin, "admin" + tag + "@example.org");
  f.clinician_token = NewSessionFor(f.clinician_id);
  f.admin_token = NewSessionFor(f.admin_id);
  f.invite.clear();
  f.setup_login.clear();
  f.setup_code.clear();
  MakeLink(f);
  MakeEntry(f);
  MakeCheckin(f);
  MakeSession(f);
  MakeAssignment(f);
  MakeConversation(f);
  MakeActivity(f);
  MakeAlert(f);
  (void)e;
}

bool Authenticated(const std::string& token) {
  HttpRequest req;
  req.method = "GET";
  req.path = "/api/v1/me";
  req.headers["authorization"] = "Bearer " + token;
  return interlude::api::Authenticate(*TheEngine().deps, req).ok();
}

// After a request: re-create what it deleted or signed out, so later runs reach past
// authentication and lookups again.
void Repair(Fixture& f, size_t route, int status) {
  if (status / 100 != 2) return;
  const std::string path = kRoutes[route].path;
  const std::string method = kRoutes[route].method;
  const bool account_change = path == "/api/v1/me" || path == "/api/v1/auth/logout" ||
                              path == "/api/v1/me/password" ||
                              path.find("two-factor") != std::string::npos;
  if (path == "/api/v1/me/password") {
    // ${password} no longer signs the caller in: start again.
    Rebuild(f);
    return;
  }
  if (account_change) {
    // A deleted account cannot be repaired: start again.
    for (const std::string* id : {&f.client_id, &f.clinician_id, &f.admin_id}) {
      auto user = TheEngine().store->users().FindById(*id);
      if (!user.ok() || user->wrapped_key.empty() || user->disabled) {
        Rebuild(f);
        return;
      }
    }
    if (!Authenticated(f.client_token)) f.client_token = NewSessionFor(f.client_id);
    if (!Authenticated(f.clinician_token)) f.clinician_token = NewSessionFor(f.clinician_id);
    if (!Authenticated(f.admin_token)) f.admin_token = NewSessionFor(f.admin_id);
    return;
  }
  if (method == "POST" && path == "/api/v1/links") f.invite.clear();
  if (method == "POST" && path == "/api/v1/auth/setup") f.setup_code.clear();
  if (method != "DELETE") return;
  if (path.find("${entry_id}") != std::string::npos) MakeEntry(f);
  if (path.find("${checkin_id}") != std::string::npos) MakeCheckin(f);
  if (path.find("${session_id}") != std::string::npos) MakeSession(f);
  if (path.find("${assignment_id}") != std::string::npos) MakeAssignment(f);
  if (path.find("${conversation_id}") != std::string::npos) MakeConversation(f);
  if (path.find("${activity_id}") != std::string::npos) MakeActivity(f);
  if (path.find("${link_id}") != std::string::npos) MakeLink(f);
}

// The value of ${name}; made on demand for the one-time codes.
std::string FixtureValue(Fixture& f, std::string_view name, bool bogus_ids) {
  const auto id = [bogus_ids](const std::string& v) {
    return bogus_ids ? std::string("0000000000000000") : v;
  };
  if (name == "entry_id") return id(f.entry_id);
  if (name == "checkin_id") return id(f.checkin_id);
  if (name == "client_id") return id(f.client_id);
  if (name == "session_id") return id(f.session_id);
  if (name == "assignment_id") return id(f.assignment_id);
  if (name == "alert_id") return id(f.alert_id);
  if (name == "link_id") return id(f.link_id);
  if (name == "conversation_id") return id(f.conversation_id);
  if (name == "exercise_id") return bogus_ids ? "no_such_exercise" : f.exercise_id;
  if (name == "activity_id") return id(f.activity_id);
  if (name == "clinician_id") return f.clinician_id;
  if (name == "password") return kPassword;
  if (name == "handle") return f.login_handle;
  if (name == "recovery") return f.login_recovery;
  if (name == "login_email") return f.login_email;
  if (name == "invite") {
    if (f.invite.empty()) MakeInvite(f);
    return f.invite;
  }
  if (name == "setup_login" || name == "setup_code") {
    if (f.setup_code.empty()) {
      f.setup_login = "setup" + std::to_string(f.generation) + "-" +
                      std::to_string(TheEngine().clock.NowMillis()) + "@example.org";
      const Json made = CallOk("POST", "/api/v1/admin/clinicians",
                               Json{{"email", f.setup_login}}.dump(), f.admin_token);
      f.setup_code = made["setup_code"];
    }
    return name == "setup_login" ? f.setup_login : f.setup_code;
  }
  return {};
}

std::string Substitute(Fixture& f, std::string_view text, bool bogus_ids) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = text.find("${", pos);
    if (start == std::string_view::npos) break;
    const size_t end = text.find('}', start + 2);
    if (end == std::string_view::npos || end - start > 24) {
      out.append(text.substr(pos, start + 2 - pos));
      pos = start + 2;
      continue;
    }
    out.append(text.substr(pos, start - pos));
    const std::string_view name = text.substr(start + 2, end - start - 2);
    const std::string value = FixtureValue(f, name, bogus_ids);
    out.append(value.empty() ? text.substr(start, end + 1 - start) : std::string_view(value));
    pos = end + 1;
  }
  out.append(text.substr(pos));
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// What the server does with a query string: split on & and =, percent-decode, '+' is a space.
void ParseQuery(std::string_view q, HttpRequest& req) {
  const auto decode = [&req](std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '+') {
        out.push_back(' ');
      } else if (s[i] == '%') {
        if (i + 2 >= s.size() || HexValue(s[i + 1]) < 0 || HexValue(s[i + 2]) < 0) {
          req.query_malformed = true;
          return out;
        }
        out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
        i += 2;
      } else {
        out.push_back(s[i]);
      }
    }
    return out;
  };
  while (!q.empty()) {
    const size_t amp = q.find('&');
    const std::string_view pair = q.substr(0, amp);
    if (!pair.empty()) {
      const size_t eq = pair.find('=');
      // As the server: the first of repeated names wins.
      req.query.emplace(decode(pair.substr(0, eq)),
                        eq == std::string_view::npos ? std::string() : decode(pair.substr(eq + 1)));
    }
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  static int runs = 0;
  Engine& engine = TheEngine();
  Fixture& f = TheFixture();
  if (runs++ % kRebuildEvery == 0) Rebuild(f);
  engine.clock.Advance(1000);  // time passes: throttle windows roll over, sessions age

  const size_t route = data[0] % kRouteCount;
  const std::uint8_t flags = data[1];
  const std::string_view rest(reinterpret_cast<const char*>(data) + 2, size - 2);
  const size_t nl = rest.find('\n');
  const std::string_view query = nl == std::string_view::npos ? rest : rest.substr(0, nl);
  const std::string_view body = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  const bool bogus_ids = (flags & 0x20u) != 0;

  Caller caller = kRoutes[route].caller;
  switch (flags & 7u) {
    case 4: caller = Caller::kClient; break;
    case 5: caller = Caller::kClinician; break;
    case 6: caller = Caller::kAdmin; break;
    case 7: caller = Caller::kNone; break;
    default: break;
  }
  const std::string token = caller == Caller::kClient      ? f.client_token
                            : caller == Caller::kClinician ? f.clinician_token
                            : caller == Caller::kAdmin     ? f.admin_token
                                                           : std::string();

  HttpRequest req;
  req.method = kRoutes[route].method;
  req.path = Substitute(f, kRoutes[route].path, bogus_ids);
  ParseQuery(Substitute(f, query, bogus_ids), req);
  req.body = Substitute(f, body, bogus_ids);
  req.remote_address = "127.0.0.1";
  req.headers["host"] = kHost;
  if ((flags & 0x40u) == 0) req.headers["content-type"] = "application/json";
  if (!token.empty()) {
    if ((flags & 0x08u) != 0) {
      req.headers["cookie"] = std::string("theme=dark; ") + interlude::api::kSessionCookie + "=" + token;
    } else {
      req.headers["authorization"] = "Bearer " + token;
    }
  }
  if ((flags & 0x10u) != 0) req.headers["origin"] = "http://evil.example";
  if ((flags & 0x80u) != 0) req.headers["origin"] = std::string("http://") + kHost;

  const HttpResponse resp = engine.api->Handle(req);
  CheckResponse(req, resp);
  Repair(f, route, resp.status);
  return 0;
}
