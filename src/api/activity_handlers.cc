// Behavioural-activation plans: activities the person plans (pleasure, mastery or values),
// marks done, and rates mood before and after. The title is sealed; only the planned time
// (for ordering) is in clear. See docs/api.md "Activities".
#include <algorithm>
#include <array>

#include "api/handlers.h"
#include "api/record_json.h"
#include "base/log.h"
#include "base/random.h"
#include "base/time_format.h"

namespace interlude::api {
namespace {

constexpr char kActivityTable[] = "activities";
constexpr size_t kMaxTitleChars = 200;
constexpr std::array<std::string_view, 3> kCategories = {"pleasure", "mastery", "values"};

store::RecordRepository& Activities(ApiDeps& deps) {
  return deps.store.records(store::Collection::kActivities);
}

void ActivityClear(const store::SealedRecord& r, std::string& out) {
  AppendJsonMember(out, "id", r.id, /*comma=*/false);
  AppendJsonMember(out, "created_at", FormatIso8601(r.created_at));
  AppendJsonMember(out, "updated_at", FormatIso8601(r.updated_at));
}

// Applies the members present in `body` to `content` (and the planned time to `record`);
// `creating` makes title and planned_for required. Nothing is applied unless all is valid.
Status ApplyActivity(const Json& body, bool creating, Json& content, store::SealedRecord& record) {
  ObjectReader reader(body);
  ASSIGN_OR_RETURN(const auto title, reader.OptionalString("title", kMaxTitleChars));
  ASSIGN_OR_RETURN(const auto planned_for, reader.OptionalString("planned_for", 40));
  ASSIGN_OR_RETURN(const auto category, reader.OptionalString("category", 20));
  ASSIGN_OR_RETURN(const auto done, reader.OptionalBool("done"));
  ASSIGN_OR_RETURN(const auto before, reader.OptionalInt("mood_before", 0, 10));
  ASSIGN_OR_RETURN(const auto after, reader.OptionalInt("mood_after", 0, 10));
  RETURN_IF_ERROR(reader.Finish());
  if (creating && (!title || title->find_first_not_of(" \t\r\n") == std::string::npos)) {
    return InvalidArgument("title is required", "title");
  }
  if (title && title->find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidArgument("title must not be blank", "title");
  }
  if (creating && !planned_for) return InvalidArgument("planned_for is required", "planned_for");
  std::optional<UnixMillis> when;
  if (planned_for) {
    // The browser may send its local time without a zone ("2026-11-28T18:30"); it is kept
    // as written for display and ordered as if it were UTC (the server knows no zones).
    auto t = ParseIso8601(*planned_for, /*date_alone_ok=*/true);
    if (!t.ok() && planned_for->size() >= 16 && planned_for->size() <= 19) {
      t = ParseIso8601(*planned_for + "Z");
    }
    if (!t.ok()) {
      return InvalidArgument("planned_for must be a date and time such as 2026-11-28T18:30",
                             "planned_for");
    }
    when = *t;
  }
  if (category && std::find(kCategories.begin(), kCategories.end(), *category) == kCategories.end()) {
    return InvalidArgument("category must be one of pleasure, mastery, values", "category");
  }
  if (creating) content = {{"title", ""}, {"category", "pleasure"}, {"done", false},
                           {"mood_before", nullptr}, {"mood_after", nullptr}};
  if (title) content["title"] = *title;
  if (category) content["category"] = *category;
  if (done) content["done"] = *done;
  if (before) content["mood_before"] = *before;
  if (after) content["mood_after"] = *after;
  if (when) {
    record.sort_at = *when;
    content["planned_for"] = *planned_for;
  }
  return OkStatus();
}

}  // namespace

Result<Reply> HandleCreateActivity(ApiDeps& deps, RequestContext& ctx) {
  const UnixMillis now = deps.clock.NowMillis();
  store::SealedRecord r;
  r.id = NewId();
  r.user_id = ctx.caller().user.id;
  r.kind = "activity";
  r.created_at = r.updated_at = now;
  Json content;
  RETURN_IF_ERROR(ApplyActivity(ctx.body, /*creating=*/true, content, r));
  const std::string json =
      SealRecordJson(deps.vault, ctx.caller().data_key, kActivityTable, ActivityClear, content, r);
  RETURN_IF_ERROR(Activities(deps).Insert(r));
  Log(LogLevel::kInfo, "activity.created", {{"user", LogId(r.user_id)}, {"activity", LogId(r.id)}});
  return RawJsonReply(201, json);
}

Result<Reply> HandleListActivities(ApiDeps& deps, RequestContext& ctx) {
  store::ListQuery q;
  for (const char* name : {"from", "to"}) {
    const auto it = ctx.request.query.find(name);
    if (it == ctx.request.query.end() || it->second.empty()) continue;
    auto t = ParseIso8601(it->second, /*date_alone_ok=*/true);
    if (!t.ok()) return InvalidArgument(std::string(name) + ": " + t.status().message(), name);
    (std::string_view(name) == "from" ? q.from : q.to) = *t;
  }
  ASSIGN_OR_RETURN(const std::int64_t limit, QueryInt(ctx, "limit", 1, 500, 200));
  q.limit = static_cast<int>(limit);
  ASSIGN_OR_RETURN(auto rows, Activities(deps).List(ctx.caller().user.id, q));
  std::reverse(rows.begin(), rows.end());  // the plan reads in time order
  std::string out = "{\"items\":[";
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i > 0) out.push_back(',');
    RETURN_IF_ERROR(AppendRecordJson(deps.vault, ctx.caller().data_key, kActivityTable, rows[i],
                                     ActivityClear, out));
  }
  out += "]}";
  return RawJsonReply(200, std::move(out));
}

Result<Reply> HandlePatchActivity(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(store::SealedRecord r,
                   Activities(deps).Get(ctx.caller().user.id, ctx.params.at("id")));
  ASSIGN_OR_RETURN(Json content, OpenRecordJson(deps.vault, ctx.caller().data_key, kActivityTable,
                                                r, NoClearMembers));
  RETURN_IF_ERROR(ApplyActivity(ctx.body, /*creating=*/false, content, r));
  r.updated_at = deps.clock.NowMillis();
  const std::string json =
      SealRecordJson(deps.vault, ctx.caller().data_key, kActivityTable, ActivityClear, content, r);
  RETURN_IF_ERROR(Activities(deps).Replace(r));
  Log(LogLevel::kInfo, "activity.updated", {{"user", LogId(r.user_id)}, {"activity", LogId(r.id)}});
  return RawJsonReply(200, json);
}

Result<Reply> HandleDeleteActivity(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(Activities(deps).Delete(ctx.caller().user.id, ctx.params.at("id")));
  Log(LogLevel::kInfo, "activity.deleted",
      {{"user", LogId(ctx.caller().user.id)}, {"activity", LogId(ctx.params.at("id"))}});
  return NoContent();
}

}  // namespace interlude::api
