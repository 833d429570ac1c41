// Client-clinician links and safety alerts: a clinician makes an invitation code, the client
// redeems it choosing what to share, and can change or revoke that at any time (effective
// at once). Clinicians list and acknowledge the safety alerts of clients who share them.
// The caseload and client views come with the clinician side (docs/api.md).
#include <array>
#include <set>

#include "api/client_access.h"
#include "api/client_reads.h"
#include "api/handlers.h"
#include "base/log.h"
#include "base/random.h"
#include "base/time_format.h"
#include "crypto/tokens.h"

namespace interlude::api {
namespace {

// What a client can share with a linked clinician; absent keys are not shared.
constexpr std::array<const char*, 7> kShareKeys = {
    "mood", "assessments", "goals", "safety_plan", "conversations", "entries", "safety_alerts"};

Result<Json> ParseShare(const Json& share) {
  Json out = Json::object();
  for (const char* key : kShareKeys) out[key] = false;
  for (const auto& [key, value] : share.items()) {
    if (!out.contains(key)) {
      return InvalidArgument("there is no sharing setting called " + key + " (choose from mood, "
                             "assessments, goals, safety_plan, conversations, entries, "
                             "safety_alerts)", "share." + key);
    }
    if (!value.is_boolean()) {
      return InvalidArgument("share." + key + " must be true or false", "share." + key);
    }
    out[key] = value.get<bool>();
  }
  return out;
}

Result<Json> LinkJson(ApiDeps& deps, const store::LinkRecord& link, bool for_client) {
  const std::string& other_id = for_client ? link.clinician_id : link.client_id;
  ASSIGN_OR_RETURN(const store::UserRecord other, deps.store.users().FindById(other_id));
  Json share = Json::parse(link.share_json, nullptr, /*allow_exceptions=*/false);
  if (!share.is_object()) share = Json::object();
  return Json{{"id", link.id},
              {for_client ? "clinician" : "client", {{"id", other.id}, {"handle", other.handle}}},
              {"share", std::move(share)},
              {"created_at", FormatIso8601(link.created_at)},
              {"updated_at", FormatIso8601(link.updated_at)}};
}

}  // namespace

Result<Json> AlertJson(ApiDeps& deps, const store::AlertRecord& a) {
  ASSIGN_OR_RETURN(const store::UserRecord client, deps.store.users().FindById(a.user_id));
  Json reasons = Json::array();
  size_t begin = 0;
  while (begin < a.reasons.size()) {
    size_t end = a.reasons.find(',', begin);
    if (end == std::string::npos) end = a.reasons.size();
    const std::string one = a.reasons.substr(begin, end - begin);
    const size_t colon = one.find(':');
    reasons.push_back({{"rule", one.substr(0, colon)},
                       {"code", colon == std::string::npos ? "" : one.substr(colon + 1)}});
    begin = end + 1;
  }
  Json acknowledged_by = nullptr;
  if (!a.acknowledged_by.empty()) {
    auto by = deps.store.users().FindById(a.acknowledged_by);
    acknowledged_by = by.ok() ? Json{{"id", by->id}, {"handle", by->handle}} : Json(nullptr);
  }
  static constexpr std::array<const char*, 4> kTiers = {"none", "low", "moderate", "high"};
  return Json{{"id", a.id},
              {"client", {{"id", client.id}, {"handle", client.handle}}},
              {"source", AlertSourceName(a.source)},
              {"item_id", a.item_id},
              {"tier", kTiers[static_cast<size_t>(std::clamp(a.tier, 0, 3))]},
              {"reasons", std::move(reasons)},
              {"created_at", FormatIso8601(a.created_at)},
              {"acknowledged_at", a.acknowledged_at ? Json(FormatIso8601(a.acknowledged_at))
                                                    : Json(nullptr)},
              {"acknowledged_by", std::move(acknowledged_by)}};
}

Result<AlertFilter> ParseAlertFilter(const RequestContext& ctx) {
  AlertFilter filter;
  if (const auto it = ctx.request.query.find("status"); it != ctx.request.query.end()) {
    if (it->second != "open" && it->second != "all") {
      return InvalidArgument("status must be open or all", "status");
    }
    filter.open_only = it->second == "open";
  }
  ASSIGN_OR_RETURN(const std::int64_t limit, QueryInt(ctx, "limit", 1, 500, 100));
  filter.limit = static_cast<int>(limit);
  return filter;
}

Status RequireRole(const RequestContext& ctx, store::Role role) {
  if (ctx.caller().user.role == role) return OkStatus();
  if (role == store::Role::kClinician) return PermissionDenied("this needs a clinician account");
  if (role == store::Role::kClient) return PermissionDenied("this is for client accounts");
  return PermissionDenied("this needs an administrator account");
}

Result<Reply> HandleCreateInvitation(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(RequireRole(ctx, store::Role::kClinician));
  ObjectReader reader(ctx.body);
  RETURN_IF_ERROR(reader.Finish());
  const std::string code = crypto::NewRecoveryCode();  // 80 random bits, easy to read out
  const UnixMillis now = deps.clock.NowMillis();
  const UnixMillis expires = now + deps.options.invitation_days * 24LL * 3600 * 1000;
  RETURN_IF_ERROR(deps.store.links().CreateInvitation(
      {crypto::HashToken(crypto::CanonicalRecoveryCode(code)), ctx.caller().user.id, now, expires}));
  Log(LogLevel::kInfo, "link.invitation_created", {{"clinician", LogId(ctx.caller().user.id)}});
  return JsonReply(201, Json{{"code", code}, {"expires_at", FormatIso8601(expires)}});
}

Result<Reply> HandleCreateLink(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(RequireRole(ctx, store::Role::kClient));
  ObjectReader reader(ctx.body);
  ASSIGN_OR_RETURN(const std::string code, reader.RequiredString("code", 64));
  ASSIGN_OR_RETURN(const Json* share, reader.OptionalObject("share"));
  RETURN_IF_ERROR(reader.Finish());
  ASSIGN_OR_RETURN(const Json share_json, ParseShare(share ? *share : Json::object()));
  const UnixMillis now = deps.clock.NowMillis();
  store::LinkRecord link{NewId(), ctx.caller().user.id, "", share_json.dump(), now, now};
  auto made = deps.store.links().Redeem(crypto::HashToken(crypto::CanonicalRecoveryCode(code)),
                                        link, now);
  if (made.status().code() == StatusCode::kNotFound) {
    return InvalidArgument("that invitation code is not valid: it may be mistyped, used or "
                           "expired; ask your clinician for a new one", "code");
  }
  if (!made.ok()) return made.status();
  Log(LogLevel::kInfo, "link.created", {{"user", LogId(link.client_id)}, {"link", LogId(link.id)}});
  ASSIGN_OR_RETURN(Json body, LinkJson(deps, *made, /*for_client=*/true));
  return JsonReply(201, Json{{"link", std::move(body)}});
}

Result<Reply> HandleListLinks(ApiDeps& deps, RequestContext& ctx) {
  const bool client = ctx.caller().user.role == store::Role::kClient;
  ASSIGN_OR_RETURN(const auto links, client ? deps.store.links().ForClient(ctx.caller().user.id)
                                            : deps.store.links().ForClinician(ctx.caller().user.id));
  Json out = Json::array();
  for (const store::LinkRecord& l : links) {
    ASSIGN_OR_RETURN(Json one, LinkJson(deps, l, client));
    out.push_back(std::move(one));
  }
  return JsonReply(200, Json{{"links", std::move(out)}});
}

Result<Reply> HandlePatchLink(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(RequireRole(ctx, store::Role::kClient));
  ObjectReader reader(ctx.body);
  ASSIGN_OR_RETURN(const Json* share, reader.OptionalObject("share"));
  RETURN_IF_ERROR(reader.Finish());
  if (share == nullptr) return InvalidArgument("share is required", "share");
  ASSIGN_OR_RETURN(const Json share_json, ParseShare(*share));
  const std::string& id = ctx.params.at("id");
  RETURN_IF_ERROR(deps.store.links().UpdateShare(ctx.caller().user.id, id, share_json.dump(),
                                                 deps.clock.NowMillis()));
  Log(LogLevel::kInfo, "link.share_changed", {{"user", LogId(ctx.caller().user.id)}, {"link", LogId(id)}});
  ASSIGN_OR_RETURN(const auto links, deps.store.links().ForClient(ctx.caller().user.id));
  for (const store::LinkRecord& l : links) {
    if (l.id != id) continue;
    ASSIGN_OR_RETURN(Json body, LinkJson(deps, l, /*for_client=*/true));
    return JsonReply(200, Json{{"link", std::move(body)}});
  }
  return NotFound("no such link");
}

Result<Reply> HandleDeleteLink(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(RequireRole(ctx, store::Role::kClient));
  RETURN_IF_ERROR(deps.store.links().Delete(ctx.caller().user.id, ctx.params.at("id")));
  Log(LogLevel::kInfo, "link.revoked",
      {{"user", LogId(ctx.caller().user.id)}, {"link", LogId(ctx.params.at("id"))}});
  return NoContent();
}

Result<Reply> HandleClinicianAlerts(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(RequireRole(ctx, store::Role::kClinician));
  ASSIGN_OR_RETURN(const AlertFilter filter, ParseAlertFilter(ctx));
  ASSIGN_OR_RETURN(const auto alerts, deps.store.safety().AlertsForClinician(
                                          ctx.caller().user.id, filter.open_only, filter.limit));
  // Each client whose alerts are listed sees one "alerts" line in their access log.
  std::set<std::string> clients;
  for (const store::AlertRecord& a : alerts) clients.insert(a.user_id);
  for (const std::string& client_id : clients) {
    RETURN_IF_ERROR(RecordAccess(deps, ctx, client_id, "alerts"));
  }
  Json out = Json::array();
  for (const store::AlertRecord& a : alerts) {
    ASSIGN_OR_RETURN(Json one, AlertJson(deps, a));
    out.push_back(std::move(one));
  }
  return JsonReply(200, Json{{"alerts", std::move(out)}});
}

Result<Reply> HandleAcknowledgeAlert(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(RequireRole(ctx, store::Role::kClinician));
  ObjectReader reader(ctx.body);
  RETURN_IF_ERROR(reader.Finish());
  const std::string& id = ctx.params.at("id");
  // Only an alert this clinician may see can be acknowledged by them (NotFound otherwise,
  // so alert ids of other clinicians' clients reveal nothing).
  ASSIGN_OR_RETURN(const auto visible,
                   deps.store.safety().AlertsForClinician(ctx.caller().user.id, false, 0));
  const auto it = std::find_if(visible.begin(), visible.end(),
                               [&](const store::AlertRecord& a) { return a.id == id; });
  if (it == visible.end()) return NotFound("no such alert");
  // Acknowledging reads the alert of this client: it goes in their access log.
  RETURN_IF_ERROR(RecordAccess(deps, ctx, it->user_id, "alerts", "acknowledge"));
  RETURN_IF_ERROR(deps.store.safety().AcknowledgeAlert(id, ctx.caller().user.id, deps.clock.NowMillis()));
  Log(LogLevel::kInfo, "safety.alert_acknowledged",
      {{"alert", LogId(id)}, {"clinician", LogId(ctx.caller().user.id)}});
  ASSIGN_OR_RETURN(const store::AlertRecord updated, deps.store.safety().GetAlert(id));
  ASSIGN_OR_RETURN(Json body, AlertJson(deps, updated));
  return JsonReply(200, Json{{"alert", std::move(body)}});
}

}  // namespace interlude::api
