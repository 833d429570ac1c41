// Handler behaviour through Api::Handle, with a real SQLite store and a manual clock.
#include "api/api.h"

#include <gtest/gtest.h>

#include "crypto/secret_key.h"
#include "store/sqlite_store.h"
#include "testing/temp_dir.h"

namespace interlude::api {
namespace {

constexpr UnixMillis kStart = 1795830289000;  // 2026-11-28T01:44:49Z

class ApiTest : public ::testing::Test {
 protected:
  ApiTest() : clock_(kStart), vault_(crypto::SecretKey::Random()) {}

  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File(store::kDatabaseFile), 2);
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    ApiOptions options;
    options.version = "test";
    api_ = std::make_unique<Api>(*store_, clock_, vault_, options);
  }

  HttpResponse Call(const std::string& method, const std::string& path, const std::string& body,
                    const std::string& token = "",
                    std::map<std::string, std::string> headers = {}) {
    HttpRequest req;
    req.method = method;
    const size_t q = path.find('?');
    req.path = path.substr(0, q);
    if (q != std::string::npos) {
      std::string rest = path.substr(q + 1);
      size_t pos = 0;
      while (pos < rest.size()) {
        size_t amp = rest.find('&', pos);
        if (amp == std::string::npos) amp = rest.size();
        const std::string pair = rest.substr(pos, amp - pos);
        const size_t eq = pair.find('=');
        req.query[pair.substr(0, eq)] = eq == std::string::npos ? "" : pair.substr(eq + 1);
        pos = amp + 1;
      }
    }
    req.body = body;
    req.remote_address = "127.0.0.1";
    if (!body.empty()) req.headers["content-type"] = "application/json";
    if (!token.empty()) req.headers["authorization"] = "Bearer " + token;
    for (auto& [k, v] : headers) req.headers[k] = v;
    return api_->Handle(req);
  }

  static Json JsonOf(const HttpResponse& r) { return Json::parse(r.body); }

  std::string Header(const HttpResponse& r, const std::string& name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return {};
  }

  // Starts an anonymous account; returns {token, handle, recovery_code}.
  Json Anonymous() {
    const HttpResponse r = Call("POST", "/api/v1/auth/anonymous", "{}");
    EXPECT_EQ(r.status, 201) << r.body;
    return JsonOf(r);
  }

  testing::TempDir dir_;
  ManualClock clock_;
  ContentVault vault_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Api> api_;
};

TEST_F(ApiTest, HealthAndUnknownRoutes) {
  const HttpResponse health = Call("GET", "/api/v1/health", "");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(JsonOf(health)["status"], "ok");
  EXPECT_EQ(Header(health, "Cache-Control"), "no-store");
  EXPECT_EQ(Header(health, "X-Request-Id").size(), 16u);
  EXPECT_EQ(Call("GET", "/api/v1/nothing", "").status, 404);
  EXPECT_EQ(Call("POST", "/api/v1/health", "").status, 405);
  EXPECT_EQ(JsonOf(Call("GET", "/api/v1/nothing", ""))["error"]["code"], "not_found");
}

TEST_F(ApiTest, AnonymousAccountSignsInWithRecoveryCode) {
  const Json start = Anonymous();
  const std::string handle = start["user"]["handle"];
  const std::string code = start["recovery_code"];
  EXPECT_EQ(start["user"]["role"], "client");
  EXPECT_TRUE(start["user"]["email"].is_null());

  Json login = {{"login", handle}, {"password", code}};
  EXPECT_EQ(Call("POST", "/api/v1/auth/login", login.dump()).status, 200);
  // Typed sloppily: lower case, without dashes.
  std::string sloppy;
  for (const char c : code) {
    if (c != '-') sloppy.push_back(static_cast<char>(std::tolower(c)));
  }
  login["password"] = sloppy;
  EXPECT_EQ(Call("POST", "/api/v1/auth/login", login.dump()).status, 200);
  login["password"] = "WRONG-CODE-0000-0000";
  EXPECT_EQ(Call("POST", "/api/v1/auth/login", login.dump()).status, 401);
}

