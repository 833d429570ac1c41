// `interlude init`, `demo` and `user create|list|disable|two-factor-reset`.
#include <iostream>

#include "api/account_service.h"
#include "api/two_factor.h"
#include "api/user_json.h"
#include "app/commands.h"
#include "app/data_dir.h"
#include "app/demo_seed.h"
#include "app/language_data.h"
#include "mirror/mirror.h"
#include "base/random.h"
#include "base/time_format.h"

namespace interlude::app {
namespace {

Result<DataDir> Open(const std::string& dir) { return OpenDataDir(dir, ProcessEnv(), 2); }

api::ApiDeps Deps(DataDir& data) {
  return api::ApiDeps{*data.store, SystemClock::Get(), *data.vault, api::ApiOptions{}};
}

// Enrols `user`'s second factor and prints the authenticator URI and the recovery codes
// (tests/support/totp.mjs reads this output). Returns the exit code.
int EnrolAndPrint(DataDir& data, const store::UserRecord& user, const std::string& login) {
  auto key = data.vault->DataKey(user);
  if (!key.ok()) return Fail(key.status().message());
  auto enrolment = api::EnrolTwoFactor(*data.store, *data.vault, user, *key, login,
                                       SystemClock::Get().NowMillis());
  if (!enrolment.ok()) return Fail(enrolment.status().message());
  std::cout << "Two-factor secret (add it to an authenticator app): " << enrolment->otpauth_uri
            << "\n"
            << "Recovery codes (each works once; shown only now):\n";
  for (const std::string& code : enrolment->recovery_codes) std::cout << "  " << code << "\n";
  return 0;
}

}  // namespace

int Fail(const std::string& message) {
  std::cerr << "interlude: " << message << std::endl;
  return 1;
}

int RunInit(const std::string& data_dir) {
  if (const Status st = InitDataDir(data_dir, ProcessEnv()); !st.ok()) return Fail(st.message());
  std::cout << "Initialised " << data_dir << " (database and master key). Keep the master key "
            << "safe and backed up apart from the database: without it nothing can be read.\n";
  return 0;
}

int RunDemo(const std::string& data_dir) {
  if (!DataDirInitialised(data_dir)) {
    if (const int rc = RunInit(data_dir); rc != 0) return rc;
  }
  auto data = Open(data_dir);
  if (!data.ok()) return Fail(data.status().message());
  auto analyzer = text::Analyzer::Load(LanguageDataRoot());
  if (!analyzer.ok()) return Fail(analyzer.status().message());
  auto safety_layer = safety::SafetyLayer::Load(LanguageDataRoot(), "");
  if (!safety_layer.ok()) return Fail(safety_layer.status().message());
  auto instruments = care::InstrumentSet::Load(LanguageDataRoot());
  if (!instruments.ok()) return Fail(instruments.status().message());
  auto mirror = mirror::Mirror::Load(LanguageDataRoot(), (*safety_layer)->checker());
  if (!mirror.ok()) return Fail(mirror.status().message());
  const Status st = SeedDemo(*data->store, *data->vault, SystemClock::Get().NowMillis(), std::cout,
                             analyzer->get(), safety_layer->get(), instruments->get(), mirror->get());
  if (!st.ok()) return Fail(st.message());
  return 0;
}

int RunUserCreate(const UserCreateFlags& flags) {
  store::Role role;
  if (!store::ParseRole(flags.role, role)) return Fail("--role must be client, clinician or admin");
  auto data = Open(flags.data_dir);
  if (!data.ok()) return Fail(data.status().message());
  api::NewAccount spec;
  spec.role = role;
  spec.email = flags.login;
  spec.password = flags.password;
  if (spec.password.empty()) return Fail("--password is required");
  if (!flags.clinic.empty()) {
    auto clinic = data->store->clinics().FindByName(flags.clinic);
    if (!clinic.ok()) {
      store::ClinicRecord created{NewId(), flags.clinic, SystemClock::Get().NowMillis()};
      if (const Status st = data->store->clinics().Create(created); !st.ok()) return Fail(st.message());
      clinic = created;
    }
    spec.clinic_id = clinic->id;
  }
  api::ApiDeps deps = Deps(*data);
  auto user = api::CreateAccount(deps, spec);
  if (!user.ok()) return Fail(user.status().message());
  std::cout << "Created " << flags.role << " " << user->handle << " (id " << user->id << ")\n";
  if (api::NeedsSecondFactor(role)) return EnrolAndPrint(*data, *user, flags.login);
  return 0;
}

int RunUserTwoFactorReset(const std::string& data_dir, const std::string& login) {
  auto data = Open(data_dir);
  if (!data.ok()) return Fail(data.status().message());
  api::ApiDeps deps = Deps(*data);
  auto user = api::FindAccountByLogin(deps, login);
  if (!user.ok()) user = data->store->users().FindById(login);
  if (!user.ok()) return Fail("no account with the e-mail, handle or id " + login);
  if (!api::NeedsSecondFactor(user->role)) {
    return Fail("only clinicians and admins use two-factor sign-in; " + user->handle + " is a " +
                std::string(store::RoleName(user->role)));
  }
  auto key = data->vault->DataKey(*user);
  if (!key.ok()) return Fail(key.status().message());
  // The authenticator entry is labelled with the e-mail, as at creation.
  std::string label = user->handle;
  if (!user->email_sealed.empty()) {
    auto email = data->vault->Open(*key, api::kEmailTable, user->id, user->id, user->email_sealed);
    if (email.ok()) label = *email;
  }
  // Whoever holds the lost phone must not stay signed in.
  if (const Status st = data->store->sessions().DeleteForUser(user->id, ""); !st.ok()) {
    return Fail(st.message());
  }
  std::cout << "Reset two-factor sign-in of " << store::RoleName(user->role) << " "
            << user->handle << " (id " << user->id << "); their sessions have ended\n";
  return EnrolAndPrint(*data, *user, label);
}

int RunUserList(const std::string& data_dir) {
  auto data = Open(data_dir);
  if (!data.ok()) return Fail(data.status().message());
  auto users = data->store->users().List();
  if (!users.ok()) return Fail(users.status().message());
  std::cout << "id\trole\thandle\tcreated\tstate\n";
  for (const store::UserRecord& u : *users) {
    std::cout << u.id << '\t' << store::RoleName(u.role) << '\t' << u.handle << '\t'
              << FormatIso8601(u.created_at) << '\t' << (u.disabled ? "disabled" : "active") << '\n';
  }
  return 0;
}

int RunUserDisable(const std::string& data_dir, const std::string& login, bool disable) {
  auto data = Open(data_dir);
  if (!data.ok()) return Fail(data.status().message());
  api::ApiDeps deps = Deps(*data);
  auto user = api::FindAccountByLogin(deps, login);
  if (!user.ok()) user = data->store->users().FindById(login);
  if (!user.ok()) return Fail("no account with the e-mail, handle or id " + login);
  if (const Status st = data->store->users().SetDisabled(user->id, disable); !st.ok()) {
    return Fail(st.message());
  }
  if (disable) (void)data->store->sessions().DeleteForUser(user->id, "");
  std::cout << (disable ? "Disabled " : "Enabled ") << user->handle << "\n";
  return 0;
}

}  // namespace interlude::app
