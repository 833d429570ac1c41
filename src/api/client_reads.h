// One person's data as their own endpoints answer it, read for a given person with their
// data key — shared by the person's endpoints (GET /checkins, /entries, ...) and a linked
// clinician's views of the same data (clinician_read_handlers.cc, caseload_handlers.cc), so
// both answer in the same shape from the same code. Each read comes in two steps: parse the
// query (InvalidArgument naming the field), then read; a clinician handler records the
// access between the two, so a refused query is never logged as a read.
//
// The functions live beside the endpoints they came from (checkin_handlers.cc,
// entry_handlers.cc, insights_handlers.cc, assessment_handlers.cc, schedule_handlers.cc,
// conversation_handlers.cc, link_handlers.cc).
//
// Thread-safety: stateless functions over thread-safe dependencies.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/api_context.h"
#include "care/insights.h"

namespace interlude::api {

// Check-ins: ?from=&to=&limit= (docs/api.md "Mood check-ins").
Result<store::ListQuery> ParseCheckinQuery(const RequestContext& ctx);
// `{"checkins":[…]}`, newest first by `at`.
Result<std::string> CheckinListJson(ApiDeps& deps, const std::string& user_id,
                                    const crypto::SecretKey& key, const store::ListQuery& query);

// Journal entries: ?limit=&before= (docs/api.md "Journal entries").
struct EntryPage {
  int limit = 20;
  std::optional<store::Cursor> before;
};
Result<EntryPage> ParseEntryPage(const RequestContext& ctx);
// `{"entries":[…],"next_before":…}`, newest first. With `shared_only`, only entries marked
// shared, filtered while paging (a page holds up to `limit` shared entries and
// `next_before` continues after the last of them).
Result<std::string> EntryPageJson(ApiDeps& deps, const std::string& user_id,
                                  const crypto::SecretKey& key, const EntryPage& page,
                                  bool shared_only);

// Insights: ?from=&to= (docs/api.md "Insights").
Result<care::InsightsRequest> ParseInsightsRequest(ApiDeps& deps, const RequestContext& ctx);
// Which journal entries feed mood analytics (their times and themes).
enum class EntryFilter { kAll, kSharedOnly, kNone };
// The person's check-ins and entries in `window`, reduced to what the analytics read.
Result<care::MoodData> LoadMoodData(ApiDeps& deps, const std::string& user_id,
                                    const crypto::SecretKey& key, const care::FetchWindow& window,
                                    EntryFilter entries);
// The `GET /api/v1/insights` body.
Result<std::string> InsightsJsonFor(ApiDeps& deps, const std::string& user_id,
                                    const crypto::SecretKey& key,
                                    const care::InsightsRequest& request, EntryFilter entries);

// Questionnaires: ?instrument=&limit= (docs/api.md "Questionnaires").
struct AssessmentFilter {
  int limit = 20;
  std::string instrument;  // empty: all
};
Result<AssessmentFilter> ParseAssessmentFilter(ApiDeps& deps, const RequestContext& ctx);
// `{"assessments":[…]}`, newest first.
Result<std::string> AssessmentListJson(ApiDeps& deps, const std::string& user_id,
                                       const crypto::SecretKey& key,
                                       const AssessmentFilter& filter);

// The questionnaire schedule of one person (docs/api.md "Questionnaires", schedule).
struct ScheduleRow {
  std::string instrument;
  std::string frequency;
  std::optional<UnixMillis> last_completed_at;
  std::optional<UnixMillis> due_at;
  std::string state;  // "due", "overdue", "upcoming", "off"
};
struct Schedule {
  std::vector<ScheduleRow> rows;  // in the instruments' order
  std::optional<UnixMillis> next_session_at;
};
// Reads only the clear kind and time of each questionnaire. Unavailable without instruments.
Result<Schedule> ComputeSchedule(ApiDeps& deps, const store::UserRecord& user);

// `[{id, summary, updated_at}]` of the person's conversations with `share_summary`, most
// recently active first. A damaged conversation is left out, never the rest.
Result<Json> SharedConversationSummaries(ApiDeps& deps, const std::string& user_id,
                                         const crypto::SecretKey& key);

// Alerts: ?status=open|all&limit= (docs/api.md "Links and safety alerts").
struct AlertFilter {
  bool open_only = false;
  int limit = 100;
};
Result<AlertFilter> ParseAlertFilter(const RequestContext& ctx);
// An alert's API form {id, client, source, item_id, tier, reasons, created_at,
// acknowledged_at, acknowledged_by}. NotFound when its client no longer exists.
Result<Json> AlertJson(ApiDeps& deps, const store::AlertRecord& alert);

}  // namespace interlude::api
