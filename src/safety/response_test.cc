// Tests of the safety response (response.h): SAFE-050..055 per tier and concern, country
// resources (US and GB numbers, the international fallback for "FR" and ""), the JSON
// shape, SAFE-060 (every message passes the checker) and bad message files.
//
// Thread-safety: single-threaded test code.
#include "safety/response.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "safety/test_support.h"
#include "text/case_file.h"
#include "text/data_file.h"

namespace interlude::safety {
namespace {

using testing::TestResponses;
using Actions = std::vector<std::string>;

Assessment Make(Tier tier, Concerns concerns, bool screener = false, std::string rule = "SAFE-001",
                std::string code = "test") {
  Assessment a;
  a.Raise(tier, std::move(rule), std::move(code));
  a.concerns = concerns;
  a.offer_screener = screener;
  return a;
}

constexpr Concerns kSelf{true, false, false, false};
constexpr Concerns kHarm{false, true, false, false};
constexpr Concerns kAbuse{false, false, true, false};
constexpr Concerns kThirdParty{false, false, false, true};

bool HasResource(const SafetyResponse& r, ResourceKind kind, const std::string& contact) {
  return std::any_of(r.resources.begin(), r.resources.end(), [&](const Resource& res) {
    return res.kind == kind && (res.phone == contact || res.sms == contact || res.url == contact);
  });
}

TEST(ResponseTest, NoneIsEmpty) {
  const SafetyResponse r = TestResponses().Build(Assessment{}, "US");
  EXPECT_EQ(r.tier, Tier::kNone);
  EXPECT_TRUE(r.message.empty());
  EXPECT_TRUE(r.resources.empty());
  EXPECT_TRUE(r.actions.empty());
  EXPECT_EQ(r.country, "US");
}

TEST(ResponseTest, Safe050LowIsACheckInWithResources) {
  const SafetyResponse r = TestResponses().Build(Make(Tier::kLow, kSelf), "US");
  EXPECT_EQ(r.actions, (Actions{"resources", "check_in"}));
  EXPECT_FALSE(r.message.empty());
  EXPECT_TRUE(HasResource(r, ResourceKind::kCrisis, "988"));
  EXPECT_FALSE(HasResource(r, ResourceKind::kEmergency, "911"));
}

TEST(ResponseTest, Safe051ModerateOffersLinesScreenerAndPlan) {
  const SafetyResponse r = TestResponses().Build(Make(Tier::kModerate, kSelf, true), "GB");
  EXPECT_EQ(r.actions, (Actions{"crisis_lines", "safety_plan", "screener"}));
  ASSERT_FALSE(r.resources.empty());
  EXPECT_EQ(r.resources[0].kind, ResourceKind::kCrisis);
  EXPECT_EQ(r.resources[0].phone, "116 123");
  EXPECT_TRUE(HasResource(r, ResourceKind::kText, "85258"));
  EXPECT_EQ(r.country, "GB");
}

TEST(ResponseTest, Safe052HighPutsTheEmergencyNumberFirst) {
  const SafetyResponse us = TestResponses().Build(Make(Tier::kHigh, kSelf, true), "US");
  EXPECT_EQ(us.actions, (Actions{"call_emergency", "crisis_lines", "safety_plan", "screener"}));
  ASSERT_GE(us.resources.size(), 3u);
  EXPECT_EQ(us.resources[0].phone, "911");
  EXPECT_EQ(us.resources[1].phone, "988");
  EXPECT_EQ(us.resources[2].sms, "741741");
  EXPECT_NE(us.message.find("911"), std::string::npos) << us.message;
  EXPECT_NE(us.message.find("deserve support"), std::string::npos);
  const SafetyResponse gb = TestResponses().Build(Make(Tier::kHigh, kSelf, true), "GB");
  EXPECT_EQ(gb.resources[0].phone, "999");
  EXPECT_NE(gb.message.find("999"), std::string::npos) << gb.message;
  EXPECT_EQ(gb.message.find("911"), std::string::npos);
  EXPECT_EQ(TestResponses().Build(Make(Tier::kHigh, kSelf), "AU").resources[0].phone, "000");
}

TEST(ResponseTest, InternationalFallback) {
  for (const char* cc : {"FR", ""}) {
    const SafetyResponse r = TestResponses().Build(Make(Tier::kHigh, kSelf, true), cc);
    EXPECT_EQ(r.country, "") << cc;
    ASSERT_FALSE(r.resources.empty());
    EXPECT_EQ(r.resources[0].kind, ResourceKind::kEmergency);
    EXPECT_EQ(r.resources[0].note, "your local emergency number");
    EXPECT_TRUE(HasResource(r, ResourceKind::kDirectory, "https://findahelpline.com")) << cc;
    EXPECT_NE(r.message.find("your local emergency number"), std::string::npos) << r.message;
  }
}

TEST(ResponseTest, Safe053ThirdPartyGetsHelpingOthers) {
  const SafetyResponse r =
      TestResponses().Build(Make(Tier::kLow, kThirdParty, false, "SAFE-002"), "US");
  EXPECT_EQ(r.actions, (Actions{"resources", "helping_others"}));
  ASSERT_FALSE(r.resources.empty());
  EXPECT_EQ(r.resources[0].kind, ResourceKind::kHelpingOthers);
  EXPECT_NE(r.message.find("care about them"), std::string::npos) << r.message;
}

TEST(ResponseTest, Safe054AbuseGetsAbuseLines) {
  const SafetyResponse gb =
      TestResponses().Build(Make(Tier::kModerate, kAbuse, false, "SAFE-003"), "GB");
  EXPECT_EQ(gb.actions, (Actions{"abuse_support"}));
  ASSERT_FALSE(gb.resources.empty());
  EXPECT_EQ(gb.resources[0].phone, "0808 2000 247");
  EXPECT_NE(gb.message.find("999"), std::string::npos);
  const SafetyResponse high =
      TestResponses().Build(Make(Tier::kHigh, kAbuse, false, "SAFE-003"), "US");
  EXPECT_EQ(high.actions, (Actions{"call_emergency", "abuse_support"}));
  EXPECT_EQ(high.resources[0].phone, "911");
  EXPECT_EQ(high.resources[1].phone, "1-800-799-7233");
  EXPECT_EQ(TestResponses().Build(Make(Tier::kModerate, kAbuse), "IE").resources[0].phone,
            "1800 341 900");
}

TEST(ResponseTest, Safe055HarmToOthersHasNoScreener) {
  const SafetyResponse r = TestResponses().Build(Make(Tier::kHigh, kHarm, false, "SAFE-004"), "US");
  EXPECT_EQ(r.actions, (Actions{"call_emergency", "crisis_lines"}));
  EXPECT_EQ(r.resources[0].phone, "911");
  EXPECT_EQ(r.resources[1].phone, "988");
  const SafetyResponse moderate =
      TestResponses().Build(Make(Tier::kModerate, kHarm, false, "SAFE-004"), "US");
  EXPECT_EQ(moderate.resources[0].phone, "988");
  EXPECT_TRUE(HasResource(moderate, ResourceKind::kEmergency, "911"));
  EXPECT_EQ(std::count(moderate.actions.begin(), moderate.actions.end(), "screener"), 0);
}

TEST(ResponseTest, MessagesFollowTheReasons) {
  const ResponseBuilder& b = TestResponses();
  const std::string high = b.Build(Make(Tier::kHigh, kSelf), "US").message;
  const std::string moderate = b.Build(Make(Tier::kModerate, kSelf), "US").message;
  const std::string low = b.Build(Make(Tier::kLow, kSelf), "US").message;
  const std::string check_in =
      b.Build(Make(Tier::kLow, kSelf, false, "SAFE-011", "recent_high_24h"), "US").message;
  const std::string retraction =
      b.Build(Make(Tier::kModerate, kSelf, true, "SAFE-041", "retraction_after_high"), "US")
          .message;
  const std::string screener_high =
      b.Build(Make(Tier::kHigh, kSelf, false, "SAFE-030", "screener_intent"), "US").message;
  const std::vector<std::string> all = {high, moderate, low, check_in, retraction, screener_high};
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_FALSE(all[i].empty());
    for (size_t k = i + 1; k < all.size(); ++k) EXPECT_NE(all[i], all[k]) << i << " " << k;
  }
  EXPECT_NE(retraction.find("not a person"), std::string::npos) << retraction;
  // A screener result brings the safety plan but does not offer the screener again.
  const SafetyResponse s =
      b.Build(Make(Tier::kLow, kSelf, false, "SAFE-032", "screener_ideation"), "US");
  EXPECT_EQ(s.actions, (Actions{"safety_plan", "resources", "check_in"}));
}

TEST(ResponseTest, SeveralConcernsShowEveryResource) {
  const Concerns both{true, false, true, false};
  const SafetyResponse r = TestResponses().Build(Make(Tier::kModerate, both, true), "US");
  EXPECT_EQ(r.resources[0].kind, ResourceKind::kAbuse);  // the abuse message leads
  EXPECT_TRUE(HasResource(r, ResourceKind::kCrisis, "988"));
  EXPECT_EQ(r.actions, (Actions{"crisis_lines", "safety_plan", "screener", "abuse_support"}));
}

TEST(ResponseTest, Json) {
  Assessment a = Make(Tier::kHigh, kSelf, true, "SAFE-001", "preparatory");
  const nlohmann::json j = TestResponses().Build(a, "US").ToJson();
  EXPECT_EQ(j["tier"], "high");
  EXPECT_EQ(j["country"], "US");
  EXPECT_EQ(j["reasons"], nlohmann::json::parse(R"([{"rule":"SAFE-001","code":"preparatory"}])"));
  EXPECT_EQ(j["actions"][0], "call_emergency");
  EXPECT_EQ(
      j["resources"][0],
      nlohmann::json::parse(R"({"kind":"emergency","name":"Emergency services","phone":"911"})"));
  EXPECT_EQ(j["resources"][2]["sms_keyword"], "HOME");
  EXPECT_TRUE(j["message"].is_string());
  const nlohmann::json none = TestResponses().Build(Assessment{}, "").ToJson();
  EXPECT_EQ(none["tier"], "none");
  EXPECT_TRUE(none["resources"].empty());
  EXPECT_EQ(none["country"], "");
}

TEST(ResponseTest, Safe060EveryMessagePassesTheChecker) {
  const std::string path = text::DataRoot() + "/safety/messages.txt";
  int count = 0;
  ASSERT_TRUE(text::ForEachDataLine(path, "messages", [&](const std::string& line, int) {
                const std::string message = line.substr(line.find('\t') + 1);
                EXPECT_TRUE(testing::TestChecker().Check(message).empty()) << message;
                ++count;
                return OkStatus();
              }).ok());
  EXPECT_EQ(count, 12);
}

std::string MessagesWith(const std::string& replace_key, const std::string& line) {
  std::string out;
  const std::string path = text::DataRoot() + "/safety/messages.txt";
  EXPECT_TRUE(text::ForEachDataLine(path, "messages", [&](const std::string& l, int) {
                if (l.substr(0, l.find('\t')) != replace_key) out += l + "\n";
                return OkStatus();
              }).ok());
  return out + line;
}

Status LoadMessages(const std::string& content) {
  const std::string root = testing::ScratchDir("messages");
  testing::WriteFile(root + "/safety/messages.txt", content);
  return ResponseBuilder::Load(root, testing::TestChecker(), testing::TestHelplines()).status();
}

TEST(ResponseTest, BadMessageFiles) {
  EXPECT_EQ(LoadMessages("").code(), StatusCode::kInvalidArgument);  // every key missing
  EXPECT_EQ(ResponseBuilder::Load(testing::ScratchDir("nomessages"), testing::TestChecker(),
                                  testing::TestHelplines())
                .status()
                .code(),
            StatusCode::kNotFound);
  const Status missing = LoadMessages(MessagesWith("abuse", ""));
  EXPECT_EQ(missing.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(missing.message().find("abuse"), std::string::npos);
  const Status unknown = LoadMessages(MessagesWith("", "cheerful\tHello!\n"));
  EXPECT_NE(unknown.message().find("unknown message key `cheerful`"), std::string::npos)
      << unknown.message();
  const Status placeholder = LoadMessages(MessagesWith("low", "low\tCall {crisis}.\n"));
  EXPECT_NE(placeholder.message().find("placeholder"), std::string::npos);
  const Status duplicate = LoadMessages(MessagesWith("", "low\tHello again.\n"));
  EXPECT_NE(duplicate.message().find("duplicate"), std::string::npos);
  const Status unsafe =
      LoadMessages(MessagesWith("high", "high\tI'm a real person and I won't tell anyone.\n"));
  EXPECT_EQ(unsafe.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(unsafe.message().find("`high`"), std::string::npos) << unsafe.message();
  EXPECT_NE(unsafe.message().find("SAFE-074"), std::string::npos) << unsafe.message();
}

}  // namespace
}  // namespace interlude::safety
