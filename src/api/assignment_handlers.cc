// Homework: a linked clinician sets an exercise from the library, a questionnaire, a
// reflection prompt or a custom task with a due date; the client sees it, does it and marks
// it; completion shows on both sides. Assignments are sealed under the client's data key
// like the client's own items (assignment_store.h). See docs/api.md "Homework".
#include <algorithm>
#include <array>

#include "api/analysis_attach.h"
#include "api/assignment_store.h"
#include "api/client_access.h"
#include "api/handlers.h"
#include "api/record_json.h"
#include "api/write_safety.h"
#include "base/log.h"
#include "base/random.h"
#include "base/time_format.h"
#include "care/instrument.h"
#include "mirror/mirror.h"
#include "safety/tier_policy.h"

namespace interlude::api {
namespace {

constexpr char kAssignmentTable[] = "assignments";
constexpr char kAuditCategory[] = "assignments";
constexpr size_t kMaxTitleChars = 200;
constexpr size_t kMaxInstructionsChars = 2000;
constexpr size_t kMaxNoteChars = 2000;
constexpr size_t kMaxRefChars = 100;
constexpr std::int64_t kDayMillis = 86400000;
constexpr std::int64_t kMaxDaysAhead = 366;  // "within a year", leap years included
constexpr std::array<std::string_view, 4> kKinds = {"exercise", "questionnaire", "prompt",
                                                    "custom"};

store::RecordRepository& Assignments(ApiDeps& deps) {
  return deps.store.records(store::Collection::kAssignments);
}

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

// The day number (since 1970-01-01) of a strict "YYYY-MM-DD"; InvalidArgument on `due`.
Result<std::int64_t> ParseDueDay(const std::string& due) {
  auto at = ParseIso8601(due, /*date_alone_ok=*/true);
  if (due.size() != 10 || !at.ok()) {
    return InvalidArgument("due must be a date such as 2026-12-05", "due");
  }
  return *at / kDayMillis;
}

// The validated content of a new assignment (docs/api.md "Homework"), `assigned_by` the
// clinician's id. Every error names its field.
Result<Json> NewAssignmentContent(const ApiDeps& deps, const Json& body,
                                  const std::string& clinician_id, UnixMillis now,
                                  store::SealedRecord& record) {
  ObjectReader reader(body);
  ASSIGN_OR_RETURN(const std::string kind, reader.RequiredString("kind", 20));
  ASSIGN_OR_RETURN(const auto ref, reader.OptionalString("ref", kMaxRefChars));
  ASSIGN_OR_RETURN(const auto title, reader.OptionalString("title", kMaxTitleChars));
  ASSIGN_OR_RETURN(const auto instructions,
                   reader.OptionalString("instructions", kMaxInstructionsChars));
  ASSIGN_OR_RETURN(const std::string due, reader.RequiredString("due", 40));
  RETURN_IF_ERROR(reader.Finish());

  if (std::find(kKinds.begin(), kKinds.end(), kind) == kKinds.end()) {
    return InvalidArgument("kind must be one of exercise, questionnaire, prompt, custom", "kind");
  }
  if (title && Blank(*title)) return InvalidArgument("title must not be blank", "title");
  std::string resolved_title = title.value_or("");
  Json ref_json = nullptr;
  if (kind == "exercise" || kind == "questionnaire") {
    if (!ref || Blank(*ref)) {
      return InvalidArgument(kind == "exercise" ? "ref is required: the id of an exercise"
                                                : "ref is required: the id of a questionnaire",
                             "ref");
    }
    if (kind == "exercise") {
      if (deps.mirror == nullptr) return Unavailable("the exercise library is not loaded");
      const mirror::Exercise* e = deps.mirror->exercises().Find(*ref);
      if (e == nullptr) return InvalidArgument("ref is not an exercise in the library", "ref");
      if (!title) resolved_title = e->title;
    } else {
      RETURN_IF_ERROR(RequireInstruments(deps));
      const care::Instrument* q = deps.instruments->Find(*ref);
      if (q == nullptr) {
        return InvalidArgument("ref is not a questionnaire (phq9, gad7, who5, phq2, gad2)", "ref");
      }
      if (!title) resolved_title = q->name;
    }
    ref_json = *ref;
  } else if (ref) {
    return InvalidArgument("ref is only for an exercise or a questionnaire", "ref");
  }
  if (kind == "prompt") {
    if (!instructions || Blank(*instructions)) {
      return InvalidArgument("instructions is required: the reflection prompt", "instructions");
    }
    if (!title) resolved_title = "Reflection prompt";
  }
  if (kind == "custom" && !title) return InvalidArgument("title is required", "title");

  ASSIGN_OR_RETURN(const std::int64_t due_day, ParseDueDay(due));
  const std::int64_t today = now / kDayMillis;
  if (due_day < today - 1) return InvalidArgument("due must not be in the past", "due");
  if (due_day > today + kMaxDaysAhead) {
    return InvalidArgument("due must be within a year from today", "due");
  }
  record.sort_at = due_day * kDayMillis;
  record.kind = kind;
  Json instructions_json = nullptr;
  if (instructions && !Blank(*instructions)) instructions_json = *instructions;
  return Json{{"kind", kind},
              {"ref", std::move(ref_json)},
              {"title", std::move(resolved_title)},
              {"instructions", std::move(instructions_json)},
              {"due", due},
              {"assigned_by", clinician_id},
              {"created_at", FormatIso8601(now)},
              {"done_at", nullptr},
              {"note", nullptr}};
}

// The API object of a stored assignment: `content` with its id and the clinician named.
Json AssignmentApiJson(ApiDeps& deps, const std::string& id, Json content) {
  content["id"] = id;
  const std::string by = content.value("assigned_by", std::string());
  auto user = deps.store.users().FindById(by);
  content["assigned_by"] = user.ok() ? Json{{"id", user->id}, {"handle", user->handle}}
                                     : Json{{"id", by}, {"handle", nullptr}};
  return content;
}

// The clinician's way in: linked, and the client shares goals and homework.
Result<ClientAccess> ResolveForHomework(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(ClientAccess access, ResolveClient(deps, ctx, ctx.params.at("id")));
  RETURN_IF_ERROR(RequireShare(access, kShareGoals));
  return access;
}

}  // namespace

Result<Reply> HandleCreateAssignment(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const ClientAccess access, ResolveForHomework(deps, ctx));
  const UnixMillis now = deps.clock.NowMillis();
  store::SealedRecord r;
  r.id = NewId();
  r.user_id = access.client.id;
  r.created_at = r.updated_at = now;
  ASSIGN_OR_RETURN(Json content,
                   NewAssignmentContent(deps, ctx.body, ctx.caller().user.id, now, r));
  ASSIGN_OR_RETURN(const crypto::SecretKey key, ClientDataKey(deps, access));
  (void)SealRecordJson(deps.vault, key, kAssignmentTable, NoClearMembers, content, r);
  RETURN_IF_ERROR(Assignments(deps).Insert(r));
  RETURN_IF_ERROR(RecordAccess(deps, ctx, access.client.id, kAuditCategory, "assign"));
  Log(LogLevel::kInfo, "assignment.created",
      {{"clinician", LogId(ctx.caller().user.id)}, {"client", LogId(r.user_id)},
       {"assignment", LogId(r.id)}, {"kind", LogId(r.kind)}});
  return JsonReply(201, {{"assignment", AssignmentApiJson(deps, r.id, std::move(content))}});
}

