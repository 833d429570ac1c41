// Safety endpoints: crisis resources by country, the screener (its questions, answering it,
// past results) and the safety plan. See docs/api.md "Safety" and docs/safety.md.
#include <algorithm>

#include "api/client_access.h"
#include "api/handlers.h"
#include "api/record_json.h"
#include "api/user_json.h"
#include "api/write_safety.h"
#include "base/log.h"
#include "base/random.h"
#include "base/time_format.h"
#include "safety/safety_layer.h"
#include "safety/safety_plan.h"
#include "safety/screener.h"

namespace interlude::api {
namespace {

constexpr char kScreeningTable[] = "screenings";
constexpr char kPlanTable[] = "safety_plans";

Status RequireSafetyLayer(const ApiDeps& deps) {
  if (deps.safety == nullptr) return Unavailable("the safety layer is not loaded");
  return OkStatus();
}

void ScreeningClear(const store::SealedRecord& r, std::string& out) {
  AppendJsonMember(out, "id", r.id, /*comma=*/false);
  AppendJsonMember(out, "created_at", FormatIso8601(r.created_at));
}

void PlanClear(const store::SealedRecord& r, std::string& out) {
  AppendJsonMember(out, "updated_at", FormatIso8601(r.updated_at), /*comma=*/false);
}

// The screener's answers: q1..q6 and q6_recent, each true, false or absent.
Result<safety::ScreenerAnswers> ParseAnswers(const Json& body) {
  ObjectReader reader(body);
  ASSIGN_OR_RETURN(const Json* answers, reader.OptionalObject("answers"));
  ASSIGN_OR_RETURN(const auto conversation, reader.OptionalString("conversation_id", 64));
  (void)conversation;  // accepted now so the companion (later) can tie a screening to a chat
  RETURN_IF_ERROR(reader.Finish());
  if (answers == nullptr) return InvalidArgument("answers is required", "answers");
  ObjectReader a(*answers, "answers.");
  safety::ScreenerAnswers out;
  ASSIGN_OR_RETURN(out.q1, a.OptionalBool("q1"));
  ASSIGN_OR_RETURN(out.q2, a.OptionalBool("q2"));
  ASSIGN_OR_RETURN(out.q3, a.OptionalBool("q3"));
  ASSIGN_OR_RETURN(out.q4, a.OptionalBool("q4"));
  ASSIGN_OR_RETURN(out.q5, a.OptionalBool("q5"));
  ASSIGN_OR_RETURN(out.q6, a.OptionalBool("q6"));
  ASSIGN_OR_RETURN(out.q6_recent, a.OptionalBool("q6_recent"));
  RETURN_IF_ERROR(a.Finish());
  const Status valid = safety::ValidateScreener(out);
  if (!valid.ok()) return InvalidArgument(valid.message(), "answers." + valid.field());
  return out;
}

Json AnswersJson(const safety::ScreenerAnswers& a) {
  Json out = Json::object();
  const auto put = [&out](const char* name, const std::optional<bool>& v) {
    if (v) out[name] = *v;
  };
  put("q1", a.q1);
  put("q2", a.q2);
  put("q3", a.q3);
  put("q4", a.q4);
  put("q5", a.q5);
  put("q6", a.q6);
  put("q6_recent", a.q6_recent);
  return out;
}

}  // namespace

Result<Reply> HandleSafetyResources(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(RequireSafetyLayer(deps));
  std::string country;
  if (const auto it = ctx.request.query.find("country"); it != ctx.request.query.end()) {
    country = it->second;
    if (!country.empty()) RETURN_IF_ERROR(ValidateCountry(country));
  }
  const safety::CountryHelplines& lines = deps.safety->helplines().For(country);
  Json resources = Json::array();
  for (const safety::Resource& r : lines.resources) resources.push_back(safety::ResourceJson(r));
  return JsonReply(200, Json{{"country", lines.country.empty() ? Json(nullptr) : Json(lines.country)},
                             {"resources", std::move(resources)}});
}

Result<Reply> HandleScreenerQuestions(ApiDeps& deps, RequestContext&) {
  RETURN_IF_ERROR(RequireSafetyLayer(deps));
  Json questions = Json::array();
  for (const safety::ScreenerQuestion& q : deps.safety->screener_questions()) {
    questions.push_back({{"id", q.id}, {"text", q.text}, {"time_frame", q.time_frame}});
  }
  return JsonReply(200, Json{{"questions", std::move(questions)}});
}

Result<Reply> HandleCreateScreening(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const safety::ScreenerAnswers answers, ParseAnswers(ctx.body));
  const UnixMillis now = deps.clock.NowMillis();
  store::SealedRecord r;
  r.id = NewId();
  r.user_id = ctx.caller().user.id;
  r.kind = "cssrs_screener";
  r.sort_at = r.created_at = r.updated_at = now;
  const WriteSafety ws = AssessWrite(deps, ctx.caller(), safety::TriageScreener(answers),
                                     store::Collection::kScreenings, r.id, now);
  Json content = {{"answers", AnswersJson(answers)}};
  KeepWithItem(ws.assessment, content, r);
  content["tier"] = safety::TierName(ws.assessment.tier);
  const std::string json =
      SealRecordJson(deps.vault, ctx.caller().data_key, kScreeningTable, ScreeningClear, content, r);
  RETURN_IF_ERROR(deps.store.records(store::Collection::kScreenings).Insert(r, AlertOf(ws)));
  Log(LogLevel::kInfo, "screening.created",
      {{"user", LogId(r.user_id)}, {"screening", LogId(r.id)}, {"tier", r.risk_tier}});
  AfterCommit(deps, ctx.caller(), ws);
  // The screener always answers, also when nothing was found (tier none).
  const std::string safety = SafetyResponseJson(deps, ctx.caller(), ws).dump();
  return RawJsonReply(201, "{\"screening\":" + json + ",\"safety\":" + safety + "}");
}

