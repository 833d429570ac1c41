// The pre-session brief and the session-note draft (docs/api.md "Therapy sessions, the
// brief, note drafts"; docs/clinician.md). Both need the link only: each section reads its
// own category while the client shares it (brief_data.h) and is composed by care/brief.h
// and care/note_draft.h. Every answer is recorded in the client's access log first
// ("brief", "note").
#include "api/brief_data.h"
#include "api/handlers.h"
#include "base/log.h"
#include "base/time_format.h"

namespace interlude::api {
namespace {

std::string QueryValue(const RequestContext& ctx, const char* name) {
  const auto it = ctx.request.query.find(name);
  return it == ctx.request.query.end() ? std::string() : it->second;
}

Json SessionJson(const std::optional<store::ClinicalSessionRecord>& s) {
  if (!s) return nullptr;
  return Json{{"id", s->id}, {"at", FormatIso8601(s->starts_at)}, {"source", s->source}};
}

Json ClientJson(const ClientAccess& access) {
  return Json{{"id", access.client.id}, {"handle", access.client.handle}};
}

}  // namespace

Result<Reply> HandleBrief(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const ClientAccess access, ResolveClient(deps, ctx, ctx.params.at("id")));
  const std::string session_id = QueryValue(ctx, "session");
  if (session_id.size() > 64) return InvalidArgument("session is not a session id", "session");
  ASSIGN_OR_RETURN(const BriefPeriod period, ResolveBriefPeriod(deps, access, session_id));
  ASSIGN_OR_RETURN(const care::BriefInput input, GatherBriefInput(deps, access, period));
  Json sections = Json::array();
  for (const care::BriefSection& s : care::ComposeBrief(input)) {
    sections.push_back({{"id", s.id},
                        {"title", s.title},
                        {"shared", s.shared},
                        {"statements", StatementsJson(s.statements)}});
  }
  RETURN_IF_ERROR(RecordAccess(deps, ctx, access.client.id, "brief"));
  Log(LogLevel::kInfo, "clinician.brief",
      {{"clinician", LogId(ctx.caller().user.id)}, {"client", LogId(access.client.id)}});
  return JsonReply(
      200,
      Json{{"brief",
            {{"client", ClientJson(access)},
             {"period", {{"from", FormatIso8601(period.from)}, {"to", FormatIso8601(period.to)}}},
             {"session", SessionJson(period.session)},
             {"sections", std::move(sections)}}}});
}

Result<Reply> HandleNoteDraft(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const ClientAccess access, ResolveClient(deps, ctx, ctx.params.at("id")));
  care::NoteFormat format = care::NoteFormat::kSoap;
  const std::string format_text = QueryValue(ctx, "format");
  if (!format_text.empty() && !care::ParseNoteFormat(format_text, format)) {
    return InvalidArgument("format must be soap or dap", "format");
  }
  ASSIGN_OR_RETURN(const BriefPeriod period,
                   ResolveBriefPeriod(deps, access, ctx.params.at("sid")));
  care::NoteInput input;
  ASSIGN_OR_RETURN(input.data, GatherBriefInput(deps, access, period));
  input.format = format;
  input.client_handle = access.client.handle;
  input.session_at = period.to;
  input.next_session_at = period.next_session_at;
  ASSIGN_OR_RETURN(input.questionnaires_due, QuestionnairesDue(deps, access));
  const care::NoteDraft note = care::ComposeNote(input);
  Json sections = Json::array();
  for (const care::NoteSection& s : note.sections) {
    sections.push_back({{"name", s.name}, {"lines", StatementsJson(s.lines)}});
  }
  RETURN_IF_ERROR(RecordAccess(deps, ctx, access.client.id, "note"));
  Log(LogLevel::kInfo, "clinician.note_draft",
      {{"clinician", LogId(ctx.caller().user.id)}, {"client", LogId(access.client.id)}});
  return JsonReply(200, Json{{"note",
                              {{"format", care::NoteFormatName(format)},
                               {"draft", true},
                               {"session", SessionJson(period.session)},
                               {"sections", std::move(sections)},
                               {"text", note.text}}}});
}

}  // namespace interlude::api
