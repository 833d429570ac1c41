// Journal entry endpoints: create, list (newest first, cursor paging), get, replace, delete.
#include <cstdlib>

#include "api/analysis_attach.h"
#include "api/entry_content.h"
#include "api/handlers.h"
#include "api/record_json.h"
#include "api/reflection_step.h"
#include "api/write_safety.h"
#include "base/log.h"
#include "base/random.h"
#include "safety/tier_policy.h"

namespace interlude::api {
namespace {

store::RecordRepository& Entries(ApiDeps& deps) {
  return deps.store.records(store::Collection::kEntries);
}

// Cursors are "<sort_at>.<id>": opaque to clients, validated here.
std::string EncodeCursor(const store::SealedRecord& r) {
  return std::to_string(r.sort_at) + "." + r.id;
}

Result<store::Cursor> DecodeCursor(const std::string& text) {
  const size_t dot = text.find('.');
  const auto bad = [] { return InvalidArgument("before is not a valid cursor", "before"); };
  if (dot == std::string::npos || dot == 0 || dot > 19 || text.size() - dot - 1 > 64) return bad();
  char* end = nullptr;
  const long long at = std::strtoll(text.c_str(), &end, 10);
  if (end != text.c_str() + dot) return bad();
  return store::Cursor{at, text.substr(dot + 1)};
}

Result<Reply> EntryReply(ApiDeps& deps, RequestContext& ctx, const store::SealedRecord& r) {
  std::string out = "{\"entry\":";
  RETURN_IF_ERROR(AppendEntryJson(deps.vault, ctx.caller().data_key, r, out));
  out.push_back('}');
  return RawJsonReply(200, std::move(out));
}

}  // namespace

Result<Reply> HandleCreateEntry(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(EntryInput input, ParseEntryInput(ctx.body));
  const AnalysedText analysed = EntryText(input.content);
  const std::optional<text::Analysis> analysis =
      AttachAnalysis(deps, analysed.text, input.content, analysed.segments);
  const UnixMillis now = deps.clock.NowMillis();
  store::SealedRecord r;
  r.id = NewId();
  r.user_id = ctx.caller().user.id;
  r.kind = input.kind;
  r.sort_at = r.created_at = r.updated_at = now;
  const WriteSafety ws = AssessWrite(deps, ctx.caller(), safety::AssessText(RiskOf(analysis)),
                                     store::Collection::kEntries, r.id, now);
  KeepWithItem(ws.assessment, input.content, r);
  const std::string json = SealEntry(deps.vault, ctx.caller().data_key, input.content, r);
  RETURN_IF_ERROR(Entries(deps).Insert(r, AlertOf(ws)));  // SAFE-080: stored first
  Log(LogLevel::kInfo, "entry.created", {{"user", LogId(r.user_id)}, {"entry", LogId(r.id)},
                                         {"bytes", static_cast<std::uint64_t>(r.body.size())},
                                         {"tier", r.risk_tier}});
  AfterCommit(deps, ctx.caller(), ws);
  return RawJsonReply(201, "{\"entry\":" + json + SafetyResponseMember(deps, ctx.caller(), ws) +
                               ReflectionMember(deps, ctx.caller(), analysed.text, analysis,
                                                r.risk_tier, r.id) +
                               "}");
}

Result<Reply> HandleListEntries(ApiDeps& deps, RequestContext& ctx) {
  store::ListQuery q;
  ASSIGN_OR_RETURN(const std::int64_t limit, QueryInt(ctx, "limit", 1, 100, 20));
  q.limit = static_cast<int>(limit);
  if (const auto it = ctx.request.query.find("before"); it != ctx.request.query.end()) {
    ASSIGN_OR_RETURN(q.before, DecodeCursor(it->second));
  }
  // Ask for one more than the page to know whether another page follows.
  ++q.limit;
  ASSIGN_OR_RETURN(auto rows, Entries(deps).List(ctx.caller().user.id, q));
  const bool more = rows.size() > static_cast<size_t>(limit);
  if (more) rows.pop_back();
  std::string out = "{\"entries\":[";
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i > 0) out.push_back(',');
    RETURN_IF_ERROR(AppendEntryJson(deps.vault, ctx.caller().data_key, rows[i], out));
  }
  out += "],\"next_before\":";
  out += more ? JsonString(EncodeCursor(rows.back())) : "null";
  out += "}";
  return RawJsonReply(200, std::move(out));
}

Result<Reply> HandleGetEntry(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const store::SealedRecord r,
                   Entries(deps).Get(ctx.caller().user.id, ctx.params.at("id")));
  return EntryReply(deps, ctx, r);
}

Result<Reply> HandleReplaceEntry(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(store::SealedRecord r,
                   Entries(deps).Get(ctx.caller().user.id, ctx.params.at("id")));
  ASSIGN_OR_RETURN(EntryInput input, ParseEntryInput(ctx.body));
  const AnalysedText analysed = EntryText(input.content);
  const std::optional<text::Analysis> analysis =
      AttachAnalysis(deps, analysed.text, input.content, analysed.segments);
  r.kind = input.kind;
  r.updated_at = deps.clock.NowMillis();
  const WriteSafety ws = AssessWrite(deps, ctx.caller(), safety::AssessText(RiskOf(analysis)),
                                     store::Collection::kEntries, r.id, r.updated_at);
  KeepWithItem(ws.assessment, input.content, r);
  const std::string json = SealEntry(deps.vault, ctx.caller().data_key, input.content, r);
  RETURN_IF_ERROR(Entries(deps).Replace(r, AlertOf(ws)));
  Log(LogLevel::kInfo, "entry.replaced",
      {{"user", LogId(r.user_id)}, {"entry", LogId(r.id)}, {"tier", r.risk_tier}});
  AfterCommit(deps, ctx.caller(), ws);
  // A changed entry is reflected on afresh (seeded by its id and time, so a new reply).
  return RawJsonReply(200, "{\"entry\":" + json + SafetyResponseMember(deps, ctx.caller(), ws) +
                               ReflectionMember(deps, ctx.caller(), analysed.text, analysis,
                                                r.risk_tier, r.id + std::to_string(r.updated_at)) +
                               "}");
}

Result<Reply> HandleDeleteEntry(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(Entries(deps).Delete(ctx.caller().user.id, ctx.params.at("id")));
  Log(LogLevel::kInfo, "entry.deleted",
      {{"user", LogId(ctx.caller().user.id)}, {"entry", LogId(ctx.params.at("id"))}});
  return NoContent();
}

// SCAFFOLD (H2): PATCH {shared}.
Result<Reply> HandlePatchEntry(ApiDeps&, RequestContext&) { return Internal("not built yet"); }

}  // namespace interlude::api
