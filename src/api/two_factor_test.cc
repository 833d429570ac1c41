// The second factor: enrolment, TOTP and recovery-code checks, sign-in with `totp`, the
// shorter idle limit of clinician sessions, new recovery codes and the clinic admin's
// clinician endpoints — with a real SQLite store and a manual clock.
#include "api/two_factor.h"

#include <gtest/gtest.h>

#include <cctype>
#include <regex>
#include <set>

#include "api/account_service.h"
#include "api/api.h"
#include "crypto/password.h"
#include "crypto/secret_key.h"
#include "crypto/tokens.h"
#include "crypto/totp.h"
#include "store/sqlite_store.h"
#include "testing/temp_dir.h"

namespace interlude::api {
namespace {

constexpr UnixMillis kStart = 1795830289000;  // 2026-11-28T01:44:49Z, 19 s into a step
constexpr UnixMillis kMinute = 60 * 1000;
constexpr char kPassword[] = "a long river stone";

struct Staff {
  store::UserRecord user;
  std::string email;
  std::string secret;  // raw bytes
  TwoFactorEnrolment enrolment;
};

class TwoFactorTest : public ::testing::Test {
 protected:
  TwoFactorTest() : clock_(kStart), vault_(crypto::SecretKey::Random()) {}

  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File(store::kDatabaseFile), 2);
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    options_.version = "test";
    api_ = std::make_unique<Api>(*store_, clock_, vault_, options_);
    deps_ = std::make_unique<ApiDeps>(ApiDeps{*store_, clock_, vault_, options_});
  }

  Staff MakeStaff(const std::string& email, store::Role role = store::Role::kClinician,
                  const std::string& clinic_id = "clinic-a") {
    if (!clinic_id.empty() && !store_->clinics().FindById(clinic_id).ok()) {
      EXPECT_TRUE(store_->clinics().Create({clinic_id, "Clinic " + clinic_id, kStart}).ok());
    }
    NewAccount spec;
    spec.role = role;
    spec.email = email;
    spec.password = kPassword;
    spec.clinic_id = clinic_id;
    Staff staff;
    auto user = CreateAccount(*deps_, spec);
    EXPECT_TRUE(user.ok()) << user.status().ToString();
    staff.user = *user;
    staff.email = email;
    auto enrolment = EnrolTwoFactor(*store_, vault_, staff.user, Key(staff.user), email,
                                    clock_.NowMillis());
    EXPECT_TRUE(enrolment.ok()) << enrolment.status().ToString();
    staff.enrolment = *enrolment;
    staff.secret = *crypto::Base32Decode(staff.enrolment.secret_base32);
    return staff;
  }

  crypto::SecretKey Key(const store::UserRecord& user) { return *vault_.DataKey(user); }

  std::string CodeNow(const Staff& staff, int step_offset = 0) {
    return crypto::Totp(staff.secret, clock_.NowMillis() / 1000 + step_offset * 30);
  }

  HttpResponse Call(const std::string& method, const std::string& path, const Json& body,
                    const std::string& token = "") {
    HttpRequest req;
    req.method = method;
    req.path = path;
    if (!body.is_null()) {
      req.body = body.dump();
      req.headers["content-type"] = "application/json";
    }
    req.remote_address = "127.0.0.1";
    if (!token.empty()) req.headers["authorization"] = "Bearer " + token;
    return api_->Handle(req);
  }

  HttpResponse Login(const std::string& login, const std::optional<std::string>& totp,
                     const std::string& password = kPassword) {
    Json body = {{"login", login}, {"password", password}};
    if (totp) body["totp"] = *totp;
    return Call("POST", "/api/v1/auth/login", body);
  }

  // Signs `staff` in with the current code; returns the token.
  std::string SignIn(const Staff& staff) {
    const HttpResponse r = Login(staff.email, CodeNow(staff));
    EXPECT_EQ(r.status, 200) << r.body;
    return Json::parse(r.body)["token"];
  }

  static Json JsonOf(const HttpResponse& r) { return Json::parse(r.body); }

  testing::TempDir dir_;
  ManualClock clock_;
  ContentVault vault_;
  ApiOptions options_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Api> api_;
  std::unique_ptr<ApiDeps> deps_;
};

