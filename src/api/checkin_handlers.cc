// Mood check-in endpoints: create, list by time range, delete.
#include "api/analysis_attach.h"
#include "api/checkin_content.h"
#include "api/client_reads.h"
#include "api/handlers.h"
#include "api/reflection_step.h"
#include "api/write_safety.h"
#include "base/log.h"
#include "base/random.h"
#include "base/time_format.h"
#include "safety/tier_policy.h"

namespace interlude::api {
namespace {

store::RecordRepository& Checkins(ApiDeps& deps) {
  return deps.store.records(store::Collection::kCheckins);
}

Result<std::optional<UnixMillis>> QueryTime(const RequestContext& ctx, const char* name) {
  const auto it = ctx.request.query.find(name);
  if (it == ctx.request.query.end() || it->second.empty()) return std::optional<UnixMillis>();
  auto t = ParseIso8601(it->second, /*date_alone_ok=*/true);
  if (!t.ok()) return InvalidArgument(std::string(name) + ": " + t.status().message(), name);
  return std::optional<UnixMillis>(*t);
}

}  // namespace

Result<Reply> HandleCreateCheckin(ApiDeps& deps, RequestContext& ctx) {
  const UnixMillis now = deps.clock.NowMillis();
  ASSIGN_OR_RETURN(CheckinInput input, ParseCheckinInput(ctx.body, now));
  std::optional<text::Analysis> analysis;
  std::string note;
  if (input.content["note"].is_string()) {
    note = input.content["note"].get<std::string>();
    analysis = AttachAnalysis(deps, note, input.content);
  }
  store::SealedRecord r;
  r.id = NewId();
  r.user_id = ctx.caller().user.id;
  r.kind = "mood";
  r.sort_at = input.at;
  r.created_at = r.updated_at = now;
  const WriteSafety ws = AssessWrite(deps, ctx.caller(), safety::AssessText(RiskOf(analysis)),
                                     store::Collection::kCheckins, r.id, now);
  KeepWithItem(ws.assessment, input.content, r);
  const std::string json = SealCheckin(deps.vault, ctx.caller().data_key, input.content, r);
  RETURN_IF_ERROR(Checkins(deps).Insert(r, AlertOf(ws)));  // SAFE-080: stored first
  Log(LogLevel::kInfo, "checkin.created",
      {{"user", LogId(r.user_id)}, {"checkin", LogId(r.id)}, {"tier", r.risk_tier}});
  AfterCommit(deps, ctx.caller(), ws);
  return RawJsonReply(201, "{\"checkin\":" + json + SafetyResponseMember(deps, ctx.caller(), ws) +
                               ReflectionMember(deps, ctx.caller(), note, analysis, r.risk_tier, r.id) +
                               "}");
}

Result<store::ListQuery> ParseCheckinQuery(const RequestContext& ctx) {
  store::ListQuery q;
  ASSIGN_OR_RETURN(const auto from, QueryTime(ctx, "from"));
  ASSIGN_OR_RETURN(const auto to, QueryTime(ctx, "to"));
  if (from) q.from = *from;
  if (to) q.to = *to;
  if (from && to && *from > *to) return InvalidArgument("from must not be after to", "from");
  ASSIGN_OR_RETURN(const std::int64_t limit, QueryInt(ctx, "limit", 1, 1000, 100));
  q.limit = static_cast<int>(limit);
  return q;
}

Result<std::string> CheckinListJson(ApiDeps& deps, const std::string& user_id,
                                    const crypto::SecretKey& key, const store::ListQuery& query) {
  ASSIGN_OR_RETURN(const auto rows, Checkins(deps).List(user_id, query));
  std::string out = "{\"checkins\":[";
  out.reserve(rows.size() * 320);
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i > 0) out.push_back(',');
    RETURN_IF_ERROR(AppendCheckinJson(deps.vault, key, rows[i], out));
  }
  out += "]}";
  return out;
}

Result<Reply> HandleListCheckins(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const store::ListQuery q, ParseCheckinQuery(ctx));
  ASSIGN_OR_RETURN(std::string out,
                   CheckinListJson(deps, ctx.caller().user.id, ctx.caller().data_key, q));
  return RawJsonReply(200, std::move(out));
}

Result<Reply> HandleDeleteCheckin(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(Checkins(deps).Delete(ctx.caller().user.id, ctx.params.at("id")));
  Log(LogLevel::kInfo, "checkin.deleted",
      {{"user", LogId(ctx.caller().user.id)}, {"checkin", LogId(ctx.params.at("id"))}});
  return NoContent();
}

}  // namespace interlude::api