Result<Reply> HandleListScreenings(ApiDeps& deps, RequestContext& ctx) {
  store::ListQuery q;
  ASSIGN_OR_RETURN(const std::int64_t limit, QueryInt(ctx, "limit", 1, 100, 20));
  q.limit = static_cast<int>(limit);
  ASSIGN_OR_RETURN(const auto rows, deps.store.records(store::Collection::kScreenings)
                                        .List(ctx.caller().user.id, q));
  std::string out = "{\"screenings\":[";
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i > 0) out.push_back(',');
    RETURN_IF_ERROR(AppendRecordJson(deps.vault, ctx.caller().data_key, kScreeningTable, rows[i],
                                     ScreeningClear, out));
  }
  out += "]}";
  return RawJsonReply(200, std::move(out));
}

namespace {

// {"plan": ...} for `user_id`'s plan opened with `key` (an empty plan before the first save).
Result<Reply> PlanReply(ApiDeps& deps, const std::string& user_id, const crypto::SecretKey& key) {
  auto row = deps.store.records(store::Collection::kSafetyPlans).Get(user_id, user_id);
  if (row.status().code() == StatusCode::kNotFound) {
    Json plan = safety::EmptySafetyPlan();
    plan["updated_at"] = nullptr;
    return JsonReply(200, Json{{"plan", std::move(plan)}});
  }
  if (!row.ok()) return row.status();
  std::string out = "{\"plan\":";
  RETURN_IF_ERROR(AppendRecordJson(deps.vault, key, kPlanTable, *row, PlanClear, out));
  out.push_back('}');
  return RawJsonReply(200, std::move(out));
}

}  // namespace

Result<Reply> HandleGetSafetyPlan(ApiDeps& deps, RequestContext& ctx) {
  return PlanReply(deps, ctx.caller().user.id, ctx.caller().data_key);
}

// A linked clinician reads a client's plan only while the client shares `safety_plan`
// (NotFound otherwise, so client ids reveal nothing).
Result<Reply> HandleClinicianSafetyPlan(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const ClientAccess access, ResolveClient(deps, ctx, ctx.params.at("id")));
  RETURN_IF_ERROR(RequireShare(access, kShareSafetyPlan));
  ASSIGN_OR_RETURN(const crypto::SecretKey key, ClientDataKey(deps, access));
  RETURN_IF_ERROR(RecordAccess(deps, ctx, access.client.id, "safety_plan"));
  Log(LogLevel::kInfo, "safety_plan.read_by_clinician",
      {{"clinician", LogId(ctx.caller().user.id)}, {"client", LogId(access.client.id)}});
  return PlanReply(deps, access.client.id, key);
}

Result<Reply> HandlePutSafetyPlan(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const Json plan, safety::ParseSafetyPlan(ctx.body));
  const std::string& user_id = ctx.caller().user.id;
  store::RecordRepository& plans = deps.store.records(store::Collection::kSafetyPlans);
  const UnixMillis now = deps.clock.NowMillis();
  store::SealedRecord r;
  r.id = user_id;  // one plan per person
  r.user_id = user_id;
  r.kind = "stanley_brown";
  r.sort_at = r.created_at = r.updated_at = now;
  auto existing = plans.Get(user_id, user_id);
  if (existing.ok()) r.created_at = existing->created_at;
  const std::string json =
      SealRecordJson(deps.vault, ctx.caller().data_key, kPlanTable, PlanClear, plan, r);
  Status st = existing.ok() ? plans.Replace(r) : plans.Insert(r);
  if (st.code() == StatusCode::kAlreadyExists) st = plans.Replace(r);  // a concurrent first save
  RETURN_IF_ERROR(st);
  Log(LogLevel::kInfo, "safety_plan.saved", {{"user", LogId(user_id)}});
  return RawJsonReply(200, "{\"plan\":" + json + "}");
}

}  // namespace interlude::api
