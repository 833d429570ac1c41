// Therapy sessions a clinician records for a linked client, by hand or from an iCalendar
// file (docs/api.md "Therapy sessions, the brief, note drafts"; the reading rules are in
// care/icalendar.h and docs/clinician.md). A session is a time, never notes; it needs the
// link only, and listing it is recorded in the client's access log ("sessions").
#include "api/client_access.h"
#include "api/handlers.h"
#include "base/log.h"
#include "base/random.h"
#include "base/time_format.h"
#include "care/icalendar.h"

namespace interlude::api {
namespace {

constexpr UnixMillis kEarliestSession = 946684800000;             // 2000-01-01T00:00:00Z
constexpr UnixMillis kLatestAhead = 731LL * 24 * 60 * 60 * 1000;  // two years from now

Json SessionJson(const store::ClinicalSessionRecord& s) {
  return Json{{"id", s.id}, {"at", FormatIso8601(s.starts_at)}, {"source", s.source}};
}

Result<Json> PairSessions(ApiDeps& deps, const ClientAccess& access) {
  ASSIGN_OR_RETURN(const auto rows, deps.store.clinical_sessions().ForPair(access.link.clinician_id,
                                                                           access.client.id));
  Json list = Json::array();
  for (const auto& s : rows) list.push_back(SessionJson(s));
  return list;
}

bool InAllowedRange(UnixMillis at, UnixMillis now) {
  return at >= kEarliestSession && at <= now + kLatestAhead;
}

store::ClinicalSessionRecord NewSession(const ClientAccess& access, UnixMillis at, UnixMillis now) {
  store::ClinicalSessionRecord s;
  s.id = NewId();
  s.clinician_id = access.link.clinician_id;
  s.client_id = access.client.id;
  s.starts_at = at;
  s.created_at = now;
  return s;
}

}  // namespace

Result<Reply> HandleListClinicalSessions(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const ClientAccess access, ResolveClient(deps, ctx, ctx.params.at("id")));
  ASSIGN_OR_RETURN(Json list, PairSessions(deps, access));
  RETURN_IF_ERROR(RecordAccess(deps, ctx, access.client.id, "sessions"));
  return JsonReply(200, Json{{"sessions", std::move(list)}});
}

Result<Reply> HandleCreateClinicalSession(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const ClientAccess access, ResolveClient(deps, ctx, ctx.params.at("id")));
  ObjectReader reader(ctx.body);
  ASSIGN_OR_RETURN(const std::string at_text, reader.RequiredString("at", 64));
  RETURN_IF_ERROR(reader.Finish());
  auto at = ParseIso8601(at_text);
  if (!at.ok()) {
    return InvalidArgument("at must be a time such as 2026-12-01T15:00:00Z", "at");
  }
  const UnixMillis now = deps.clock.NowMillis();
  if (!InAllowedRange(*at, now)) {
    return InvalidArgument("at must be between the year 2000 and two years from now", "at");
  }
  const store::ClinicalSessionRecord s = NewSession(access, *at, now);
  RETURN_IF_ERROR(deps.store.clinical_sessions().Insert(s));
  Log(LogLevel::kInfo, "clinical_session.created",
      {{"clinician", LogId(s.clinician_id)},
       {"client", LogId(s.client_id)},
       {"session", LogId(s.id)}});
  return JsonReply(201, Json{{"session", SessionJson(s)}});
}

Result<Reply> HandleImportClinicalSessions(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const ClientAccess access, ResolveClient(deps, ctx, ctx.params.at("id")));
  ObjectReader reader(ctx.body);
  ASSIGN_OR_RETURN(const std::string ics, reader.RequiredString("ics", care::kMaxIcsBytes));
  RETURN_IF_ERROR(reader.Finish());
  ASSIGN_OR_RETURN(const care::IcsCalendar calendar, care::ParseICalendar(ics));
  const UnixMillis now = deps.clock.NowMillis();
  Json skipped = Json::array();
  Json notes = Json::array();
  const auto skip = [&skipped](const std::string& uid, int line, const std::string& reason) {
    skipped.push_back(
        {{"uid", uid.empty() ? Json(nullptr) : Json(uid)}, {"line", line}, {"reason", reason}});
  };
  for (const care::IcsSkip& s : calendar.skipped) skip(s.uid, s.line, s.reason);
  int imported = 0;
  for (const care::IcsEvent& e : calendar.events) {
    if (!InAllowedRange(e.starts_at, now)) {
      skip(e.uid, e.line, "the start is before 2000 or more than two years from now");
      continue;
    }
    store::ClinicalSessionRecord s = NewSession(access, e.starts_at, now);
    s.source = "ics";
    s.external_uid = e.uid;
    const Status st = deps.store.clinical_sessions().Insert(s);
    if (st.code() == StatusCode::kAlreadyExists) {
      skip(e.uid, e.line, "already imported");
      continue;
    }
    RETURN_IF_ERROR(st);
    ++imported;
    if (!e.note.empty()) notes.push_back({{"uid", e.uid}, {"line", e.line}, {"note", e.note}});
  }
  ASSIGN_OR_RETURN(Json list, PairSessions(deps, access));
  Log(LogLevel::kInfo, "clinical_session.imported",
      {{"clinician", LogId(access.link.clinician_id)},
       {"client", LogId(access.client.id)},
       {"imported", static_cast<std::uint64_t>(imported)},
       {"skipped", static_cast<std::uint64_t>(skipped.size())}});
  return JsonReply(200, Json{{"imported", imported},
                             {"skipped", std::move(skipped)},
                             {"notes", std::move(notes)},
                             {"sessions", std::move(list)}});
}

Result<Reply> HandleDeleteClinicalSession(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const ClientAccess access, ResolveClient(deps, ctx, ctx.params.at("id")));
  const std::string& sid = ctx.params.at("sid");
  RETURN_IF_ERROR(
      deps.store.clinical_sessions().Delete(access.link.clinician_id, access.client.id, sid));
  Log(LogLevel::kInfo, "clinical_session.deleted",
      {{"clinician", LogId(access.link.clinician_id)},
       {"client", LogId(access.client.id)},
       {"session", LogId(sid)}});
  return NoContent();
}

}  // namespace interlude::api
