// The caller's own account: profile, settings, password, export and deletion.
#include "api/account_service.h"
#include "api/checkin_content.h"
#include "api/entry_content.h"
#include "api/handlers.h"
#include "api/sessions.h"
#include "api/user_json.h"
#include "base/log.h"
#include "base/time_format.h"
#include "crypto/password.h"

namespace interlude::api {
namespace {

constexpr size_t kMaxPasswordChars = 1024;

Result<Json> MeJson(ApiDeps& deps, const Principal& caller) {
  ASSIGN_OR_RETURN(Json user, UserToJson(deps.vault, caller.user, caller.data_key));
  return Json{{"user", std::move(user)}};
}

}  // namespace

Result<Reply> HandleGetMe(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(Json body, MeJson(deps, ctx.caller()));
  return JsonReply(200, std::move(body));
}

Result<Reply> HandlePatchMe(ApiDeps& deps, RequestContext& ctx) {
  ObjectReader reader(ctx.body);
  store::UserRecord user = ctx.caller().user;
  if (reader.Has("country")) {
    ASSIGN_OR_RETURN(const auto country, reader.OptionalString("country", 2));
    RETURN_IF_ERROR(ValidateCountry(*country));
    user.country = *country;
  } else if (ctx.body.contains("country")) {  // explicit null clears it
    (void)reader.OptionalString("country", 2);
    user.country.clear();
  }
  RETURN_IF_ERROR(reader.Finish());
  RETURN_IF_ERROR(deps.store.users().Update(user));
  ctx.principal->user = user;
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
  store::UserRecord user = ctx.caller().user;
  if (!SecretMatches(user, current)) {
    return InvalidArgument("the current password is not right", "current_password");
  }
  const Status policy = crypto::CheckPasswordPolicy(next);
  if (!policy.ok()) return InvalidArgument(policy.message(), "new_password");
  ASSIGN_OR_RETURN(user.password_hash, crypto::HashPassword(next));
  RETURN_IF_ERROR(deps.store.users().Update(user));
  RETURN_IF_ERROR(deps.store.sessions().DeleteForUser(user.id, ctx.caller().token_hash));
  Log(LogLevel::kInfo, "account.password_changed", {{"user", LogId(user.id)}});
  return NoContent();
}

Result<Reply> HandleExport(ApiDeps& deps, RequestContext& ctx) {
  const Principal& caller = ctx.caller();
  ASSIGN_OR_RETURN(Json user, UserToJson(deps.vault, caller.user, caller.data_key));
  store::ListQuery all;
  all.limit = 0;
  ASSIGN_OR_RETURN(const auto entries,
                   deps.store.records(store::Collection::kEntries).List(caller.user.id, all));
  ASSIGN_OR_RETURN(const auto checkins,
                   deps.store.records(store::Collection::kCheckins).List(caller.user.id, all));
  Json entries_json = Json::array();
  for (const store::SealedRecord& r : entries) {
    ASSIGN_OR_RETURN(Json e, OpenEntry(deps.vault, caller.data_key, r));
    entries_json.push_back(std::move(e));
  }
  Json checkins_json = Json::array();
  for (const store::SealedRecord& r : checkins) {
    ASSIGN_OR_RETURN(Json c, OpenCheckin(deps.vault, caller.data_key, r));
    checkins_json.push_back(std::move(c));
  }
  Log(LogLevel::kInfo, "account.exported", {{"user", LogId(caller.user.id)},
                                            {"entries", static_cast<std::int64_t>(entries.size())},
                                            {"checkins", static_cast<std::int64_t>(checkins.size())}});
  Reply reply = JsonReply(200, Json{{"format", "interlude-export/1"},
                                    {"exported_at", FormatIso8601(deps.clock.NowMillis())},
                                    {"user", std::move(user)},
                                    {"entries", std::move(entries_json)},
                                    {"checkins", std::move(checkins_json)}});
  reply.headers.emplace_back("Content-Disposition",
                             "attachment; filename=\"interlude-export.json\"");
  return reply;
}

Result<Reply> HandleDeleteMe(ApiDeps& deps, RequestContext& ctx) {
  ObjectReader reader(ctx.body);
  ASSIGN_OR_RETURN(const auto password, reader.OptionalString("password", kMaxPasswordChars));
  RETURN_IF_ERROR(reader.Finish());
  const store::UserRecord& user = ctx.caller().user;
  if (password && !SecretMatches(user, *password)) {
    return InvalidArgument("the password is not right", "password");
  }
  // Crypto-shredding first: once this commits, nothing of theirs can be decrypted again,
  // even if deleting the rows were interrupted.
  RETURN_IF_ERROR(deps.store.users().ShredDataKey(user.id));
  RETURN_IF_ERROR(deps.store.users().Delete(user.id));
  Log(LogLevel::kInfo, "account.deleted", {{"user", LogId(user.id)}});
  Reply reply = NoContent();
  reply.headers.emplace_back("Set-Cookie", ClearSessionCookie(ctx.request.tls));
  return reply;
}

}  // namespace interlude::api
