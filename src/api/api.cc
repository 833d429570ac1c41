// The route table and the steps every request goes through.
#include "api/api.h"

#include <array>
#include <exception>
#include <string_view>
#include <variant>
#include <vector>

#include "api/api_error.h"
#include "api/handlers.h"
#include "api/sessions.h"
#include "base/log.h"
#include "base/random.h"
#include "base/utf8.h"

namespace interlude::api {
namespace {

enum class Access { kPublic, kSession };
enum class Body { kNone, kObject, kOptionalObject };
using Handler = Result<Reply> (*)(ApiDeps&, RequestContext&);

struct Route {
  std::string_view method;
  std::string_view pattern;  // segments in braces capture a path parameter
  Access access;
  Body body;
  Handler handler;
};

constexpr std::array<Route, 82> kRoutes = {{
    {"GET", "/api/v1/health", Access::kPublic, Body::kNone, HandleHealth},
    {"GET", "/api/v1/vocabulary", Access::kPublic, Body::kNone, HandleVocabulary},
    {"POST", "/api/v1/auth/anonymous", Access::kPublic, Body::kOptionalObject, HandleAnonymousStart},
    {"POST", "/api/v1/auth/register", Access::kPublic, Body::kObject, HandleRegister},
    {"POST", "/api/v1/auth/login", Access::kPublic, Body::kObject, HandleLogin},
    {"POST", "/api/v1/auth/setup", Access::kPublic, Body::kObject, HandleStaffSetup},
    {"POST", "/api/v1/auth/logout", Access::kSession, Body::kNone, HandleLogout},
    {"GET", "/api/v1/me", Access::kSession, Body::kNone, HandleGetMe},
    {"PATCH", "/api/v1/me", Access::kSession, Body::kObject, HandlePatchMe},
    {"DELETE", "/api/v1/me", Access::kSession, Body::kOptionalObject, HandleDeleteMe},
    {"POST", "/api/v1/me/password", Access::kSession, Body::kObject, HandleChangePassword},
    {"POST", "/api/v1/me/recovery-code", Access::kSession, Body::kOptionalObject, HandleNewRecoveryCode},
    {"GET", "/api/v1/me/export", Access::kSession, Body::kNone, HandleExport},
    {"GET", "/api/v1/me/access-log", Access::kSession, Body::kNone, HandleAccessLog},
    {"POST", "/api/v1/me/two-factor/recovery-codes", Access::kSession, Body::kObject, HandleNewTwoFactorRecoveryCodes},
    {"GET", "/api/v1/admin/clinicians", Access::kSession, Body::kNone, HandleListClinicians},
    {"POST", "/api/v1/admin/clinicians", Access::kSession, Body::kObject, HandleCreateClinician},
    {"POST", "/api/v1/entries", Access::kSession, Body::kObject, HandleCreateEntry},
    {"GET", "/api/v1/entries", Access::kSession, Body::kNone, HandleListEntries},
    {"GET", "/api/v1/entries/{id}", Access::kSession, Body::kNone, HandleGetEntry},
    {"PUT", "/api/v1/entries/{id}", Access::kSession, Body::kObject, HandleReplaceEntry},
    {"PATCH", "/api/v1/entries/{id}", Access::kSession, Body::kObject, HandlePatchEntry},
    {"DELETE", "/api/v1/entries/{id}", Access::kSession, Body::kNone, HandleDeleteEntry},
    {"POST", "/api/v1/checkins", Access::kSession, Body::kObject, HandleCreateCheckin},
    {"GET", "/api/v1/checkins", Access::kSession, Body::kNone, HandleListCheckins},
    {"DELETE", "/api/v1/checkins/{id}", Access::kSession, Body::kNone, HandleDeleteCheckin},
    {"GET", "/api/v1/insights", Access::kSession, Body::kNone, HandleInsights},
    {"GET", "/api/v1/instruments", Access::kPublic, Body::kNone, HandleInstruments},
    {"POST", "/api/v1/assessments", Access::kSession, Body::kObject, HandleCreateAssessment},
    {"GET", "/api/v1/assessments", Access::kSession, Body::kNone, HandleListAssessments},
    {"GET", "/api/v1/assessments/schedule", Access::kSession, Body::kNone, HandleGetSchedule},
    {"PUT", "/api/v1/assessments/schedule", Access::kSession, Body::kObject, HandlePutSchedule},
    {"GET", "/api/v1/me/fhir", Access::kSession, Body::kNone, HandleFhirExport},
    {"GET", "/api/v1/safety/resources", Access::kPublic, Body::kNone, HandleSafetyResources},
    {"GET", "/api/v1/safety/screener", Access::kPublic, Body::kNone, HandleScreenerQuestions},
    {"POST", "/api/v1/screenings", Access::kSession, Body::kObject, HandleCreateScreening},
    {"GET", "/api/v1/screenings", Access::kSession, Body::kNone, HandleListScreenings},
    {"GET", "/api/v1/safety-plan", Access::kSession, Body::kNone, HandleGetSafetyPlan},
    {"PUT", "/api/v1/safety-plan", Access::kSession, Body::kObject, HandlePutSafetyPlan},
    {"POST", "/api/v1/clinician/invitations", Access::kSession, Body::kOptionalObject, HandleCreateInvitation},
    {"GET", "/api/v1/clinician/alerts", Access::kSession, Body::kNone, HandleClinicianAlerts},
    {"GET", "/api/v1/clinician/clients", Access::kSession, Body::kNone, HandleCaseload},
    {"GET", "/api/v1/clinician/clients/{id}", Access::kSession, Body::kNone, HandleClinicianClient},
    {"GET", "/api/v1/clinician/clients/{id}/safety-plan", Access::kSession, Body::kNone, HandleClinicianSafetyPlan},
    {"GET", "/api/v1/clinician/clients/{id}/checkins", Access::kSession, Body::kNone, HandleClinicianCheckins},
    {"GET", "/api/v1/clinician/clients/{id}/insights", Access::kSession, Body::kNone, HandleClinicianInsights},
    {"GET", "/api/v1/clinician/clients/{id}/entries", Access::kSession, Body::kNone, HandleClinicianEntries},
    {"GET", "/api/v1/clinician/clients/{id}/assessments", Access::kSession, Body::kNone, HandleClinicianAssessments},
    {"GET", "/api/v1/clinician/clients/{id}/conversations", Access::kSession, Body::kNone, HandleClinicianConversations},
    {"GET", "/api/v1/clinician/clients/{id}/alerts", Access::kSession, Body::kNone, HandleClinicianClientAlerts},
    {"GET", "/api/v1/clinician/clients/{id}/brief", Access::kSession, Body::kNone, HandleBrief},
    {"GET", "/api/v1/clinician/clients/{id}/sessions", Access::kSession, Body::kNone, HandleListClinicalSessions},
    {"POST", "/api/v1/clinician/clients/{id}/sessions", Access::kSession, Body::kObject, HandleCreateClinicalSession},
    {"POST", "/api/v1/clinician/clients/{id}/sessions/import", Access::kSession, Body::kObject, HandleImportClinicalSessions},
    {"DELETE", "/api/v1/clinician/clients/{id}/sessions/{sid}", Access::kSession, Body::kNone, HandleDeleteClinicalSession},
    {"GET", "/api/v1/clinician/clients/{id}/sessions/{sid}/note", Access::kSession, Body::kNone, HandleNoteDraft},
    {"GET", "/api/v1/clinician/clients/{id}/assignments", Access::kSession, Body::kNone, HandleClinicianAssignments},
    {"POST", "/api/v1/clinician/clients/{id}/assignments", Access::kSession, Body::kObject, HandleCreateAssignment},
    {"DELETE", "/api/v1/clinician/clients/{id}/assignments/{aid}", Access::kSession, Body::kNone, HandleDeleteAssignment},
    {"GET", "/api/v1/assignments", Access::kSession, Body::kNone, HandleMyAssignments},
    {"PATCH", "/api/v1/assignments/{id}", Access::kSession, Body::kObject, HandlePatchAssignment},
    {"POST", "/api/v1/clinician/alerts/{id}/acknowledge", Access::kSession, Body::kOptionalObject, HandleAcknowledgeAlert},
    {"POST", "/api/v1/links", Access::kSession, Body::kObject, HandleCreateLink},
    {"GET", "/api/v1/links", Access::kSession, Body::kNone, HandleListLinks},
    {"PATCH", "/api/v1/links/{id}", Access::kSession, Body::kObject, HandlePatchLink},
    {"DELETE", "/api/v1/links/{id}", Access::kSession, Body::kNone, HandleDeleteLink},
    {"POST", "/api/v1/conversations", Access::kSession, Body::kOptionalObject, HandleCreateConversation},
    {"GET", "/api/v1/conversations", Access::kSession, Body::kNone, HandleListConversations},
    {"GET", "/api/v1/conversations/{id}", Access::kSession, Body::kNone, HandleGetConversation},
    {"PATCH", "/api/v1/conversations/{id}", Access::kSession, Body::kObject, HandlePatchConversation},
    {"DELETE", "/api/v1/conversations/{id}", Access::kSession, Body::kNone, HandleDeleteConversation},
    {"POST", "/api/v1/conversations/{id}/messages", Access::kSession, Body::kObject, HandlePostMessage},
    {"GET", "/api/v1/exercises", Access::kPublic, Body::kNone, HandleListExercises},
    {"GET", "/api/v1/exercises/suggestions", Access::kSession, Body::kNone, HandleExerciseSuggestions},
    {"GET", "/api/v1/exercises/history", Access::kSession, Body::kNone, HandleExerciseHistory},
    {"GET", "/api/v1/exercises/{id}", Access::kPublic, Body::kNone, HandleGetExercise},
    {"POST", "/api/v1/exercises/{id}/feedback", Access::kSession, Body::kObject, HandleExerciseFeedback},
    {"POST", "/api/v1/activities", Access::kSession, Body::kObject, HandleCreateActivity},
    {"GET", "/api/v1/activities", Access::kSession, Body::kNone, HandleListActivities},
    {"PATCH", "/api/v1/activities/{id}", Access::kSession, Body::kObject, HandlePatchActivity},
    {"DELETE", "/api/v1/activities/{id}", Access::kSession, Body::kNone, HandleDeleteActivity},
    {"POST", "/api/v1/analysis/distortions", Access::kSession, Body::kObject, HandleAnalyseDistortions},
}};

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t pos = 0;
  while (pos <= path.size()) {
    const size_t next = path.find('/', pos);
    const size_t end = next == std::string_view::npos ? path.size() : next;
    parts.push_back(path.substr(pos, end - pos));
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return parts;
}

// Ids are [a-z0-9_] of bounded length (record ids are [a-z0-9]; exercise ids are
// snake_case); anything else cannot name a resource.
bool PlausibleId(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (const char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// Each route's pattern, split once.
const std::array<std::vector<std::string_view>, kRoutes.size()>& SplitPatterns() {
  static const auto patterns = [] {
    std::array<std::vector<std::string_view>, kRoutes.size()> out;
    for (size_t i = 0; i < kRoutes.size(); ++i) out[i] = Split(kRoutes[i].pattern);
    return out;
  }();
  return patterns;
}

bool Matches(const std::vector<std::string_view>& pattern,
             const std::vector<std::string_view>& parts,
             std::map<std::string, std::string>& params) {
  if (pattern.size() != parts.size()) return false;
  std::map<std::string, std::string> captured;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string_view p = pattern[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (!PlausibleId(parts[i])) return false;
      captured.emplace(std::string(p.substr(1, p.size() - 2)), std::string(parts[i]));
    } else if (p != parts[i]) {
      return false;
    }
  }
  params = std::move(captured);
  return true;
}

bool IsMutating(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::string NewRequestId() {
  std::uint8_t bytes[8];
  FillRandom(bytes);
  return ToHex(bytes);
}

// Runs the common steps and the handler; every failure becomes an ApiError here.
std::variant<Reply, ApiError> Dispatch(ApiDeps& deps, const Route& route, RequestContext& ctx) {
  const HttpRequest& req = ctx.request;
  const auto fail = [&ctx](const Status& st) -> ApiError {
    if (st.code() == StatusCode::kInternal || st.code() == StatusCode::kDataLoss) {
      Log(LogLevel::kError, "http.internal_error",
          {{"request", LogId(ctx.request_id)}, {"code", LogId(StatusCodeName(st.code()))}});
    }
    return ErrorFromStatus(st);
  };
  if (req.query_malformed) return fail(InvalidArgument("the query string is malformed"));
  for (const auto& [name, value] : req.query) {
    if (!IsValidUtf8(name) || !IsValidUtf8(value)) {
      return fail(InvalidArgument("the query string is not valid UTF-8"));
    }
  }
  // A browser names the page behind every cross-site POST. Refusing foreign origins on the
  // public forms (sign-in, sign-up, anonymous start) stops another site signing a visitor
  // into an account of its choosing.
  if (route.access == Access::kPublic && IsMutating(req.method) &&
      !req.Header("origin").empty() && !OriginAllowed(req)) {
    return OriginMismatch();
  }
  if (route.access == Access::kSession) {
    auto principal = Authenticate(deps, req);
    if (!principal.ok()) return fail(principal.status());
    ctx.principal = std::move(*principal);
    // Cookies ride along on cross-site requests; a cookie-authenticated change must prove
    // it came from our own pages. Bearer tokens carry no ambient authority.
    if (ctx.principal->via_cookie && IsMutating(req.method) && !OriginAllowed(req)) {
      return OriginMismatch();
    }
  }
  if (route.body != Body::kNone) {
    auto parsed = ParseJsonObject(req, route.body == Body::kOptionalObject);
    if (auto* error = std::get_if<ApiError>(&parsed)) return *error;
    ctx.body = std::move(std::get<Json>(parsed));
  }
  try {
    Result<Reply> result = route.handler(deps, ctx);
    if (!result.ok()) return fail(result.status());
    return std::move(result).value();
  } catch (const std::exception&) {
    // Third-party code (JSON, allocation) may throw; nothing escapes a request.
    return fail(Internal("exception in handler"));
  }
}

}  // namespace

HttpResponse Api::Handle(const HttpRequest& request) {
  RequestContext ctx{request, NewRequestId(), {}, std::nullopt, nullptr, 0};
  HttpResponse response;
  try {
    response = Serve(ctx);
  } catch (const std::exception&) {
    Log(LogLevel::kError, "http.exception", {{"request", LogId(ctx.request_id)}});
    response = ErrorResponse(ErrorFromStatus(Internal("exception")), ctx.request_id);
  }
  if (!response.body.empty()) response.SetHeader("Content-Type", "application/json; charset=utf-8");
  response.SetHeader("Cache-Control", "no-store");
  response.SetHeader("X-Request-Id", ctx.request_id);
  return response;
}

HttpResponse Api::Serve(RequestContext& ctx) {
  const HttpRequest& request = ctx.request;
  const auto parts = Split(request.path);
  const Route* route = nullptr;
  std::string allowed;  // methods on a known path, for 405
  for (size_t i = 0; i < kRoutes.size(); ++i) {
    std::map<std::string, std::string> params;
    if (!Matches(SplitPatterns()[i], parts, params)) continue;
    if (kRoutes[i].method == request.method) {
      route = &kRoutes[i];
      ctx.params = std::move(params);
      break;
    }
    if (!allowed.empty()) allowed += ", ";
    allowed += kRoutes[i].method;
  }

  HttpResponse response;
  std::string_view route_name = "unmatched";
  std::variant<Reply, ApiError> outcome = allowed.empty() ? RouteNotFound() : MethodNotAllowed();
  if (route != nullptr) {
    route_name = route->pattern;
    outcome = Dispatch(deps_, *route, ctx);
  }
  if (auto* error = std::get_if<ApiError>(&outcome)) {
    response = ErrorResponse(*error, ctx.request_id);
    if (response.status == 429 && ctx.retry_after_seconds > 0) {
      response.SetHeader("Retry-After", std::to_string(ctx.retry_after_seconds));
    }
    if (response.status == 405) response.SetHeader("Allow", allowed);
  } else {
    Reply& reply = std::get<Reply>(outcome);
    response.status = reply.status;
    if (!reply.raw_json.empty()) {
      response.body = std::move(reply.raw_json);
    } else if (!reply.body.is_null()) {
      response.body = reply.body.dump(-1, ' ', false, Json::error_handler_t::replace);
    }
    for (auto& h : reply.headers) response.headers.push_back(std::move(h));
  }
  if (route != nullptr) response.route = route->pattern;
  Log(LogLevel::kDebug, "http.request",
      {{"request", LogId(ctx.request_id)}, {"method", LogId(request.method)},
       {"route", LogId(route_name)}, {"status", response.status}});
  return response;
}

}  // namespace interlude::api
