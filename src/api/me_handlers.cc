// The caller's own account: profile, settings, password, export and deletion.
#include <algorithm>

#include "api/account_service.h"
#include "api/assessment_json.h"
#include "api/assignment_store.h"
#include "api/checkin_content.h"
#include "api/entry_content.h"
#include "api/handlers.h"
#include "api/record_json.h"
#include "api/reflection_step.h"
#include "api/login_throttle.h"
#include "api/sessions.h"
#include "api/user_json.h"
#include "base/log.h"
#include "base/time_format.h"
#include "crypto/password.h"
#include "crypto/tokens.h"

namespace interlude::api {
namespace {

Result<Json> MeJson(ApiDeps& deps, const Principal& caller) {
  ASSIGN_OR_RETURN(Json user, UserToJson(deps.vault, caller.user, caller.data_key));
  const std::string_view reflections = mirror::ReflectionModeName(ReflectionModeOf(caller.user));
  return Json{{"user", std::move(user)}, {"reflections", reflections}};
}

// Checks the caller's current secret, throttled like a sign-in (a stolen session must not
// become an unlimited password oracle).
Status CheckCurrentSecret(ApiDeps& deps, RequestContext& ctx, const std::string& secret,
                          const char* field) {
  const ThrottleKeys keys{"user:" + ctx.caller().user.id, ""};
  ASSIGN_OR_RETURN(const ThrottledAttempt attempt,
                   BeginThrottledAttempt(deps, keys, deps.options.login_max_failures, 0,
                                         &ctx.retry_after_seconds));
  if (!SecretMatches(&ctx.caller().user, secret)) {
    RETURN_IF_ERROR(RecordLoginFailure(deps, keys));
    return InvalidArgument("that password is not right", field);
  }
  return OkStatus();
}

void GenericClear(const store::SealedRecord& r, std::string& out) {
  AppendJsonMember(out, "id", r.id, /*comma=*/false);
  AppendJsonMember(out, "created_at", FormatIso8601(r.created_at));
  AppendJsonMember(out, "updated_at", FormatIso8601(r.updated_at));
}

// Appends every item of `collection` to `out` as a JSON array; counts those that no longer
// open (so an export is never refused because of one damaged row).
Status AppendAll(ApiDeps& deps, const Principal& caller, store::Collection collection,
                 std::string& out, std::int64_t& unreadable) {
  store::ListQuery all;
  all.limit = 0;
  ASSIGN_OR_RETURN(const auto rows, deps.store.records(collection).List(caller.user.id, all));
  out.push_back('[');
  bool first = true;
  for (const store::SealedRecord& r : rows) {
    std::string item;
    Status st;
    switch (collection) {
      case store::Collection::kEntries: st = AppendEntryJson(deps.vault, caller.data_key, r, item); break;
      case store::Collection::kAssessments:
        st = AppendAssessmentJson(deps.vault, caller.data_key, r, item);
        break;
      case store::Collection::kCheckins: st = AppendCheckinJson(deps.vault, caller.data_key, r, item); break;
      default:  // the rest export as their clear times and their content
        st = AppendRecordJson(deps.vault, caller.data_key, store::CollectionTable(collection), r,
                              GenericClear, item);
    }
    if (!st.ok()) {
      ++unreadable;
      continue;
    }
    if (!first) out.push_back(',');
    first = false;
    out += item;
  }
  out.push_back(']');
  return OkStatus();
}

}  // namespace

Result<Reply> HandleGetMe(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(Json body, MeJson(deps, ctx.caller()));
  return JsonReply(200, std::move(body));
}

Result<Reply> HandlePatchMe(ApiDeps& deps, RequestContext& ctx) {
  ObjectReader reader(ctx.body);
  const bool has_country = ctx.body.contains("country");
  ASSIGN_OR_RETURN(const auto country, reader.OptionalString("country", 2));
  ASSIGN_OR_RETURN(const auto reflections, reader.OptionalString("reflections", 20));
  RETURN_IF_ERROR(reader.Finish());
  mirror::ReflectionMode mode{};
  if (reflections && !mirror::ParseReflectionMode(*reflections, mode)) {
    return InvalidArgument("reflections must be one of on, off, just_listen, help_me_think",
                           "reflections");
  }
  if (reflections) {  // validated before anything is written
    Json settings = Json::parse(ctx.caller().user.settings_json, nullptr, false);
    if (!settings.is_object()) settings = Json::object();
    settings["reflections"] = mirror::ReflectionModeName(mode);
    const std::string json = settings.dump();
    RETURN_IF_ERROR(deps.store.users().SetSettings(ctx.caller().user.id, json));
    ctx.principal->user.settings_json = json;
  }
  if (has_country) {
    if (country) RETURN_IF_ERROR(ValidateCountry(*country));  // null clears it
    RETURN_IF_ERROR(deps.store.users().SetCountry(ctx.caller().user.id, country.value_or("")));
    ctx.principal->user.country = country.value_or("");
  }
  ASSIGN_OR_RETURN(Json body, MeJson(deps, ctx.caller()));
  return JsonReply(200, std::move(body));
}

Result<Reply> HandleChangePassword(ApiDeps& deps, RequestContext& ctx) {
  ObjectReader reader(ctx.body);
  ASSIGN_OR_RETURN(const std::string current,
                   reader.RequiredString("current_password", kMaxPasswordChars));
  ASSIGN_OR_RETURN(const std::string next,
                   reader.RequiredString("new_password", kMaxPasswordChars));
  RETURN_IF_ERROR(reader.Finish());
  const Status policy = crypto::CheckPasswordPolicy(next);
  if (!policy.ok()) return InvalidArgument(policy.message(), "new_password");
  RETURN_IF_ERROR(CheckCurrentSecret(deps, ctx, current, "current_password"));
  ASSIGN_OR_RETURN(const std::string hash, crypto::HashPassword(next));
  const Principal& caller = ctx.caller();
  RETURN_IF_ERROR(deps.store.users().SetPasswordEndingOtherSessions(caller.user.id, hash,
                                                                    caller.token_hash));
  Log(LogLevel::kInfo, "account.password_changed", {{"user", LogId(caller.user.id)}});
  return NoContent();
}

// A signed-in person who lost their code (or fears it was seen) gets a new one; the old one
// stops working. The session is the proof: it was opened with the password or the code.
Result<Reply> HandleNewRecoveryCode(ApiDeps& deps, RequestContext& ctx) {
  ObjectReader reader(ctx.body);
  RETURN_IF_ERROR(reader.Finish());
  // Staff have two-factor recovery codes instead; their recovery_hash is a set-up code.
  if (ctx.caller().user.role != store::Role::kClient) {
    return PermissionDenied("clinicians and admins make new two-factor recovery codes instead");
  }
  const std::string code = crypto::NewRecoveryCode();
  ASSIGN_OR_RETURN(const std::string hash, crypto::HashPassword(crypto::CanonicalRecoveryCode(code)));
  RETURN_IF_ERROR(deps.store.users().SetRecoveryHash(ctx.caller().user.id, hash));
  Log(LogLevel::kInfo, "account.recovery_code_replaced", {{"user", LogId(ctx.caller().user.id)}});
  return JsonReply(201, Json{{"recovery_code", code}});
}

Result<Reply> HandleExport(ApiDeps& deps, RequestContext& ctx) {
  const Principal& caller = ctx.caller();
  ASSIGN_OR_RETURN(const Json user, UserToJson(deps.vault, caller.user, caller.data_key));
  std::int64_t unreadable = 0;
  std::string out = "{\"format\":\"interlude-export/1\",\"exported_at\":\"" +
                    FormatIso8601(deps.clock.NowMillis()) + "\",\"user\":" + user.dump() +
                    ",\"entries\":";
  RETURN_IF_ERROR(AppendAll(deps, caller, store::Collection::kEntries, out, unreadable));
  out += ",\"checkins\":";
  RETURN_IF_ERROR(AppendAll(deps, caller, store::Collection::kCheckins, out, unreadable));
  out += ",\"assessments\":";
  RETURN_IF_ERROR(AppendAll(deps, caller, store::Collection::kAssessments, out, unreadable));
  for (const auto& [name, collection] :
       {std::pair{"screenings", store::Collection::kScreenings},
        std::pair{"safety_plan", store::Collection::kSafetyPlans},
        std::pair{"conversations", store::Collection::kConversations},
        std::pair{"exercise_answers", store::Collection::kExerciseLogs},
        std::pair{"activities", store::Collection::kActivities}}) {
    out += ",\"";
    out += name;
    out += "\":";
    RETURN_IF_ERROR(AppendAll(deps, caller, collection, out, unreadable));
  }
  // Homework in its API form (the clinician named), as the client's own list shows it.
  ASSIGN_OR_RETURN(const auto assignments, ListAssignmentJson(deps, caller.user, caller.data_key));
  out += ",\"assignments\":" + Json(assignments).dump();
  ASSIGN_OR_RETURN(const std::int64_t stored,
                   deps.store.records(store::Collection::kAssignments).Count(caller.user.id));
  unreadable += std::max<std::int64_t>(0, stored - static_cast<std::int64_t>(assignments.size()));
  out += ",\"unreadable_items\":" + std::to_string(unreadable) + "}";
  Log(LogLevel::kInfo, "account.exported",
      {{"user", LogId(caller.user.id)}, {"bytes", static_cast<std::uint64_t>(out.size())},
       {"unreadable", unreadable}});
  Reply reply = RawJsonReply(200, std::move(out));
  reply.headers.emplace_back("Content-Disposition",
                             "attachment; filename=\"interlude-export-" +
                                 FormatIso8601(deps.clock.NowMillis()).substr(0, 10) + ".json\"");
  return reply;
}

Result<Reply> HandleDeleteMe(ApiDeps& deps, RequestContext& ctx) {
  ObjectReader reader(ctx.body);
  ASSIGN_OR_RETURN(const auto password, reader.OptionalString("password", kMaxPasswordChars));
  RETURN_IF_ERROR(reader.Finish());
  if (password) RETURN_IF_ERROR(CheckCurrentSecret(deps, ctx, *password, "password"));
  const std::string user_id = ctx.caller().user.id;
  // Crypto-shredding first: once this commits, nothing of theirs can be decrypted again,
  // even if deleting the rows were interrupted (housekeeping finishes the job).
  RETURN_IF_ERROR(deps.store.users().ShredDataKey(user_id));
  RETURN_IF_ERROR(deps.store.users().Delete(user_id));
  Log(LogLevel::kInfo, "account.deleted", {{"user", LogId(user_id)}});
  Reply reply = NoContent();
  reply.headers.emplace_back("Set-Cookie", ClearSessionCookie(ctx.request.tls));
  return reply;
}

}  // namespace interlude::api
