// GET /api/v1/clinician/clients: the clinician's caseload sorted by need (docs/api.md
// "What a clinician reads", caseload row). For each linked client this gathers facts only
// from the categories that client shares (a field they do not share is null), hands them to
// the pure ranking (care/caseload.h), and records one "caseload" line in the client's
// access log before answering.
#include <map>

#include "api/assessment_json.h"
#include "api/client_access.h"
#include "api/client_reads.h"
#include "api/entry_content.h"
#include "api/handlers.h"
#include "base/log.h"
#include "base/time_format.h"
#include "care/caseload.h"
#include "care/instrument.h"
#include "care/mood_calendar.h"

namespace interlude::api {
namespace {

constexpr std::string_view kLogCaseload = "caseload";

Json TimeOrNull(std::optional<UnixMillis> t) { return t ? Json(FormatIso8601(*t)) : Json(nullptr); }

void Later(std::optional<UnixMillis>& latest, UnixMillis t) {
  if (!latest || t > *latest) latest = t;
}

std::string InstrumentName(const ApiDeps& deps, const std::string& id) {
  const care::Instrument* in = deps.instruments ? deps.instruments->Find(id) : nullptr;
  return in ? in->name : id;
}

struct Row {
  ClientAccess access;
  care::CaseloadFacts facts;
  std::optional<std::vector<std::optional<double>>> sparkline;
  std::optional<UnixMillis> next_session_at;
  care::Need need;
};

// The latest questionnaire of each instrument, in the instruments' order, with reliable
// change against the first of that instrument; and the time of the latest one.
Status AddAssessments(ApiDeps& deps, const crypto::SecretKey& key, Row& row) {
  store::ListQuery all;
  all.limit = 0;
  ASSIGN_OR_RETURN(const auto rows, deps.store.records(store::Collection::kAssessments)
                                        .List(row.access.client.id, all));  // newest first
  std::map<std::string, const store::SealedRecord*> newest;
  for (const store::SealedRecord& r : rows) {
    newest.emplace(r.kind, &r);  // the first seen of a kind is its newest
    Later(row.facts.last_activity_at, r.created_at);
  }
  std::vector<care::LatestScore> latest;
  std::vector<std::string> order;
  for (const char* id : care::InstrumentSet::kIds) order.emplace_back(id);
  for (const std::string& id : order) {
    const auto it = newest.find(id);
    if (it == newest.end()) continue;
    ASSIGN_OR_RETURN(const Json a, OpenAssessment(deps.vault, key, *it->second));
    care::LatestScore s;
    s.instrument = id;
    s.name = InstrumentName(deps, id);
    s.score = a.value("total", 0);
    if (const auto band = a.find("band"); band != a.end() && band->is_object()) {
      s.severity = band->value("id", "");
    }
    s.at = it->second->created_at;
    if (const auto c = a.find("change_from_first"); c != a.end() && c->is_object()) {
      s.reliable_change = c->value("reliable", "none");
      if (const auto p = c->find("previous_total"); p != c->end() && p->is_number_integer()) {
        s.first_score = p->get<int>();
      }
    }
    latest.push_back(std::move(s));
  }
  row.facts.latest = std::move(latest);
  // Overdue by the client's own schedule (only the clear kinds and times are read).
  if (deps.instruments != nullptr) {
    ASSIGN_OR_RETURN(const Schedule schedule, ComputeSchedule(deps, row.access.client));
    std::vector<std::string> overdue;
    for (const ScheduleRow& s : schedule.rows) {
      if (s.state == "overdue") overdue.push_back(InstrumentName(deps, s.instrument));
    }
    row.facts.overdue = std::move(overdue);
  }
  return OkStatus();
}

// The 28-day mood trend, the 14-day sparkline and the latest check-in.
Status AddMood(ApiDeps& deps, const crypto::SecretKey& key, Row& row) {
  const UnixMillis now = row.facts.now;
  care::InsightsRequest request;
  request.now = now;
  request.from = care::RangeBound{now - (care::kMoodTrendDays - 1) * care::kMillisPerDay, false};
  ASSIGN_OR_RETURN(const care::MoodData data,
                   LoadMoodData(deps, row.access.client.id, key, care::WindowToFetch(request),
                                EntryFilter::kNone));
  ASSIGN_OR_RETURN(const care::InsightsSummary summary, care::ComputeInsights(data, request));
  row.facts.mood_direction = summary.trend.sufficient ? summary.trend.direction : "insufficient";
  row.facts.mood_slope_per_week = summary.trend.slope_per_week;
  row.sparkline = care::Sparkline(summary.series, summary.range.last);
  store::ListQuery newest;
  newest.limit = 1;
  ASSIGN_OR_RETURN(const auto rows, deps.store.records(store::Collection::kCheckins)
                                        .List(row.access.client.id, newest));
  if (!rows.empty()) Later(row.facts.last_activity_at, rows.front().created_at);
  return OkStatus();
}

// The newest entry marked shared (entries are opened newest first until one is).
Status AddSharedEntryActivity(ApiDeps& deps, const crypto::SecretKey& key, Row& row) {
  store::ListQuery all;
  all.limit = 0;
  ASSIGN_OR_RETURN(const auto rows,
                   deps.store.records(store::Collection::kEntries).List(row.access.client.id, all));
  for (const store::SealedRecord& r : rows) {
    std::string ignored;
    ASSIGN_OR_RETURN(const bool shared, AppendEntryJsonIfShared(deps.vault, key, r, ignored));
    if (!shared) continue;
    Later(row.facts.last_activity_at, r.created_at);
    break;
  }
  return OkStatus();
}

Status GatherFacts(ApiDeps& deps, const RequestContext& ctx,
                   const std::map<std::string, int>& open_alerts, Row& row) {
  const ClientAccess& access = row.access;
  care::CaseloadFacts& facts = row.facts;
  facts.now = deps.clock.NowMillis();
  facts.linked_at = access.link.created_at;
  ASSIGN_OR_RETURN(const crypto::SecretKey key, ClientDataKey(deps, access));
  RETURN_IF_ERROR(RecordAccess(deps, ctx, access.client.id, kLogCaseload));
  if (access.Shares(kShareSafetyAlerts)) {
    const auto it = open_alerts.find(access.client.id);
    facts.open_alerts = it == open_alerts.end() ? 0 : it->second;
  }
  if (access.Shares(kShareAssessments)) RETURN_IF_ERROR(AddAssessments(deps, key, row));
  if (access.Shares(kShareMood)) RETURN_IF_ERROR(AddMood(deps, key, row));
  if (access.Shares(kShareEntries)) RETURN_IF_ERROR(AddSharedEntryActivity(deps, key, row));
  if (access.Shares(kShareConversations)) {
    ASSIGN_OR_RETURN(const Json summaries, SharedConversationSummaries(deps, access.client.id, key));
    for (const Json& s : summaries) {
      auto at = ParseIso8601(s.value("updated_at", ""));
      if (at.ok()) Later(facts.last_activity_at, *at);
    }
  }
  facts.activity_shared = access.Shares(kShareMood) || access.Shares(kShareAssessments) ||
                          access.Shares(kShareEntries) || access.Shares(kShareConversations);
  row.need = care::AssessNeed(facts);
  ASSIGN_OR_RETURN(const auto sessions, deps.store.clinical_sessions().ForPair(
                                            ctx.caller().user.id, access.client.id));
  for (const store::ClinicalSessionRecord& s : sessions) {  // oldest first
    if (s.starts_at > facts.now) {
      row.next_session_at = s.starts_at;
      break;
    }
  }
  return OkStatus();
}

Json RowJson(const Row& row) {
  const care::CaseloadFacts& f = row.facts;
  Json reasons = Json::array();
  for (const care::NeedReason& r : row.need.reasons) {
    reasons.push_back({{"code", r.code}, {"text", r.text}});
  }
  Json latest = nullptr;
  if (f.latest) {
    latest = Json::array();
    for (const care::LatestScore& s : *f.latest) {
      latest.push_back({{"instrument", s.instrument},
                        {"score", s.score},
                        {"severity", s.severity},
                        {"at", FormatIso8601(s.at)},
                        {"reliable_change", s.reliable_change ? Json(*s.reliable_change)
                                                              : Json(nullptr)}});
    }
  }
  Json sparkline = nullptr;
  if (row.sparkline) {
    sparkline = Json::array();
    for (const auto& v : *row.sparkline) sparkline.push_back(v ? Json(*v) : Json(nullptr));
  }
  return Json{{"client", {{"id", row.access.client.id}, {"handle", row.access.client.handle}}},
              {"linked_at", FormatIso8601(row.access.link.created_at)},
              {"share", row.access.share},
              {"need", {{"score", row.need.score}, {"reasons", std::move(reasons)}}},
              {"open_alerts", f.open_alerts ? Json(*f.open_alerts) : Json(nullptr)},
              {"last_activity_at", f.activity_shared ? TimeOrNull(f.last_activity_at) : Json(nullptr)},
              {"sparkline", std::move(sparkline)},
              {"latest", std::move(latest)},
              {"next_session_at", TimeOrNull(row.next_session_at)}};
}

}  // namespace

Result<Reply> HandleCaseload(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(RequireClinician(ctx));
  const std::string& clinician_id = ctx.caller().user.id;
  ASSIGN_OR_RETURN(const auto links, deps.store.links().ForClinician(clinician_id));
  // Open alerts the clinician may see (the store applies each client's share).
  std::map<std::string, int> open_alerts;
  ASSIGN_OR_RETURN(const auto alerts, deps.store.safety().AlertsForClinician(clinician_id, true, 0));
  for (const store::AlertRecord& a : alerts) ++open_alerts[a.user_id];

  std::vector<Row> rows;
  rows.reserve(links.size());
  for (const store::LinkRecord& link : links) {
    auto access = ResolveClient(deps, ctx, link.client_id);
    if (access.status().code() == StatusCode::kNotFound) continue;  // disabled or being deleted
    if (!access.ok()) return access.status();
    Row row{std::move(*access), {}, std::nullopt, std::nullopt, {}};
    RETURN_IF_ERROR(GatherFacts(deps, ctx, open_alerts, row));
    rows.push_back(std::move(row));
  }
  std::vector<care::CaseloadRank> ranks;
  ranks.reserve(rows.size());
  for (const Row& r : rows) {
    ranks.push_back({r.need.score, r.facts.open_alerts.value_or(0),
                     r.facts.activity_shared ? r.facts.last_activity_at : std::nullopt,
                     r.access.client.handle});
  }
  Json clients = Json::array();
  for (const size_t i : care::OrderByNeed(ranks)) clients.push_back(RowJson(rows[i]));
  Log(LogLevel::kInfo, "clinician.caseload",
      {{"clinician", LogId(clinician_id)}, {"clients", static_cast<std::uint64_t>(rows.size())}});
  return JsonReply(200, Json{{"clients", std::move(clients)}});
}

}  // namespace interlude::api