TEST_F(TwoFactorTest, OnlyCliniciansAndAdminsNeedIt) {
  EXPECT_FALSE(NeedsSecondFactor(store::Role::kClient));
  EXPECT_TRUE(NeedsSecondFactor(store::Role::kClinician));
  EXPECT_TRUE(NeedsSecondFactor(store::Role::kAdmin));
}

TEST_F(TwoFactorTest, EnrolmentSealsTheSecretAndHashesTheCodes) {
  const Staff staff = MakeStaff("dr.lee@clinic.example");
  const TwoFactorEnrolment& e = staff.enrolment;
  EXPECT_EQ(staff.secret.size(), 20u);
  EXPECT_EQ(e.secret_base32.size(), 32u);
  EXPECT_EQ(e.otpauth_uri, "otpauth://totp/Interlude:dr.lee%40clinic.example?secret=" +
                               e.secret_base32 +
                               "&issuer=Interlude&algorithm=SHA1&digits=6&period=30");
  ASSERT_EQ(e.recovery_codes.size(), 10u);
  const std::regex shape("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}");
  for (const std::string& code : e.recovery_codes) EXPECT_TRUE(std::regex_match(code, shape)) << code;
  EXPECT_EQ(std::set<std::string>(e.recovery_codes.begin(), e.recovery_codes.end()).size(), 10u);

  auto record = store_->two_factor().Get(staff.user.id);
  ASSERT_TRUE(record.ok());
  EXPECT_EQ(record->recovery_hashes.size(), 10u);
  EXPECT_EQ(record->secret_sealed.find(staff.secret), std::string::npos);
  for (const std::string& hash : record->recovery_hashes) {
    for (const std::string& code : e.recovery_codes) EXPECT_EQ(hash.find(code), std::string::npos);
  }
  auto opened = vault_.Open(Key(staff.user), "two_factor", staff.user.id, staff.user.id,
                            record->secret_sealed);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, staff.secret);
  // Another user's key does not open it.
  const Staff other = MakeStaff("dr.kim@clinic.example");
  EXPECT_FALSE(vault_.Open(Key(other.user), "two_factor", staff.user.id, staff.user.id,
                           record->secret_sealed)
                   .ok());
}

