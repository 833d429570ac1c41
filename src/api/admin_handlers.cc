// The clinic admin: lists and creates the clinicians of their own clinic. An admin reads no
// client data; a new clinician comes with their second factor already enrolled.
#include "api/account_service.h"
#include "api/handlers.h"
#include "api/two_factor.h"
#include "api/user_json.h"
#include "base/log.h"
#include "base/time_format.h"

namespace interlude::api {
namespace {

// {id, handle, email, created_at, disabled} of a clinician; the e-mail is opened with their
// own data key.
Result<Json> ClinicianJson(const ApiDeps& deps, const store::UserRecord& user) {
  ASSIGN_OR_RETURN(const crypto::SecretKey key, deps.vault.DataKey(user));
  ASSIGN_OR_RETURN(const Json full, UserToJson(deps.vault, user, key));
  return Json{{"id", user.id},
              {"handle", user.handle},
              {"email", full["email"]},
              {"created_at", FormatIso8601(user.created_at)},
              {"disabled", user.disabled}};
}

}  // namespace

Result<Reply> HandleListClinicians(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(RequireRole(ctx, store::Role::kAdmin));
  const std::string& clinic_id = ctx.caller().user.clinic_id;
  Json clinicians = Json::array();
  if (!clinic_id.empty()) {
    ASSIGN_OR_RETURN(const std::vector<store::UserRecord> users, deps.store.users().List());
    for (const store::UserRecord& user : users) {
      // A shredded key means the account is being deleted: it is no longer listed.
      if (user.role != store::Role::kClinician || user.clinic_id != clinic_id ||
          user.wrapped_key.empty()) {
        continue;
      }
      ASSIGN_OR_RETURN(Json row, ClinicianJson(deps, user));
      clinicians.push_back(std::move(row));
    }
  }
  return JsonReply(200, Json{{"clinicians", std::move(clinicians)}});
}

Result<Reply> HandleCreateClinician(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(RequireRole(ctx, store::Role::kAdmin));
  ObjectReader reader(ctx.body);
  NewAccount spec;
  ASSIGN_OR_RETURN(spec.email, reader.RequiredString("email", kMaxLoginChars));
  ASSIGN_OR_RETURN(spec.password, reader.RequiredString("password", kMaxPasswordChars));
  RETURN_IF_ERROR(reader.Finish());
  const store::UserRecord& admin = ctx.caller().user;
  if (admin.clinic_id.empty()) {
    return FailedPrecondition("your account belongs to no clinic; ask the operator to create it "
                              "with a clinic (interlude user create --clinic NAME)");
  }
  spec.role = store::Role::kClinician;
  spec.clinic_id = admin.clinic_id;
  ASSIGN_OR_RETURN(const store::UserRecord user, CreateAccount(deps, spec));
  ASSIGN_OR_RETURN(const crypto::SecretKey key, deps.vault.DataKey(user));
  ASSIGN_OR_RETURN(Json user_json, UserToJson(deps.vault, user, key));
  const std::string login = user_json["email"].is_string() ? user_json["email"].get<std::string>()
                                                           : user.handle;
  ASSIGN_OR_RETURN(const TwoFactorEnrolment enrolment,
                   EnrolTwoFactor(deps.store, deps.vault, user, key, login,
                                  deps.clock.NowMillis()));
  Log(LogLevel::kInfo, "account.created",
      {{"user", LogId(user.id)}, {"kind", LogId("clinician")}, {"by", LogId(admin.id)}});
  return JsonReply(201, Json{{"user", std::move(user_json)},
                             {"otpauth_uri", enrolment.otpauth_uri},
                             {"recovery_codes", enrolment.recovery_codes}});
}

}  // namespace interlude::api