TEST_F(ApiTest, RegisterRefusesWeakPasswordsAndDuplicates) {
  EXPECT_EQ(JsonOf(Call("POST", "/api/v1/auth/register", R"({"email":"a@b.org","password":""})"))["error"]["field"], "password");
  EXPECT_EQ(JsonOf(Call("POST", "/api/v1/auth/register", R"({"email":"","password":"a long river stone"})"))["error"]["field"], "email");
  Json body = {{"email", "Sam@Example.org "}, {"password", "password123"}};
  HttpResponse r = Call("POST", "/api/v1/auth/register", body.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(JsonOf(r)["error"]["field"], "password");
  body["password"] = "a long river stone";
  r = Call("POST", "/api/v1/auth/register", body.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(JsonOf(r)["user"]["email"], "sam@example.org");
  body["email"] = "sam@example.org";
  EXPECT_EQ(Call("POST", "/api/v1/auth/register", body.dump()).status, 409);
  const Json login = {{"login", "SAM@example.org"}, {"password", "a long river stone"}};
  EXPECT_EQ(Call("POST", "/api/v1/auth/login", login.dump()).status, 200);
}

TEST_F(ApiTest, LoginIsThrottledWithRetryAfter) {
  const Json start = Anonymous();
  const Json bad = {{"login", start["user"]["handle"]}, {"password", "not the code at all"}};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(Call("POST", "/api/v1/auth/login", bad.dump()).status, 401);
  }
  HttpResponse r = Call("POST", "/api/v1/auth/login", bad.dump());
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(Header(r, "Retry-After"), "900");
  // Even the right code waits until the window has passed.
  const Json good = {{"login", start["user"]["handle"]}, {"password", start["recovery_code"]}};
  EXPECT_EQ(Call("POST", "/api/v1/auth/login", good.dump()).status, 429);
  clock_.Advance(15 * 60 * 1000 + 1);
  EXPECT_EQ(Call("POST", "/api/v1/auth/login", good.dump()).status, 200);
}

TEST_F(ApiTest, SessionsExpireWhenIdleAndOnLogout) {
  const std::string token = Anonymous()["token"];
  EXPECT_EQ(Call("GET", "/api/v1/me", "", token).status, 200);
  clock_.Advance(29 * 60 * 1000);
  EXPECT_EQ(Call("GET", "/api/v1/me", "", token).status, 200);  // refreshes last seen
  clock_.Advance(31 * 60 * 1000);
  EXPECT_EQ(Call("GET", "/api/v1/me", "", token).status, 401);

  const std::string other = Anonymous()["token"];
  EXPECT_EQ(Call("POST", "/api/v1/auth/logout", "", other).status, 204);
  EXPECT_EQ(Call("GET", "/api/v1/me", "", other).status, 401);
  EXPECT_EQ(Call("GET", "/api/v1/me", "").status, 401);
}

TEST_F(ApiTest, CookieMutationsNeedOurOrigin) {
  const std::string token = Anonymous()["token"];
  const std::string body = R"({"text":"hello"})";
  std::map<std::string, std::string> cookie = {{"cookie", "a=b; interlude_session=" + token},
                                               {"host", "127.0.0.1:8080"}};
  HttpResponse r = Call("POST", "/api/v1/entries", body, "", cookie);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(JsonOf(r)["error"]["code"], "origin_mismatch");
  cookie["origin"] = "http://evil.example";
  EXPECT_EQ(Call("POST", "/api/v1/entries", body, "", cookie).status, 403);
  cookie["origin"] = "https://127.0.0.1:8080";  // our host, but not our scheme
  EXPECT_EQ(Call("POST", "/api/v1/entries", body, "", cookie).status, 403);
  cookie["origin"] = "http://127.0.0.1:8080";
  EXPECT_EQ(Call("POST", "/api/v1/entries", body, "", cookie).status, 201);
  // A bearer token is not ambient: no origin check.
  EXPECT_EQ(Call("POST", "/api/v1/entries", body, token, {{"origin", "http://elsewhere.example"}}).status, 201);
  cookie.erase("origin");
  EXPECT_EQ(Call("GET", "/api/v1/entries", "", "", cookie).status, 200);  // reads are fine
}

TEST_F(ApiTest, EntriesBelongToTheirOwner) {
  const std::string alice = Anonymous()["token"];
  const std::string bob = Anonymous()["token"];
  HttpResponse r = Call("POST", "/api/v1/entries", R"({"text":"mine","title":"t"})", alice);
  ASSERT_EQ(r.status, 201);
  const std::string id = JsonOf(r)["entry"]["id"];
  const std::string path = "/api/v1/entries/" + id;
  EXPECT_EQ(Call("GET", path, "", bob).status, 404);
  EXPECT_EQ(Call("PUT", path, R"({"text":"stolen"})", bob).status, 404);
  EXPECT_EQ(Call("DELETE", path, "", bob).status, 404);
  EXPECT_EQ(JsonOf(Call("GET", path, "", alice))["entry"]["text"], "mine");
  r = Call("PUT", path, R"({"text":"edited","kind":"gratitude","fields":{"items":["tea"]}})", alice);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(JsonOf(r)["entry"]["kind"], "gratitude");
  EXPECT_TRUE(JsonOf(r)["entry"]["title"].is_null());
  EXPECT_EQ(Call("DELETE", path, "", alice).status, 204);
  EXPECT_EQ(Call("GET", path, "", alice).status, 404);
}

TEST_F(ApiTest, EntryPagesDoNotRepeatOrSkip) {
  const std::string token = Anonymous()["token"];
  for (int i = 0; i < 25; ++i) {
    clock_.Advance(i % 3 == 0 ? 0 : 1000);  // some share a timestamp
    ASSERT_EQ(Call("POST", "/api/v1/entries", Json{{"text", "n" + std::to_string(i)}}.dump(), token).status, 201);
  }
  std::set<std::string> seen;
  std::string cursor;
  std::vector<size_t> sizes;
  for (;;) {
    const HttpResponse r = Call("GET", "/api/v1/entries?limit=10" + (cursor.empty() ? "" : "&before=" + cursor), "", token);
    ASSERT_EQ(r.status, 200);
    const Json page = JsonOf(r);
    sizes.push_back(page["entries"].size());
    for (const Json& e : page["entries"]) EXPECT_TRUE(seen.insert(e["id"]).second);
    if (page["next_before"].is_null()) break;
    cursor = page["next_before"];
  }
  EXPECT_EQ(sizes, (std::vector<size_t>{10, 10, 5}));
  EXPECT_EQ(seen.size(), 25u);
  EXPECT_EQ(Call("GET", "/api/v1/entries?before=garbage", "", token).status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/entries?limit=0", "", token).status, 400);
}

TEST_F(ApiTest, CheckinsListByRangeNewestFirst) {
  const std::string token = Anonymous()["token"];
  for (const char* at : {"2026-11-20T08:00:00Z", "2026-11-25T08:00:00Z", "2026-11-27T08:00:00Z"}) {
    const Json body = {{"valence", 5}, {"energy", 3}, {"at", at}, {"emotions", {"calm"}},
                       {"tags", {" Walk ", "walk"}}};
    const HttpResponse r = Call("POST", "/api/v1/checkins", body.dump(), token);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(JsonOf(r)["checkin"]["tags"], Json({"walk"}));
  }
  const Json list = JsonOf(Call("GET", "/api/v1/checkins?from=2026-11-21&to=2026-11-28", "", token));
  ASSERT_EQ(list["checkins"].size(), 2u);
  EXPECT_EQ(list["checkins"][0]["at"], "2026-11-27T08:00:00Z");
  const HttpResponse future = Call("POST", "/api/v1/checkins",
                                   R"({"valence":5,"energy":3,"at":"2026-12-01T00:00:00Z"})", token);
  EXPECT_EQ(JsonOf(future)["error"]["field"], "at");
}

TEST_F(ApiTest, ExportThenDeleteShredsEverything) {
  const Json start = Anonymous();
  const std::string token = start["token"];
  ASSERT_EQ(Call("POST", "/api/v1/entries", R"({"text":"keep me"})", token).status, 201);
  ASSERT_EQ(Call("POST", "/api/v1/checkins", R"({"valence":2,"energy":2,"note":"low"})", token).status, 201);
  const HttpResponse exported = Call("GET", "/api/v1/me/export", "", token);
  ASSERT_EQ(exported.status, 200);
  const Json e = JsonOf(exported);
  EXPECT_EQ(e["entries"][0]["text"], "keep me");
  EXPECT_EQ(e["checkins"][0]["note"], "low");
  EXPECT_NE(Header(exported, "Content-Disposition").find("attachment"), std::string::npos);

  const std::string user_id = start["user"]["id"];
  EXPECT_EQ(Call("DELETE", "/api/v1/me", "", token).status, 204);
  EXPECT_EQ(store_->users().FindById(user_id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Call("GET", "/api/v1/me", "", token).status, 401);
  const Json login = {{"login", start["user"]["handle"]}, {"password", start["recovery_code"]}};
  EXPECT_EQ(Call("POST", "/api/v1/auth/login", login.dump()).status, 401);
}

TEST_F(ApiTest, ChangingPasswordEndsOtherSessions) {
  const Json start = Anonymous();
  const std::string first = start["token"];
  const Json login = {{"login", start["user"]["handle"]}, {"password", start["recovery_code"]}};
  const std::string second = JsonOf(Call("POST", "/api/v1/auth/login", login.dump()))["token"];
  const Json change = {{"current_password", start["recovery_code"]},
                       {"new_password", "blue heron at dusk"}};
  EXPECT_EQ(Call("POST", "/api/v1/me/password", change.dump(), first).status, 204);
  EXPECT_EQ(Call("GET", "/api/v1/me", "", first).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/me", "", second).status, 401);
  const Json with_password = {{"login", start["user"]["handle"]}, {"password", "blue heron at dusk"}};
  EXPECT_EQ(Call("POST", "/api/v1/auth/login", with_password.dump()).status, 200);
}

TEST_F(ApiTest, PatchMeValidatesCountry) {
  const std::string token = Anonymous()["token"];
  EXPECT_EQ(JsonOf(Call("PATCH", "/api/v1/me", R"({"country":"GB"})", token))["user"]["country"], "GB");
  EXPECT_EQ(Call("PATCH", "/api/v1/me", R"({"country":"gb"})", token).status, 400);
  EXPECT_EQ(Call("PATCH", "/api/v1/me", R"({"country":"GBR"})", token).status, 400);
  EXPECT_EQ(Call("PATCH", "/api/v1/me", R"({"country":"XY"})", token).status, 400);  // not assigned
  EXPECT_EQ(Call("PATCH", "/api/v1/me", R"({"colour":"red"})", token).status, 400);
  EXPECT_TRUE(JsonOf(Call("PATCH", "/api/v1/me", R"({"country":null})", token))["user"]["country"].is_null());
}

}  // namespace
}  // namespace interlude::api

namespace interlude::api {
namespace {

TEST_F(ApiTest, EverySpellingOfAnAccountSharesOneThrottleWindow) {
  const Json start = Anonymous();
  const std::string handle = start["user"]["handle"];
  std::string spaced = handle;
  spaced.insert(spaced.find('-') + 1, " ");
  std::string upper;
  for (const char c : handle) upper.push_back(static_cast<char>(std::toupper(c)));
  const std::vector<std::string> spellings = {handle, " " + handle, spaced, upper, handle + " ", upper};
  for (size_t i = 0; i < spellings.size() - 1; ++i) {
    const Json bad = {{"login", spellings[i]}, {"password", "wrong wrong wrong"}};
    // Each attempt from a different address, so only the account window can stop them.
    EXPECT_EQ(Call("POST", "/api/v1/auth/login", bad.dump(), "", {}).status, 401) << i;
    (void)store_->throttle().Clear("addr:127.0.0.1");
  }
  const Json last = {{"login", spellings.back()}, {"password", start["recovery_code"]}};
  EXPECT_EQ(Call("POST", "/api/v1/auth/login", last.dump()).status, 429);
}

TEST_F(ApiTest, SignUpsPerAddressAreLimited) {
  for (int i = 0; i < 20; ++i) ASSERT_EQ(Call("POST", "/api/v1/auth/anonymous", "{}").status, 201);
  const HttpResponse r = Call("POST", "/api/v1/auth/anonymous", "{}");
  EXPECT_EQ(r.status, 429);
  EXPECT_FALSE(Header(r, "Retry-After").empty());
  const Json reg = {{"email", "new@example.org"}, {"password", "a long river stone"}};
  EXPECT_EQ(Call("POST", "/api/v1/auth/register", reg.dump()).status, 429);
}

TEST_F(ApiTest, PublicFormsRefuseForeignOrigins) {
  std::map<std::string, std::string> foreign = {{"origin", "http://evil.example"}, {"host", "127.0.0.1:8080"}};
  EXPECT_EQ(Call("POST", "/api/v1/auth/anonymous", "", "", foreign).status, 403);
  foreign["origin"] = "http://127.0.0.1:8080";
  EXPECT_EQ(Call("POST", "/api/v1/auth/anonymous", "", "", foreign).status, 201);
}

TEST_F(ApiTest, HostileTextNeverBreaksTheAnswer) {
  const std::string token = Anonymous()["token"];
  // An unknown emotion of 40 two-byte characters: quoted back whole, as valid JSON.
  std::string word = "a";
  for (int i = 0; i < 39; ++i) word += "\xc3\xa9";
  HttpResponse r = Call("POST", "/api/v1/checkins", Json{{"valence", 4}, {"energy", 3}, {"emotions", {word}}}.dump(), token);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(JsonOf(r)["error"]["field"], "emotions");
  // Invalid UTF-8 in a query name or value.
  HttpRequest req;
  req.method = "GET";
  req.path = "/api/v1/checkins";
  req.query["\xff"] = "\xfe";
  req.headers["authorization"] = "Bearer " + token;
  r = api_->Handle(req);
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(Json::accept(r.body));
  // Whitespace is not an entry.
  EXPECT_EQ(JsonOf(Call("POST", "/api/v1/entries", R"({"text":"   \n "})", token))["error"]["field"], "text");
}

TEST_F(ApiTest, ErrorsAreSentencesAnd405NamesTheMethods) {
  const HttpResponse r = Call("DELETE", "/api/v1/entries", "", Anonymous()["token"]);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(Header(r, "Allow"), "POST, GET");
  const std::string message = JsonOf(r)["error"]["message"];
  EXPECT_TRUE(std::isupper(message[0])) << message;
  EXPECT_EQ(message.back(), '.');
}

TEST_F(ApiTest, AHalfDeletedAccountHasNoSessions) {
  const Json start = Anonymous();
  ASSERT_TRUE(store_->users().ShredDataKey(start["user"]["id"]).ok());
  EXPECT_EQ(Call("GET", "/api/v1/me", "", start["token"]).status, 401);
}

TEST_F(ApiTest, PasswordChecksOnAStolenSessionAreThrottled) {
  const std::string token = Anonymous()["token"];
  const Json guess = {{"current_password", "is it this one"}, {"new_password", "river stone lantern"}};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(Call("POST", "/api/v1/me/password", guess.dump(), token).status, 400);
  }
  EXPECT_EQ(Call("POST", "/api/v1/me/password", guess.dump(), token).status, 429);
}

}  // namespace
}  // namespace interlude::api

namespace interlude::api {
namespace {

TEST_F(ApiTest, ANewRecoveryCodeReplacesTheOldOne) {
  const Json start = Anonymous();
  const HttpResponse r = Call("POST", "/api/v1/me/recovery-code", "", start["token"]);
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string fresh = JsonOf(r)["recovery_code"];
  EXPECT_NE(fresh, start["recovery_code"]);
  const Json old_login = {{"login", start["user"]["handle"]}, {"password", start["recovery_code"]}};
  EXPECT_EQ(Call("POST", "/api/v1/auth/login", old_login.dump()).status, 401);
  const Json new_login = {{"login", start["user"]["handle"]}, {"password", fresh}};
  EXPECT_EQ(Call("POST", "/api/v1/auth/login", new_login.dump()).status, 200);
  EXPECT_EQ(Call("POST", "/api/v1/me/recovery-code", "").status, 401);
}

TEST_F(ApiTest, OnePersonsTyposDoNotLockOutTheirAddress) {
  const Json other = Anonymous();
  // Six wrong attempts on one account lock that account, not the address.
  for (int i = 0; i < 6; ++i) {
    (void)Call("POST", "/api/v1/auth/login", Json{{"login", "nobody-here-1234"}, {"password", "nope nope nope"}}.dump());
  }
  const Json good = {{"login", other["user"]["handle"]}, {"password", other["recovery_code"]}};
  EXPECT_EQ(Call("POST", "/api/v1/auth/login", good.dump()).status, 200);
}

TEST_F(ApiTest, MessagesNameFieldsInWords) {
  const std::string token = Anonymous()["token"];
  const Json e = JsonOf(Call("POST", "/api/v1/checkins", R"({"valence":4,"energy":3,"sleep_hours":30})", token))["error"];
  EXPECT_EQ(e["field"], "sleep_hours");
  EXPECT_EQ(e["message"], "Sleep hours must be between 0 and 24.");
  const Json f = JsonOf(Call("POST", "/api/v1/entries", R"({"kind":"thought_record","fields":{"mood_before":150}})", token))["error"];
  EXPECT_EQ(f["field"], "fields.mood_before");
  EXPECT_EQ(f["message"], "Mood before must be from 0 to 100.");
}

}  // namespace
}  // namespace interlude::api
