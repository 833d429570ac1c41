// Gathering the brief's input (brief_data.h).
#include "api/brief_data.h"

#include <algorithm>
#include <array>

#include "api/assessment_json.h"
#include "api/assignment_store.h"
#include "api/checkin_content.h"
#include "api/client_reads.h"
#include "api/entry_content.h"
#include "api/handlers.h"
#include "base/log.h"
#include "base/time_format.h"
#include "care/instrument.h"

namespace interlude::api {
namespace {

// Bounds on what one brief reads (a period of a few weeks holds far fewer).
constexpr int kMaxCheckins = 2000;
constexpr int kMaxEntries = 1000;
constexpr int kMaxAlerts = 1000;

int IntOr(const Json& j, const char* key, int fallback) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : fallback;
}

std::string StringOr(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<care::BriefChange> ChangeOf(const Json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return std::nullopt;
  care::BriefChange c;
  c.previous_id = StringOr(*it, "previous_id");
  c.previous_total = IntOr(*it, "previous_total", 0);
  c.delta = IntOr(*it, "delta", 0);
  c.reliable = StringOr(*it, "reliable");
  c.explanation = StringOr(*it, "explanation");
  return c;
}

void Skipped(std::string_view what, const store::SealedRecord& r) {
  Log(LogLevel::kWarn, "brief.unreadable_item", {{"kind", LogId(what)}, {"item", LogId(r.id)}});
}

Status AddCheckins(ApiDeps& deps, const ClientAccess& access, const crypto::SecretKey& key,
                   const BriefPeriod& period, care::BriefInput& in) {
  store::ListQuery q;
  q.from = period.from - care::kComparisonWindow;
  q.to = period.to;
  q.limit = kMaxCheckins;
  ASSIGN_OR_RETURN(const auto rows,
                   deps.store.records(store::Collection::kCheckins).List(access.client.id, q));
  for (const store::SealedRecord& r : rows) {
    auto j = OpenCheckin(deps.vault, key, r);
    if (!j.ok()) {
      Skipped("checkin", r);
      continue;
    }
    in.checkins.push_back({r.id, r.sort_at, IntOr(*j, "valence", 0), IntOr(*j, "energy", 0)});
  }
  return OkStatus();
}

Status AddAssessments(ApiDeps& deps, const ClientAccess& access, const crypto::SecretKey& key,
                      care::BriefInput& in) {
  store::ListQuery all;
  all.limit = 0;
  ASSIGN_OR_RETURN(const auto rows,
                   deps.store.records(store::Collection::kAssessments).List(access.client.id, all));
  for (const store::SealedRecord& r : rows) {
    auto j = OpenAssessment(deps.vault, key, r);
    if (!j.ok()) {
      Skipped("assessment", r);
      continue;
    }
    care::BriefAssessment a;
    a.id = r.id;
    a.instrument = r.kind;
    a.name = r.kind;
    if (deps.instruments != nullptr) {
      if (const care::Instrument* instrument = deps.instruments->Find(r.kind))
        a.name = instrument->name;
    }
    a.at = r.created_at;
    a.total = IntOr(*j, "total", 0);
    a.max_total = IntOr(*j, "max_total", 0);
    if (const auto band = j->find("band"); band != j->end() && band->is_object())
      a.band = StringOr(*band, "label");
    if (const auto item9 = j->find("item9"); item9 != j->end() && item9->is_number_integer())
      a.item9 = item9->get<int>();
    a.change = ChangeOf(*j, "change");
    a.change_from_first = ChangeOf(*j, "change_from_first");
    in.assessments.push_back(std::move(a));
  }
  return OkStatus();
}

// The words of an entry field: a string, or a list of strings joined.
std::string FieldText(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  std::string out;
  if (v.is_array()) {
    for (const Json& item : v) {
      if (!item.is_string()) continue;
      if (!out.empty()) out += "; ";
      out += item.get<std::string>();
    }
  }
  return out;
}

Status AddSharedEntries(ApiDeps& deps, const ClientAccess& access, const crypto::SecretKey& key,
                        const BriefPeriod& period, care::BriefInput& in) {
  store::ListQuery q;
  q.from = period.from;
  q.to = period.to;
  q.limit = kMaxEntries;
  ASSIGN_OR_RETURN(const auto rows,
                   deps.store.records(store::Collection::kEntries).List(access.client.id, q));
  for (const store::SealedRecord& r : rows) {
    auto j = OpenEntry(deps.vault, key, r);
    if (!j.ok()) {
      Skipped("entry", r);
      continue;
    }
    // Only entries the client marked shared (absent: not shared).
    const auto shared = j->find("shared");
    if (shared == j->end() || !shared->is_boolean() || !shared->get<bool>()) continue;
    care::BriefEntry e;
    e.id = r.id;
    e.at = r.sort_at;
    e.kind = r.kind;
    e.title = StringOr(*j, "title");
    e.text = StringOr(*j, "text");
    e.risk_tier = r.risk_tier;
    if (const auto fields = j->find("fields"); fields != j->end() && fields->is_object()) {
      for (const auto& [name, value] : fields->items()) {
        std::string words = FieldText(value);
        if (!words.empty()) e.fields.emplace_back(name, std::move(words));
      }
    }
    if (const auto a = j->find("analysis"); a != j->end() && a->is_object()) {
      if (const auto themes = a->find("themes"); themes != a->end() && themes->is_array()) {
        for (const Json& t : *themes) {
          if (t.is_object() && t.contains("theme") && t["theme"].is_string())
            e.themes.push_back(t["theme"].get<std::string>());
        }
      }
      if (const auto phrases = a->find("key_phrases"); phrases != a->end() && phrases->is_array()) {
        for (const Json& p : *phrases) {
          if (p.is_string()) e.key_phrases.push_back(p.get<std::string>());
        }
      }
      if (const auto s = a->find("sentiment"); s != a->end() && s->is_object()) {
        if (const auto c = s->find("compound"); c != s->end() && c->is_number())
          e.sentiment = c->get<double>();
      }
    }
    in.entries.push_back(std::move(e));
  }
  return OkStatus();
}

std::vector<std::string> ReasonCodes(const std::string& reasons) {
  std::vector<std::string> out;
  size_t begin = 0;
  while (begin < reasons.size()) {
    size_t end = reasons.find(',', begin);
    if (end == std::string::npos) end = reasons.size();
    const std::string one = reasons.substr(begin, end - begin);
    const size_t colon = one.find(':');
    const std::string code = colon == std::string::npos ? one : one.substr(colon + 1);
    if (!code.empty() && std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
    begin = end + 1;
  }
  return out;
}

Status AddAlerts(ApiDeps& deps, const ClientAccess& access, care::BriefInput& in) {
  ASSIGN_OR_RETURN(const auto alerts, deps.store.safety().AlertsOfClientForClinician(
                                          access.link.clinician_id, access.client.id, false,
                                          kMaxAlerts));
  static constexpr std::array<const char*, 4> kTiers = {"none", "low", "moderate", "high"};
  for (const store::AlertRecord& a : alerts) {
    if (a.user_id != access.client.id) continue;
    care::BriefAlert b;
    b.id = a.id;
    b.at = a.created_at;
    b.tier = kTiers[static_cast<size_t>(std::clamp(a.tier, 0, 3))];
    b.source = std::string(AlertSourceName(a.source));
    b.reason_codes = ReasonCodes(a.reasons);
    b.acknowledged_at = a.acknowledged_at;
    if (!a.acknowledged_by.empty()) {
      auto by = deps.store.users().FindById(a.acknowledged_by);
      b.acknowledged_by = by.ok() ? by->handle : "a clinician no longer here";
    }
    in.alerts.push_back(std::move(b));
  }
  return OkStatus();
}

Status AddAssignments(ApiDeps& deps, const ClientAccess& access, const crypto::SecretKey& key,
                      care::BriefInput& in) {
  ASSIGN_OR_RETURN(const auto list,
                   ListAssignmentJson(deps, access.client, key, access.link.clinician_id));
  for (const Json& j : list) {
    care::BriefAssignment a;
    a.id = StringOr(j, "id");
    a.kind = StringOr(j, "kind");
    a.title = StringOr(j, "title");
    if (a.title.empty()) a.title = a.kind;
    a.due = StringOr(j, "due");
    a.note = StringOr(j, "note");
    if (auto due = ParseIso8601(a.due, /*date_alone_ok=*/true); due.ok()) a.due_at = *due;
    if (auto created = ParseIso8601(StringOr(j, "created_at")); created.ok())
      a.created_at = *created;
    if (auto done = ParseIso8601(StringOr(j, "done_at")); done.ok()) a.done_at = *done;
    in.assignments.push_back(std::move(a));
  }
  return OkStatus();
}

}  // namespace

Result<BriefPeriod> ResolveBriefPeriod(ApiDeps& deps, const ClientAccess& access,
                                       const std::string& session_id) {
  ASSIGN_OR_RETURN(const auto sessions,
                   deps.store.clinical_sessions().ForPair(access.link.clinician_id,
                                                          access.client.id));  // oldest first
  const UnixMillis now = deps.clock.NowMillis();
  BriefPeriod p;
  size_t index = sessions.size();
  for (size_t i = 0; i < sessions.size(); ++i) {
    const bool wanted =
        session_id.empty() ? sessions[i].starts_at >= now : sessions[i].id == session_id;
    if (wanted) {
      index = i;
      break;
    }
  }
  if (!session_id.empty() && index == sessions.size()) return NotFound("no such session");
  p.to = now;
  if (index < sessions.size()) {
    p.session = sessions[index];
    p.to = sessions[index].starts_at;
  }
  p.from = access.link.created_at;
  for (size_t i = 0; i < sessions.size(); ++i) {
    if (i == index) continue;
    const bool before =
        sessions[i].starts_at < p.to || (sessions[i].starts_at == p.to && i < index);
    if (before) p.from = sessions[i].starts_at;  // oldest first: the last one wins
    if (!before && !p.next_session_at && sessions[i].starts_at > p.to)
      p.next_session_at = sessions[i].starts_at;
  }
  p.from = std::min(p.from, p.to);
  return p;
}

Result<care::BriefInput> GatherBriefInput(ApiDeps& deps, const ClientAccess& access,
                                          const BriefPeriod& period) {
  care::BriefInput in;
  in.from = period.from;
  in.to = period.to;
  in.now = deps.clock.NowMillis();
  in.shares.mood = access.Shares(kShareMood);
  in.shares.assessments = access.Shares(kShareAssessments);
  in.shares.entries = access.Shares(kShareEntries);
  in.shares.goals = access.Shares(kShareGoals);
  in.shares.safety_alerts = access.Shares(kShareSafetyAlerts);
  ASSIGN_OR_RETURN(const crypto::SecretKey key, ClientDataKey(deps, access));
  if (in.shares.mood) RETURN_IF_ERROR(AddCheckins(deps, access, key, period, in));
  if (in.shares.assessments) RETURN_IF_ERROR(AddAssessments(deps, access, key, in));
  if (in.shares.entries) RETURN_IF_ERROR(AddSharedEntries(deps, access, key, period, in));
  if (in.shares.safety_alerts) RETURN_IF_ERROR(AddAlerts(deps, access, in));
  if (in.shares.goals) RETURN_IF_ERROR(AddAssignments(deps, access, key, in));
  return in;
}

Result<std::vector<care::QuestionnaireDue>> QuestionnairesDue(ApiDeps& deps,
                                                              const ClientAccess& access) {
  std::vector<care::QuestionnaireDue> out;
  if (!access.Shares(kShareAssessments) || deps.instruments == nullptr) return out;
  // The client's own schedule, exactly as they see it.
  ASSIGN_OR_RETURN(const Schedule schedule, ComputeSchedule(deps, access.client));
  for (const ScheduleRow& row : schedule.rows) {
    if (row.state != "due" && row.state != "overdue") continue;
    const care::Instrument* instrument = deps.instruments->Find(row.instrument);
    out.push_back({instrument ? instrument->name : row.instrument, row.state, row.due_at});
  }
  return out;
}

Json StatementsJson(const std::vector<care::BriefStatement>& statements) {
  Json out = Json::array();
  for (const care::BriefStatement& s : statements) {
    Json sources = Json::array();
    for (const care::BriefSource& src : s.sources) {
      sources.push_back({{"kind", src.kind}, {"id", src.id}, {"at", FormatIso8601(src.at)}});
    }
    out.push_back({{"text", s.text}, {"sources", std::move(sources)}});
  }
  return out;
}

}  // namespace interlude::api
