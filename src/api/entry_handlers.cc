// Journal entry endpoints: create, list (newest first, cursor paging), get, replace, share
// (PATCH), delete.
#include <cstdlib>

#include "api/analysis_attach.h"
#include "api/client_reads.h"
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

Result<EntryPage> ParseEntryPage(const RequestContext& ctx) {
  EntryPage page;
  ASSIGN_OR_RETURN(const std::int64_t limit, QueryInt(ctx, "limit", 1, 100, 20));
  page.limit = static_cast<int>(limit);
  if (const auto it = ctx.request.query.find("before"); it != ctx.request.query.end()) {
    ASSIGN_OR_RETURN(page.before, DecodeCursor(it->second));
  }
  return page;
}

Result<std::string> EntryPageJson(ApiDeps& deps, const std::string& user_id,
                                  const crypto::SecretKey& key, const EntryPage& page,
                                  bool shared_only) {
  const size_t limit = static_cast<size_t>(page.limit);
  std::string out = "{\"entries\":[";
  if (!shared_only) {
    // Ask for one more than the page to know whether another page follows.
    store::ListQuery q;
    q.limit = page.limit + 1;
    q.before = page.before;
    ASSIGN_OR_RETURN(auto rows, Entries(deps).List(user_id, q));
    const bool more = rows.size() > limit;
    if (more) rows.pop_back();
    for (size_t i = 0; i < rows.size(); ++i) {
      if (i > 0) out.push_back(',');
      RETURN_IF_ERROR(AppendEntryJson(deps.vault, key, rows[i], out));
    }
    out += "],\"next_before\":";
    out += more ? JsonString(EncodeCursor(rows.back())) : "null";
    out += "}";
    return out;
  }
  // Only shared entries: read batches of rows, keeping the shared ones, until the page and
  // one more are found (then another page follows) or the rows run out. The cursor is the
  // last entry returned: the unshared ones after it are skipped again on the next page.
  constexpr int kBatch = 100;
  store::ListQuery q;
  q.limit = kBatch;
  q.before = page.before;
  size_t found = 0;
  bool more = false;
  std::optional<store::SealedRecord> last;
  while (!more) {
    ASSIGN_OR_RETURN(const auto rows, Entries(deps).List(user_id, q));
    for (const store::SealedRecord& r : rows) {
      std::string one;
      ASSIGN_OR_RETURN(const bool shared, AppendEntryJsonIfShared(deps.vault, key, r, one));
      if (!shared) continue;
      if (found == limit) {
        more = true;
        break;
      }
      if (found++ > 0) out.push_back(',');
      out += one;
      last = r;
    }
    if (rows.size() < static_cast<size_t>(kBatch)) break;
    q.before = store::Cursor{rows.back().sort_at, rows.back().id};
  }
  out += "],\"next_before\":";
  out += more ? JsonString(EncodeCursor(*last)) : "null";
  out += "}";
  return out;
}

Result<Reply> HandleListEntries(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const EntryPage page, ParseEntryPage(ctx));
  ASSIGN_OR_RETURN(std::string out, EntryPageJson(deps, ctx.caller().user.id,
                                                  ctx.caller().data_key, page, false));
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

// Only `shared` changes: the words, their analysis, safety tier and updated_at stay as
// they were (the safety history dates an item by when its words were written, and
// sharing is not writing), and there is no reflection.
Result<Reply> HandlePatchEntry(ApiDeps& deps, RequestContext& ctx) {
  ObjectReader reader(ctx.body);
  ASSIGN_OR_RETURN(const auto shared, reader.OptionalBool("shared"));
  RETURN_IF_ERROR(reader.Finish());
  if (!shared) return InvalidArgument("shared is required (true or false)", "shared");
  ASSIGN_OR_RETURN(store::SealedRecord r,
                   Entries(deps).Get(ctx.caller().user.id, ctx.params.at("id")));
  ASSIGN_OR_RETURN(Json content, OpenEntryContent(deps.vault, ctx.caller().data_key, r));
  content["shared"] = *shared;
  const std::string json = SealEntry(deps.vault, ctx.caller().data_key, content, r);
  RETURN_IF_ERROR(Entries(deps).Replace(r));
  Log(LogLevel::kInfo, "entry.sharing_changed",
      {{"user", LogId(r.user_id)}, {"entry", LogId(r.id)}, {"shared", *shared ? 1 : 0}});
  return RawJsonReply(200, "{\"entry\":" + json + "}");
}

}  // namespace interlude::api