Result<Reply> HandleClinicianAssignments(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const ClientAccess access, ResolveForHomework(deps, ctx));
  ASSIGN_OR_RETURN(const crypto::SecretKey key, ClientDataKey(deps, access));
  ASSIGN_OR_RETURN(auto items, ListAssignmentJson(deps, access.client, key, ctx.caller().user.id));
  RETURN_IF_ERROR(RecordAccess(deps, ctx, access.client.id, kAuditCategory, "read"));
  return JsonReply(200, {{"assignments", std::move(items)}});
}

Result<Reply> HandleDeleteAssignment(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const ClientAccess access, ResolveForHomework(deps, ctx));
  const std::string& id = ctx.params.at("aid");
  ASSIGN_OR_RETURN(const store::SealedRecord r, Assignments(deps).Get(access.client.id, id));
  ASSIGN_OR_RETURN(const crypto::SecretKey key, ClientDataKey(deps, access));
  ASSIGN_OR_RETURN(const Json content,
                   OpenRecordJson(deps.vault, key, kAssignmentTable, r, NoClearMembers));
  // Another clinician's assignment is not this one's to see or remove.
  if (content.value("assigned_by", std::string()) != ctx.caller().user.id) {
    return NotFound("no such assignment");
  }
  RETURN_IF_ERROR(Assignments(deps).Delete(access.client.id, id));
  RETURN_IF_ERROR(RecordAccess(deps, ctx, access.client.id, kAuditCategory, "delete"));
  Log(LogLevel::kInfo, "assignment.deleted",
      {{"clinician", LogId(ctx.caller().user.id)}, {"client", LogId(access.client.id)},
       {"assignment", LogId(id)}});
  return NoContent();
}

