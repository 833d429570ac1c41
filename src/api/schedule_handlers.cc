// Questionnaire schedules (preferences kept in the user's settings, never content) and the
// FHIR R4 export of completed questionnaires. See docs/api.md "Questionnaires" and
// docs/care.md.
#include "api/assessment_json.h"
#include "api/client_reads.h"
#include "api/handlers.h"
#include "base/log.h"
#include "base/time_format.h"
#include "care/fhir.h"
#include "care/schedule.h"

namespace interlude::api {
namespace {

Json Settings(const store::UserRecord& user) {
  Json s = Json::parse(user.settings_json, nullptr, /*allow_exceptions=*/false);
  return s.is_object() ? s : Json::object();
}

care::Frequency FrequencyOf(const Json& settings, const std::string& id) {
  care::Frequency f = care::DefaultFrequency(id);
  const auto schedule = settings.find("schedule");
  if (schedule == settings.end() || !schedule->is_object()) return f;
  const auto one = schedule->find(id);
  if (one == schedule->end() || !one->is_object()) return f;
  const auto name = one->find("frequency");
  if (name != one->end() && name->is_string()) (void)care::ParseFrequency(name->get<std::string>(), f);
  return f;
}

std::optional<UnixMillis> NextSession(const Json& settings) {
  const auto it = settings.find("next_session_at");
  if (it == settings.end() || !it->is_string()) return std::nullopt;
  auto t = ParseIso8601(it->get<std::string>());
  return t.ok() ? std::optional<UnixMillis>(*t) : std::nullopt;
}

Json TimeOrNull(std::optional<UnixMillis> t) { return t ? Json(FormatIso8601(*t)) : Json(nullptr); }

Result<Reply> ScheduleReply(ApiDeps& deps, const Principal& caller) {
  ASSIGN_OR_RETURN(const Schedule computed, ComputeSchedule(deps, caller.user));
  Json schedule = Json::array();
  for (const ScheduleRow& row : computed.rows) {
    schedule.push_back({{"instrument", row.instrument},
                        {"frequency", row.frequency},
                        {"last_completed_at", TimeOrNull(row.last_completed_at)},
                        {"due_at", TimeOrNull(row.due_at)},
                        {"state", row.state}});
  }
  return JsonReply(200, Json{{"schedule", std::move(schedule)},
                             {"next_session_at", TimeOrNull(computed.next_session_at)}});
}

}  // namespace

Result<Schedule> ComputeSchedule(ApiDeps& deps, const store::UserRecord& user) {
  RETURN_IF_ERROR(RequireInstruments(deps));
  const Json settings = Settings(user);
  Schedule out;
  out.next_session_at = NextSession(settings);
  store::ListQuery all;
  all.limit = 0;
  // Only the clear kind and time are read: no questionnaire is opened to plan the next.
  ASSIGN_OR_RETURN(const auto rows,
                   deps.store.records(store::Collection::kAssessments).List(user.id, all));
  const UnixMillis now = deps.clock.NowMillis();
  for (const care::Instrument& in : deps.instruments->all()) {
    std::optional<UnixMillis> last;
    for (const store::SealedRecord& r : rows) {
      if (r.kind == in.id) {
        last = r.created_at;
        break;
      }
    }
    const care::Frequency f = FrequencyOf(settings, in.id);
    const care::Due due = care::ComputeDue(f, last, out.next_session_at, user.created_at, now);
    out.rows.push_back({in.id, std::string(care::FrequencyName(f)), last, due.due_at, due.state});
  }
  return out;
}

Result<Reply> HandleGetSchedule(ApiDeps& deps, RequestContext& ctx) {
  return ScheduleReply(deps, ctx.caller());
}

Result<Reply> HandlePutSchedule(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(RequireInstruments(deps));
  ObjectReader reader(ctx.body);
  ASSIGN_OR_RETURN(const auto instrument, reader.OptionalString("instrument", 16));
  ASSIGN_OR_RETURN(const auto frequency, reader.OptionalString("frequency", 32));
  const bool has_session = ctx.body.contains("next_session_at");
  ASSIGN_OR_RETURN(const auto next_session, reader.OptionalString("next_session_at", 40));
  RETURN_IF_ERROR(reader.Finish());
  if (!instrument && !frequency && !has_session) {
    return InvalidArgument("give an instrument and its frequency, or next_session_at", "instrument");
  }
  if (frequency && !instrument) return InvalidArgument("instrument is required with a frequency", "instrument");
  if (instrument && !frequency) return InvalidArgument("frequency is required", "frequency");
  Json settings = Settings(ctx.caller().user);
  if (instrument) {
    if (deps.instruments->Find(*instrument) == nullptr) {
      return InvalidArgument("instrument must be one of phq9, gad7, who5, phq2, gad2", "instrument");
    }
    care::Frequency f;
    if (!care::ParseFrequency(*frequency, f)) {
      return InvalidArgument("frequency must be weekly, fortnightly, monthly, before_session or off", "frequency");
    }
    if (!settings.contains("schedule") || !settings["schedule"].is_object()) settings["schedule"] = Json::object();
    settings["schedule"][*instrument] = {{"frequency", care::FrequencyName(f)}};
  }
  if (has_session) {
    if (next_session) {
      auto t = ParseIso8601(*next_session);
      if (!t.ok()) return InvalidArgument("next_session_at must be a time such as 2026-12-01T15:00:00Z", "next_session_at");
      settings["next_session_at"] = FormatIso8601(*t);
    } else {
      settings.erase("next_session_at");
    }
  }
  const std::string json = settings.dump();
  RETURN_IF_ERROR(deps.store.users().SetSettings(ctx.caller().user.id, json));
  ctx.principal->user.settings_json = json;
  Log(LogLevel::kInfo, "assessment.schedule_saved", {{"user", LogId(ctx.caller().user.id)}});
  return ScheduleReply(deps, ctx.caller());
}

Result<Reply> HandleFhirExport(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(RequireInstruments(deps));
  const Principal& caller = ctx.caller();
  store::ListQuery all;
  all.limit = 0;
  ASSIGN_OR_RETURN(const auto rows,
                   deps.store.records(store::Collection::kAssessments).List(caller.user.id, all));
  std::vector<care::CompletedQuestionnaire> done;
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) {  // oldest first
    auto j = OpenAssessment(deps.vault, caller.data_key, *it);
    if (!j.ok()) continue;  // a damaged row is left out, as in the export
    care::CompletedQuestionnaire q;
    q.id = it->id;
    q.instrument = it->kind;
    q.completed_at = it->created_at;
    q.answers = j->value("answers", std::vector<int>{});
    q.total = j->value("total", 0);
    if (j->contains("functional") && (*j)["functional"].is_number_integer()) q.functional = (*j)["functional"].get<int>();
    if (j->contains("percentage") && (*j)["percentage"].is_number_integer()) q.percentage = (*j)["percentage"].get<int>();
    done.push_back(std::move(q));
  }
  const Json bundle = care::BuildFhirBundle(*deps.instruments, caller.user.id, done, deps.clock.NowMillis());
  Log(LogLevel::kInfo, "account.fhir_exported",
      {{"user", LogId(caller.user.id)}, {"questionnaires", static_cast<std::uint64_t>(done.size())}});
  return RawJsonReply(200, bundle.dump());
}

}  // namespace interlude::api