TEST_F(TwoFactorTest, FixedSecretIsUsedAndCheckedAndReEnrolmentReplacesEverything) {
  Staff staff = MakeStaff("dr.lee@clinic.example");
  const std::string old_code = staff.enrolment.recovery_codes[0];
  auto fixed = EnrolTwoFactor(*store_, vault_, staff.user, Key(staff.user), staff.email,
                              clock_.NowMillis(), "jbsw y3dp ehpk 3pxp");
  ASSERT_TRUE(fixed.ok()) << fixed.status().ToString();
  EXPECT_EQ(fixed->secret_base32, "JBSWY3DPEHPK3PXP");
  const std::string secret = *crypto::Base32Decode("JBSWY3DPEHPK3PXP");
  EXPECT_TRUE(VerifySecondFactor(*deps_, staff.user, Key(staff.user),
                                 crypto::Totp(secret, clock_.NowMillis() / 1000))
                  .ok());
  // The codes of the first enrolment are gone.
  EXPECT_EQ(VerifySecondFactor(*deps_, staff.user, Key(staff.user), old_code).code(),
            StatusCode::kUnauthenticated);
  for (const char* bad : {"", "not base32!", "MZXW6"}) {
    const auto refused = EnrolTwoFactor(*store_, vault_, staff.user, Key(staff.user),
                                        staff.email, clock_.NowMillis(), std::string(bad));
    EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST_F(TwoFactorTest, TotpCodeWorksOnceWithinOneStepOfDrift) {
  const Staff staff = MakeStaff("dr.lee@clinic.example");
  const crypto::SecretKey key = Key(staff.user);
  const std::string now_code = CodeNow(staff);
  EXPECT_TRUE(VerifySecondFactor(*deps_, staff.user, key, now_code).ok());
  const Status replay = VerifySecondFactor(*deps_, staff.user, key, now_code);
  EXPECT_EQ(replay.code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(replay.field(), "totp");
  EXPECT_EQ(replay.message(), "that code was already used; wait for the next one");
  // An earlier step's code, though inside the window, is older than the one used: refused.
  EXPECT_EQ(VerifySecondFactor(*deps_, staff.user, key, CodeNow(staff, -1)).code(),
            StatusCode::kUnauthenticated);
  // A phone running 30 s fast: the next step's code is accepted, typed with a space.
  std::string ahead = CodeNow(staff, 1);
  ahead.insert(3, " ");
  EXPECT_TRUE(VerifySecondFactor(*deps_, staff.user, key, ahead).ok());
  clock_.Advance(2 * 30 * 1000);
  EXPECT_EQ(VerifySecondFactor(*deps_, staff.user, key, CodeNow(staff, -2)).field(), "totp");
  EXPECT_TRUE(VerifySecondFactor(*deps_, staff.user, key, CodeNow(staff)).ok());
  EXPECT_EQ(VerifySecondFactor(*deps_, staff.user, key, "000000x").field(), "totp");
}

TEST_F(TwoFactorTest, RecoveryCodeWorksOnceTypedAnyWay) {
  const Staff staff = MakeStaff("dr.lee@clinic.example");
  const crypto::SecretKey key = Key(staff.user);
  std::string sloppy;
  for (const char c : staff.enrolment.recovery_codes[3]) {
    if (c != '-') sloppy.push_back(static_cast<char>(std::tolower(c)));
  }
  EXPECT_TRUE(VerifySecondFactor(*deps_, staff.user, key, sloppy).ok());
  const Status again = VerifySecondFactor(*deps_, staff.user, key, staff.enrolment.recovery_codes[3]);
  EXPECT_EQ(again.code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(again.field(), "totp");
  EXPECT_TRUE(VerifySecondFactor(*deps_, staff.user, key, staff.enrolment.recovery_codes[4]).ok());
  EXPECT_EQ(store_->two_factor().Get(staff.user.id)->recovery_hashes.size(), 8u);
  EXPECT_EQ(VerifySecondFactor(*deps_, staff.user, key, "7KQF-2M9D-XW4T-HB3C").field(), "totp");
}

TEST_F(TwoFactorTest, NoSecondFactorIsRefused) {
  NewAccount spec;
  spec.role = store::Role::kClinician;
  spec.email = "new@clinic.example";
  spec.password = kPassword;
  auto user = CreateAccount(*deps_, spec);
  ASSERT_TRUE(user.ok());
  const Status st = VerifySecondFactor(*deps_, *user, Key(*user), "123456");
  EXPECT_EQ(st.code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(st.field(), "totp");
}

TEST_F(TwoFactorTest, ClinicianSignInNeedsTheCode) {
  const Staff staff = MakeStaff("dr.lee@clinic.example");
  HttpResponse r = Login(staff.email, std::nullopt);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(JsonOf(r)["error"]["field"], "totp");
  EXPECT_EQ(JsonOf(r)["error"]["message"], "Enter the 6-digit code from your authenticator app.");
  EXPECT_EQ(JsonOf(Login(staff.email, "  "))["error"]["field"], "totp");
  // A wrong password says nothing about the second factor.
  r = Login(staff.email, CodeNow(staff), "not the password at all");
  EXPECT_EQ(r.status, 401);
  EXPECT_FALSE(JsonOf(r)["error"].contains("field"));
  EXPECT_EQ(Login(staff.email, std::string(65, '1')).status, 400);

  const std::string code = CodeNow(staff);
  r = Login(staff.email, code);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(JsonOf(r)["user"]["role"], "clinician");
  r = Login(staff.email, code);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(JsonOf(r)["error"]["field"], "totp");
  EXPECT_EQ(Login(staff.email, staff.enrolment.recovery_codes[0]).status, 200);
  EXPECT_EQ(Login(staff.email, staff.enrolment.recovery_codes[0]).status, 401);
}

TEST_F(TwoFactorTest, WrongCodesCountTowardsTheThrottle) {
  const Staff staff = MakeStaff("dr.lee@clinic.example");
  std::string wrong = CodeNow(staff);
  wrong[0] = wrong[0] == '9' ? '0' : static_cast<char>(wrong[0] + 1);
  for (int i = 0; i < options_.login_max_failures; ++i) {
    const HttpResponse r = Login(staff.email, wrong);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(JsonOf(r)["error"]["field"], "totp");
  }
  EXPECT_EQ(Login(staff.email, CodeNow(staff)).status, 429);
  clock_.Advance(options_.login_window_minutes * kMinute + 1);
  EXPECT_EQ(Login(staff.email, CodeNow(staff)).status, 200);
}

TEST_F(TwoFactorTest, ClientsNeverNeedTheCode) {
  const Json client = {{"email", "sam@example.org"}, {"password", kPassword}};
  ASSERT_EQ(Call("POST", "/api/v1/auth/register", client).status, 201);
  EXPECT_EQ(Login("sam@example.org", std::nullopt).status, 200);
  EXPECT_EQ(Login("sam@example.org", "whatever").status, 200);
}

TEST_F(TwoFactorTest, ClinicianSessionsEndAfterFifteenIdleMinutes) {
  const Staff staff = MakeStaff("dr.lee@clinic.example");
  const std::string token = SignIn(staff);
  ASSERT_EQ(Call("POST", "/api/v1/auth/register", Json{{"email", "sam@example.org"},
                                                       {"password", kPassword}})
                .status,
            201);
  const std::string client =
      JsonOf(Login("sam@example.org", std::nullopt))["token"].get<std::string>();

  clock_.Advance(14 * kMinute);
  EXPECT_EQ(Call("GET", "/api/v1/me", nullptr, token).status, 200);  // activity resets it
  EXPECT_EQ(Call("GET", "/api/v1/me", nullptr, client).status, 200);
  clock_.Advance(15 * kMinute + 1000);
  EXPECT_EQ(Call("GET", "/api/v1/me", nullptr, token).status, 401);
  EXPECT_EQ(Call("GET", "/api/v1/me", nullptr, token).status, 401);  // ended, not just refused
  EXPECT_EQ(Call("GET", "/api/v1/me", nullptr, client).status, 200);  // clients: 30 minutes
}

TEST_F(TwoFactorTest, TheShorterIdleLimitApplies) {
  options_.session_idle_minutes = 5;
  options_.clinician_idle_minutes = 15;
  api_ = std::make_unique<Api>(*store_, clock_, vault_, options_);
  const Staff staff = MakeStaff("dr.lee@clinic.example");
  const std::string token = SignIn(staff);
  clock_.Advance(6 * kMinute);
  EXPECT_EQ(Call("GET", "/api/v1/me", nullptr, token).status, 401);
}

TEST_F(TwoFactorTest, NewRecoveryCodesReplaceTheOldOnes) {
  const Staff staff = MakeStaff("dr.lee@clinic.example");
  const std::string token = SignIn(staff);
  const std::string path = "/api/v1/me/two-factor/recovery-codes";
  HttpResponse r = Call("POST", path, Json{{"password", "not the password"}}, token);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(JsonOf(r)["error"]["field"], "password");
  EXPECT_EQ(JsonOf(Call("POST", path, Json::object(), token))["error"]["field"], "password");
  r = Call("POST", path, Json{{"password", kPassword}}, token);
  ASSERT_EQ(r.status, 201) << r.body;
  const std::vector<std::string> fresh = JsonOf(r)["recovery_codes"];
  ASSERT_EQ(fresh.size(), 10u);
  EXPECT_EQ(Login(staff.email, staff.enrolment.recovery_codes[0]).status, 401);
  EXPECT_EQ(Login(staff.email, fresh[0]).status, 200);

  ASSERT_EQ(Call("POST", "/api/v1/auth/register", Json{{"email", "sam@example.org"},
                                                       {"password", kPassword}})
                .status,
            201);
  const std::string client =
      JsonOf(Login("sam@example.org", std::nullopt))["token"].get<std::string>();
  EXPECT_EQ(Call("POST", path, Json{{"password", kPassword}}, client).status, 403);
}

TEST_F(TwoFactorTest, AdminManagesTheClinicsOwnClinicians) {
  const Staff admin = MakeStaff("admin@a.example", store::Role::kAdmin, "clinic-a");
  const Staff other_admin = MakeStaff("admin@b.example", store::Role::kAdmin, "clinic-b");
  const Staff theirs = MakeStaff("dr.b@b.example", store::Role::kClinician, "clinic-b");
  const std::string token = SignIn(admin);

  HttpResponse r = Call("POST", "/api/v1/admin/clinicians", Json{{"email", "Dr.New@A.example"}},
                        token);
  ASSERT_EQ(r.status, 201) << r.body;
  const Json made = JsonOf(r);
  EXPECT_EQ(made["user"]["role"], "clinician");
  EXPECT_EQ(made["user"]["email"], "dr.new@a.example");
  // The admin gets a set-up code, never a password, a secret or recovery codes.
  EXPECT_FALSE(made.contains("otpauth_uri"));
  EXPECT_FALSE(made.contains("recovery_codes"));
  EXPECT_TRUE(std::regex_match(made["setup_code"].get<std::string>(),
                               std::regex("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}")));
  EXPECT_EQ(made["setup_expires_at"], "2026-12-05T01:44:49Z");  // 7 days
  const auto stored = store_->users().FindById(made["user"]["id"]);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->clinic_id, "clinic-a");
  EXPECT_TRUE(stored->password_hash.empty());
  EXPECT_EQ(stored->recovery_hash.find(made["setup_code"].get<std::string>()), std::string::npos);
  EXPECT_FALSE(store_->two_factor().Get(stored->id).ok());

  // Not set up yet: asked again, the admin gets a new code; another clinic's admin gets 409.
  clock_.Advance(kMinute);
  r = Call("POST", "/api/v1/admin/clinicians", Json{{"email", "dr.new@a.example"}}, token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(JsonOf(r)["user"]["id"], made["user"]["id"]);
  EXPECT_NE(JsonOf(r)["setup_code"], made["setup_code"]);
  EXPECT_EQ(JsonOf(r)["setup_expires_at"], "2026-12-05T01:45:49Z");
  const std::string other_token = SignIn(other_admin);
  r = Call("POST", "/api/v1/admin/clinicians", Json{{"email", "dr.new@a.example"}}, other_token);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(JsonOf(r)["error"]["field"], "email");
  r = Call("POST", "/api/v1/admin/clinicians",
           Json{{"email", "x@a.example"}, {"password", kPassword}}, token);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(JsonOf(r)["error"]["field"], "password");
  EXPECT_FALSE(store_->users().FindByEmailIndex(
                   crypto::KeyedIndex(vault_.IndexKey(), "email:x@a.example")).ok());

  r = Call("GET", "/api/v1/admin/clinicians", nullptr, token);
  ASSERT_EQ(r.status, 200) << r.body;
  const Json list = JsonOf(r)["clinicians"];
  ASSERT_EQ(list.size(), 1u);  // not the admin, not clinic B's clinician
  EXPECT_EQ(list[0]["id"], made["user"]["id"]);
  EXPECT_EQ(list[0]["email"], "dr.new@a.example");
  EXPECT_EQ(list[0]["disabled"], false);
  EXPECT_TRUE(list[0].contains("handle"));
  EXPECT_TRUE(list[0].contains("created_at"));

  const Json list_b =
      JsonOf(Call("GET", "/api/v1/admin/clinicians", nullptr, other_token))["clinicians"];
  ASSERT_EQ(list_b.size(), 1u);
  EXPECT_EQ(list_b[0]["id"], theirs.user.id);

  const std::string clinician = SignIn(theirs);
  EXPECT_EQ(Call("GET", "/api/v1/admin/clinicians", nullptr, clinician).status, 403);
  EXPECT_EQ(Call("POST", "/api/v1/admin/clinicians", Json{{"email", "y@b.example"}}, clinician)
                .status,
            403);
  EXPECT_EQ(Call("GET", "/api/v1/admin/clinicians", nullptr).status, 401);
}

// Staff set-up: the clinician chooses the password and enrols the second factor with the
// code; the code is no password, works once and only before it expires.
TEST_F(TwoFactorTest, ClinicianSetsUpTheirOwnAccountWithTheCode) {
  const Staff admin = MakeStaff("admin@a.example", store::Role::kAdmin, "clinic-a");
  const std::string admin_token = SignIn(admin);
  const Json made = JsonOf(
      Call("POST", "/api/v1/admin/clinicians", Json{{"email", "dr.new@a.example"}}, admin_token));
  const std::string code = made["setup_code"];
  const auto setup = [&](const std::string& c, const std::string& password) {
    return Call("POST", "/api/v1/auth/setup",
                Json{{"login", "DR.NEW@a.example"}, {"code", c}, {"password", password}});
  };
  // The code is no password (nor is anything before set-up).
  EXPECT_EQ(Login("dr.new@a.example", std::nullopt, code).status, 401);
  HttpResponse r = setup("AAAA-BBBB-CCCC-DDDD", kPassword);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(JsonOf(r)["error"]["field"], "code");
  r = setup(code, "short");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(JsonOf(r)["error"]["field"], "password");

  // Typed in lower case without dashes, the code works once.
  std::string loose = code;
  std::erase(loose, '-');
  for (char& c : loose) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  r = setup(loose, kPassword);
  ASSERT_EQ(r.status, 200) << r.body;
  const Json enrolled = JsonOf(r);
  EXPECT_FALSE(enrolled.contains("token"));  // no session: the person signs in next
  EXPECT_EQ(enrolled["recovery_codes"].size(), 10u);
  const std::string b32 = enrolled["secret"];
  EXPECT_EQ(enrolled["otpauth_uri"], "otpauth://totp/Interlude:dr.new%40a.example?secret=" + b32 +
                                         "&issuer=Interlude&algorithm=SHA1&digits=6&period=30");
  r = setup(code, "another long river stone");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(JsonOf(r)["error"]["field"], "code");
  const auto stored = store_->users().FindByEmailIndex(
      crypto::KeyedIndex(vault_.IndexKey(), "email:dr.new@a.example"));
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(stored->recovery_hash.empty());
  EXPECT_EQ(stored->settings_json, "{}");
  EXPECT_FALSE(PendingSetupExpiry(*stored).has_value());

  // Set up: the admin can no longer replace the code.
  r = Call("POST", "/api/v1/admin/clinicians", Json{{"email", "dr.new@a.example"}}, admin_token);
  EXPECT_EQ(r.status, 409);

  // The password and the app's code sign in; the password alone does not.
  EXPECT_EQ(Login("dr.new@a.example", std::nullopt).status, 401);
  const std::string code_now =
      crypto::Totp(*crypto::Base32Decode(b32), clock_.NowMillis() / 1000);
  EXPECT_EQ(Login("dr.new@a.example", code_now).status, 200);
}

TEST_F(TwoFactorTest, SetupCodeExpiresAfterTheInvitationDays) {
  const Staff admin = MakeStaff("admin@a.example", store::Role::kAdmin, "clinic-a");
  const std::string token = SignIn(admin);
  const Json late = JsonOf(
      Call("POST", "/api/v1/admin/clinicians", Json{{"email", "dr.late@a.example"}}, token));
  const Json early = JsonOf(
      Call("POST", "/api/v1/admin/clinicians", Json{{"email", "dr.early@a.example"}}, token));
  const auto setup = [&](const std::string& login, const Json& made) {
    return Call("POST", "/api/v1/auth/setup", Json{{"login", login},
                                                   {"code", made["setup_code"]},
                                                   {"password", kPassword}});
  };
  clock_.Advance(7 * 24 * 60 * kMinute - 1000);
  EXPECT_EQ(setup("dr.early@a.example", early).status, 200);
  clock_.Advance(1000);
  HttpResponse r = setup("dr.late@a.example", late);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(JsonOf(r)["error"]["field"], "code");
  // Someone else's code, or a code for an account that is set up or not staff, never works.
  EXPECT_EQ(setup("dr.early@a.example", early).status, 401);
  EXPECT_EQ(setup("admin@a.example", late).status, 401);
  EXPECT_EQ(setup("nobody@a.example", late).status, 401);
  // A new code from the admin replaces the expired one.
  r = Call("POST", "/api/v1/admin/clinicians", Json{{"email", "dr.late@a.example"}}, SignIn(admin));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(setup("dr.late@a.example", late).status, 401);
  EXPECT_EQ(setup("dr.late@a.example", JsonOf(r)).status, 200);
}

TEST_F(TwoFactorTest, StaffSignInIgnoresTheRecoveryHash) {
  // A staff account's recovery_hash is only ever a set-up code: never a password.
  const Staff staff = MakeStaff("dr.lee@a.example");
  const std::string code = crypto::NewRecoveryCode();
  ASSERT_TRUE(store_->users()
                  .SetRecoveryHash(staff.user.id,
                                   *crypto::HashPassword(crypto::CanonicalRecoveryCode(code)))
                  .ok());
  const store::UserRecord user = *store_->users().FindById(staff.user.id);
  EXPECT_FALSE(SecretMatches(&user, code));
  EXPECT_TRUE(SecretMatches(&user, kPassword));
  EXPECT_EQ(Login("dr.lee@a.example", CodeNow(staff), code).status, 401);
  // Without `setup_expires_at` it is no pending set-up either.
  EXPECT_FALSE(PendingSetupExpiry(user).has_value());
  EXPECT_FALSE(SetupCodeMatches(&user, code, clock_.NowMillis()));
}

}  // namespace
}  // namespace interlude::api
