// Coping exercises: the library (public), suggestions for this moment with the reasons
// they were chosen, "did this help?" answers and their history. See docs/api.md
// "Exercises" and docs/coping.md.
#include "api/exercise_support.h"
#include "api/handlers.h"
#include "api/record_json.h"
#include "api/reflection_step.h"
#include "base/log.h"
#include "base/random.h"
#include "base/time_format.h"
#include "mirror/mirror.h"

namespace interlude::api {
namespace {

Status RequireMirror(const ApiDeps& deps) {
  if (deps.mirror == nullptr) return Unavailable("the exercise library is not loaded");
  return OkStatus();
}

void LogClear(const store::SealedRecord& r, std::string& out) {
  AppendJsonMember(out, "id", r.id, /*comma=*/false);
  AppendJsonMember(out, "at", FormatIso8601(r.created_at));
}

Json ExerciseJson(const mirror::Exercise& e) {
  return {{"id", e.id},
          {"title", e.title},
          {"summary", e.summary},
          {"steps", e.steps},
          {"minutes", e.minutes},
          {"evidence", e.evidence},
          {"source", e.source},
          {"source_url", e.source_url},
          {"kind", e.kind},
          {"inhale_seconds", e.inhale_seconds},
          {"exhale_seconds", e.exhale_seconds},
          {"sessions", e.sessions},
          {"emotions", e.emotions},
          {"themes", e.themes},
          {"times", e.times},
          {"cautions", e.cautions},
          {"for_crisis", e.for_crisis}};
}

}  // namespace

Result<Reply> HandleListExercises(ApiDeps& deps, RequestContext&) {
  RETURN_IF_ERROR(RequireMirror(deps));
  Json items = Json::array();
  for (const mirror::Exercise& e : deps.mirror->exercises().all()) items.push_back(ExerciseJson(e));
  return JsonReply(200, {{"items", std::move(items)}});
}

Result<Reply> HandleGetExercise(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(RequireMirror(deps));
  const mirror::Exercise* e = deps.mirror->exercises().Find(ctx.params.at("id"));
  if (e == nullptr) return NotFound("no such exercise");
  return JsonReply(200, {{"exercise", ExerciseJson(*e)}});
}

Result<Reply> HandleExerciseSuggestions(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(RequireMirror(deps));
  ASSIGN_OR_RETURN(const std::int64_t hour, QueryInt(ctx, "hour", -1, 23, -1));
  ASSIGN_OR_RETURN(const std::int64_t count, QueryInt(ctx, "count", 1, 10, 3));
  const Principal& caller = ctx.caller();
  const mirror::Moment moment = RecentMoment(deps, caller, static_cast<int>(hour));
  ASSIGN_OR_RETURN(const auto outcomes, ExerciseOutcomesOf(deps, caller));
  // A fresh draw per request: Thompson sampling explores across visits.
  const auto suggestions = mirror::Recommend(deps.mirror->exercises(), moment, outcomes,
                                             SeedOf(NewId()), static_cast<size_t>(count));
  Json items = Json::array();
  for (const mirror::Suggestion& s : suggestions) {
    if (const mirror::Exercise* e = deps.mirror->exercises().Find(s.id)) {
      items.push_back(SuggestionJson(*e, s));
    }
  }
  return JsonReply(200, {{"items", std::move(items)}});
}

Result<Reply> HandleExerciseFeedback(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(RequireMirror(deps));
  const mirror::Exercise* e = deps.mirror->exercises().Find(ctx.params.at("id"));
  if (e == nullptr) return NotFound("no such exercise");
  ObjectReader reader(ctx.body);
  ASSIGN_OR_RETURN(const auto helped, reader.OptionalBool("helped"));
  ASSIGN_OR_RETURN(const auto conversation, reader.OptionalString("conversation_id", 64));
  RETURN_IF_ERROR(reader.Finish());
  if (!helped) return InvalidArgument("helped is required (true or false)", "helped");
  const UnixMillis now = deps.clock.NowMillis();
  store::SealedRecord r;
  r.id = NewId();
  r.user_id = ctx.caller().user.id;
  r.kind = "feedback";  // the exercise id is sealed: which exercises someone needs is private
  r.sort_at = r.created_at = r.updated_at = now;
  Json content = {{"exercise_id", e->id}, {"helped", *helped}};
  if (conversation) content["conversation_id"] = *conversation;
  const std::string json =
      SealRecordJson(deps.vault, ctx.caller().data_key, kExerciseLogTable, LogClear, content, r);
  RETURN_IF_ERROR(deps.store.records(store::Collection::kExerciseLogs).Insert(r));
  Log(LogLevel::kInfo, "exercise.feedback", {{"user", LogId(r.user_id)}, {"log", LogId(r.id)}});
  return RawJsonReply(201, json);
}

Result<Reply> HandleExerciseHistory(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const std::int64_t limit, QueryInt(ctx, "limit", 1, 1000, 200));
  store::ListQuery q;
  q.limit = static_cast<int>(limit);
  ASSIGN_OR_RETURN(const auto rows, deps.store.records(store::Collection::kExerciseLogs)
                                        .List(ctx.caller().user.id, q));
  std::string out = "{\"items\":[";
  bool first = true;
  for (const store::SealedRecord& r : rows) {
    std::string item;
    if (!AppendRecordJson(deps.vault, ctx.caller().data_key, kExerciseLogTable, r, LogClear, item).ok()) {
      continue;  // a damaged row never hides the rest
    }
    if (!first) out.push_back(',');
    first = false;
    out += item;
  }
  out += "]}";
  return RawJsonReply(200, std::move(out));
}

}  // namespace interlude::api