// Homework is set for clients: clinicians and admins have none of their own (403).
Result<Reply> HandleMyAssignments(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(RequireRole(ctx, store::Role::kClient));
  const Principal& caller = ctx.caller();
  ASSIGN_OR_RETURN(auto items, ListAssignmentJson(deps, caller.user, caller.data_key));
  return JsonReply(200, {{"assignments", std::move(items)}});
}

Result<Reply> HandlePatchAssignment(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(RequireRole(ctx, store::Role::kClient));
  ObjectReader reader(ctx.body);
  ASSIGN_OR_RETURN(const auto done, reader.OptionalBool("done"));
  const bool has_note = ctx.body.contains("note");
  ASSIGN_OR_RETURN(const auto note, reader.OptionalString("note", kMaxNoteChars));
  RETURN_IF_ERROR(reader.Finish());
  if (!done) return InvalidArgument("done is required (true or false)", "done");

  const Principal& caller = ctx.caller();
  ASSIGN_OR_RETURN(store::SealedRecord r, Assignments(deps).Get(caller.user.id, ctx.params.at("id")));
  ASSIGN_OR_RETURN(Json content, OpenRecordJson(deps.vault, caller.data_key, kAssignmentTable, r,
                                                NoClearMembers));
  const UnixMillis now = deps.clock.NowMillis();
  if (!*done) {
    content["done_at"] = nullptr;
  } else if (content.value("done_at", Json()).is_null()) {
    content["done_at"] = FormatIso8601(now);  // marking it done again keeps the first time
  }
  if (has_note) content["note"] = note && !Blank(*note) ? Json(*note) : Json(nullptr);
  r.updated_at = now;
  // SAFE-089: the note is the person's own words, read by their clinician: like every
  // other piece of writing it goes through the safety layer (SAFE-080, SAFE-081), its tier
  // kept with it.
  std::optional<WriteSafety> ws;
  if (content.value("note", Json()).is_string()) {
    Json scratch = Json::object();
    const auto analysis = AttachAnalysis(deps, content["note"].get<std::string>(), scratch);
    ws = AssessWrite(deps, caller, safety::AssessText(RiskOf(analysis)),
                     store::Collection::kAssignments, r.id, now);
    KeepWithItem(ws->assessment, content, r);
  } else {
    content.erase("safety");
    r.risk_tier = 0;
  }
  (void)SealRecordJson(deps.vault, caller.data_key, kAssignmentTable, NoClearMembers, content, r);
  RETURN_IF_ERROR(Assignments(deps).Replace(r, ws ? AlertOf(*ws) : nullptr));
  Log(LogLevel::kInfo, "assignment.updated",
      {{"user", LogId(caller.user.id)}, {"assignment", LogId(r.id)},
       {"done", std::int64_t{*done ? 1 : 0}}, {"tier", r.risk_tier}});
  Json reply = {{"assignment", AssignmentApiJson(deps, r.id, std::move(content))}};
  if (ws) {
    AfterCommit(deps, caller, *ws);
    if (ws->assessment.tier != safety::Tier::kNone) {
      reply["safety"] = SafetyResponseJson(deps, caller, *ws);
    }
  }
  return JsonReply(200, std::move(reply));
}

}  // namespace interlude::api
