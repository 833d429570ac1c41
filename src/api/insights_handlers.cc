// GET /api/v1/insights: the caller's mood analytics over a range of their local days
// (care/insights.h; docs/api.md "Insights", docs/insights.md). Reads the caller's own
// check-ins and entries in the range (plus the weeks before it that baselines need), opens
// them with the caller's key, and hands plain values to the pure summary.
#include <string>

#include "api/checkin_content.h"
#include "api/client_reads.h"
#include "api/entry_content.h"
#include "api/handlers.h"
#include "base/log.h"
#include "base/time_format.h"
#include "care/insights.h"

namespace interlude::api {
namespace {

// A date alone ("2026-03-01") or a full time; absent or empty -> nullopt.
Result<std::optional<care::RangeBound>> QueryBound(const RequestContext& ctx, const char* name) {
  const auto it = ctx.request.query.find(name);
  if (it == ctx.request.query.end() || it->second.empty()) {
    return std::optional<care::RangeBound>();
  }
  auto t = ParseIso8601(it->second, /*date_alone_ok=*/true);
  if (!t.ok()) return InvalidArgument(std::string(name) + ": " + t.status().message(), name);
  const bool date_only = it->second.size() == 10;  // YYYY-MM-DD
  return std::optional<care::RangeBound>(care::RangeBound{*t, date_only});
}

Status AddCheckins(ApiDeps& deps, const std::string& user_id, const crypto::SecretKey& key,
                   const care::FetchWindow& window, care::MoodData& data) {
  store::ListQuery q;
  q.from = window.from;
  q.to = window.to;
  q.limit = 0;  // the whole window: at most ~3 years
  ASSIGN_OR_RETURN(const auto rows,
                   deps.store.records(store::Collection::kCheckins).List(user_id, q));
  data.Reserve(rows.size(), 0);
  for (const store::SealedRecord& r : rows) {
    ASSIGN_OR_RETURN(const Json c, OpenCheckin(deps.vault, key, r));
    const int valence = c.value("valence", 0);
    const int energy = c.value("energy", 0);
    const int tz = c.value("tz_offset_min", 0);
    if (!data.AddCheckin(r.sort_at, tz, valence, energy).ok()) {
      return DataLoss("stored check-in is out of range");
    }
    if (const auto tags = c.find("tags"); tags != c.end() && tags->is_array()) {
      for (const Json& t : *tags) {
        if (t.is_string()) data.AddCheckinTag(t.get_ref<const std::string&>());
      }
    }
  }
  return OkStatus();
}

Status AddEntries(ApiDeps& deps, const std::string& user_id, const crypto::SecretKey& key,
                  const care::FetchWindow& window, bool shared_only, care::MoodData& data) {
  store::ListQuery q;
  q.from = window.from;
  q.to = window.to;
  q.limit = 0;
  ASSIGN_OR_RETURN(const auto rows,
                   deps.store.records(store::Collection::kEntries).List(user_id, q));
  for (const store::SealedRecord& r : rows) {
    ASSIGN_OR_RETURN(const Json e, OpenEntry(deps.vault, key, r));
    if (shared_only && !e.value("shared", false)) continue;
    RETURN_IF_ERROR(data.AddEntry(r.sort_at, std::nullopt));  // entries carry no offset
    const auto analysis = e.find("analysis");
    if (analysis == e.end() || !analysis->is_object()) continue;
    const auto themes = analysis->find("themes");
    if (themes == analysis->end() || !themes->is_array()) continue;
    for (const Json& t : *themes) {
      if (t.is_object() && t.contains("theme") && t["theme"].is_string()) {
        data.AddEntryTheme(t["theme"].get_ref<const std::string&>());
      }
    }
  }
  return OkStatus();
}

}  // namespace

Result<care::InsightsRequest> ParseInsightsRequest(ApiDeps& deps, const RequestContext& ctx) {
  care::InsightsRequest req;
  req.now = deps.clock.NowMillis();
  ASSIGN_OR_RETURN(req.from, QueryBound(ctx, "from"));
  ASSIGN_OR_RETURN(req.to, QueryBound(ctx, "to"));
  // Refuse what cannot be valid before reading anything (an offset moves each end by less
  // than a day); ComputeInsights checks exactly, in the person's own days.
  const UnixMillis to = req.to ? req.to->at : req.now;
  if (req.from && req.from->at > to + care::kMillisPerDay) {
    return InvalidArgument("from must not be after to", "from");
  }
  if (req.from && to - req.from->at > (care::kMaxRangeDays + 1) * care::kMillisPerDay) {
    return InvalidArgument("the range from from to to must be at most 3 years (" +
                               std::to_string(care::kMaxRangeDays) + " days)",
                           "from");
  }
  return req;
}

Result<care::MoodData> LoadMoodData(ApiDeps& deps, const std::string& user_id,
                                    const crypto::SecretKey& key, const care::FetchWindow& window,
                                    EntryFilter entries) {
  care::MoodData data;
  RETURN_IF_ERROR(AddCheckins(deps, user_id, key, window, data));
  if (entries != EntryFilter::kNone) {
    RETURN_IF_ERROR(
        AddEntries(deps, user_id, key, window, entries == EntryFilter::kSharedOnly, data));
  }
  return data;
}

Result<std::string> InsightsJsonFor(ApiDeps& deps, const std::string& user_id,
                                    const crypto::SecretKey& key,
                                    const care::InsightsRequest& request, EntryFilter entries) {
  ASSIGN_OR_RETURN(const care::MoodData data,
                   LoadMoodData(deps, user_id, key, care::WindowToFetch(request), entries));
  ASSIGN_OR_RETURN(std::string json, care::BuildInsightsJson(data, request));
  Log(LogLevel::kInfo, "insights.read",
      {{"user", LogId(user_id)}, {"checkins", static_cast<std::uint64_t>(data.checkins().size())}});
  return json;
}

Result<Reply> HandleInsights(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const care::InsightsRequest req, ParseInsightsRequest(deps, ctx));
  ASSIGN_OR_RETURN(std::string json, InsightsJsonFor(deps, ctx.caller().user.id,
                                                     ctx.caller().data_key, req, EntryFilter::kAll));
  return RawJsonReply(200, std::move(json));
}

}  // namespace interlude::api
