// The clinic admin: lists and creates the clinicians of their own clinic. An admin reads no
// client data and never holds a clinician's credentials: a new clinician gets a one-time
// set-up code (valid `invitation_days`) with which they choose their own password and enrol
// their own second factor (POST /auth/setup, staff_setup_handlers.cc). Asked again for a
// clinician who has not set up yet, the admin gets a new code (the old one stops working).
#include "api/account_service.h"
#include "api/handlers.h"
#include "api/user_json.h"
#include "base/log.h"
#include "base/time_format.h"
#include "crypto/tokens.h"

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
  if (ctx.body.contains("password")) {
    return InvalidArgument(
        "the clinician chooses their own password when they set up their account", "password");
  }
  ObjectReader reader(ctx.body);
  NewAccount spec;
  ASSIGN_OR_RETURN(spec.email, reader.RequiredString("email", kMaxLoginChars));
  RETURN_IF_ERROR(reader.Finish());
  const store::UserRecord& admin = ctx.caller().user;
  if (admin.clinic_id.empty()) {
    return FailedPrecondition("your account belongs to no clinic; ask the operator to create it "
                              "with a clinic (interlude user create --clinic NAME)");
  }
  spec.role = store::Role::kClinician;
  spec.clinic_id = admin.clinic_id;
  spec.setup_code = crypto::NewRecoveryCode();
  spec.setup_expires_at =
      deps.clock.NowMillis() + deps.options.invitation_days * 24LL * 3600 * 1000;
  // A clinician of this clinic who never finished their set-up (the code may have run out)
  // gets a new code; anyone else with the e-mail makes CreateAccount answer 409.
  ASSIGN_OR_RETURN(const std::string email, NormalizeEmail(spec.email));
  const auto existing = FindAccountByLogin(deps, email);
  if (!existing.ok() && existing.status().code() != StatusCode::kNotFound) {
    return existing.status();
  }
  const bool reissue = existing.ok() && existing->role == store::Role::kClinician &&
                       existing->clinic_id == admin.clinic_id &&
                       !existing->wrapped_key.empty() && PendingSetupExpiry(*existing);
  store::UserRecord user;
  if (reissue) {
    RETURN_IF_ERROR(ReplaceSetupCode(deps, *existing, spec.setup_code, spec.setup_expires_at));
    user = *existing;
    Log(LogLevel::kInfo, "account.setup_code_replaced",
        {{"user", LogId(user.id)}, {"by", LogId(admin.id)}});
  } else {
    ASSIGN_OR_RETURN(user, CreateAccount(deps, spec));
    Log(LogLevel::kInfo, "account.created",
        {{"user", LogId(user.id)}, {"kind", LogId("clinician")}, {"by", LogId(admin.id)}});
  }
  ASSIGN_OR_RETURN(const crypto::SecretKey key, deps.vault.DataKey(user));
  ASSIGN_OR_RETURN(Json user_json, UserToJson(deps.vault, user, key));
  return JsonReply(reissue ? 200 : 201, Json{{"user", std::move(user_json)},
                             {"setup_code", spec.setup_code},
                             {"setup_expires_at", FormatIso8601(spec.setup_expires_at)}});
}

}  // namespace interlude::api
