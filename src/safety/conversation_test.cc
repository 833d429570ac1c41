// Tests of conversation safety (conversation.h): SAFE-040/041 over the conversations of
// data/safety/cases/conversations.tsv run through the real engine, and the state's JSON.
//
// Thread-safety: single-threaded test code.
#include "safety/conversation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "safety/test_support.h"
#include "text/case_file.h"

namespace interlude::safety {
namespace {

std::vector<text::Case> Cases() {
  auto cases = text::LoadCaseFile(text::DataRoot() + "/safety/cases/conversations.tsv");
  return cases.ok() ? cases.value() : std::vector<text::Case>{};
}

bool HasRule(const Assessment& a, std::string_view rule) {
  return std::any_of(a.reasons.begin(), a.reasons.end(),
                     [&](const Reason& r) { return r.rule == rule; });
}

// Messages separated by " | "; `[screener:<tier>]` records a screener result instead of a
// message. Expected: `<tier> open|closed [SAFE-nnn]` for the last message's assessment,
// the state's open_high after it, and a rule that must be among its reasons.
class ConversationTest : public ::testing::TestWithParam<text::Case> {};

TEST_P(ConversationTest, LastTurnMatches) {
  const text::Case& c = GetParam();
  const std::string where = "conversations.tsv:" + std::to_string(c.line);
  std::vector<std::string> messages;
  ConversationSafetyState state;
  Assessment last;
  for (const std::string& item : testing::SplitSequence(c.text)) {
    if (item.rfind("[screener:", 0) == 0 && item.back() == ']') {
      Tier tier = Tier::kNone;
      ASSERT_TRUE(ParseTier(item.substr(10, item.size() - 11), tier)) << where << ": " << item;
      CloseWithScreener(tier, state);
      continue;
    }
    messages.push_back(item);
    last = AssessTurn(testing::TestAnalyzer(), messages, state);
  }
  std::istringstream in(c.expected);
  std::string tier_name, open, rule;
  in >> tier_name >> open >> rule;
  Tier tier = Tier::kNone;
  ASSERT_TRUE(ParseTier(tier_name, tier)) << where;
  ASSERT_TRUE(open == "open" || open == "closed") << where;
  EXPECT_EQ(last.tier, tier) << where << ": got " << testing::Describe(last);
  EXPECT_EQ(state.open_high, open == "open") << where;
  EXPECT_GE(state.highest, last.tier) << where;
  if (!rule.empty()) {
    EXPECT_TRUE(HasRule(last, rule))
        << where << ": expected " << rule << ", got " << testing::Describe(last);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, ConversationTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<text::Case>& param_info) {
                           return "line" + std::to_string(param_info.param.line);
                         });

TEST(ConversationSafetyTest, CaseFileIsLargeEnough) { EXPECT_GE(Cases().size(), 12u); }

TEST(ConversationSafetyTest, Safe041RetractionKeepsTheScreenerOffered) {
  ConversationSafetyState state;
  std::vector<std::string> messages = {"I have the pills counted out."};
  ASSERT_EQ(AssessTurn(testing::TestAnalyzer(), messages, state).tier, Tier::kHigh);
  ASSERT_TRUE(state.open_high);
  messages.push_back("never mind, forget it");
  const Assessment a = AssessTurn(testing::TestAnalyzer(), messages, state);
  EXPECT_EQ(a.tier, Tier::kModerate);
  EXPECT_TRUE(a.offer_screener);
  EXPECT_TRUE(a.concerns.self);
  EXPECT_EQ(a.reasons.back(), (Reason{"SAFE-041", "retraction_after_high"}));
  EXPECT_EQ(state.highest, Tier::kHigh);
  // A screener below high closes it; a high screener does not.
  CloseWithScreener(Tier::kHigh, state);
  EXPECT_TRUE(state.open_high);
  CloseWithScreener(Tier::kLow, state);
  EXPECT_FALSE(state.open_high);
  EXPECT_EQ(state.highest, Tier::kHigh);
}

TEST(ConversationSafetyTest, EmptyConversationIsNone) {
  ConversationSafetyState state;
  EXPECT_EQ(AssessTurn(testing::TestAnalyzer(), {}, state).tier, Tier::kNone);
  EXPECT_EQ(state.highest, Tier::kNone);
}

TEST(ConversationSafetyTest, InvalidUtf8NeverStopsTheConversation) {
  ConversationSafetyState state;
  const std::vector<std::string> messages = {"hello", std::string("\xff\xfe broken")};
  EXPECT_EQ(AssessTurn(testing::TestAnalyzer(), messages, state).tier, Tier::kNone);
}

TEST(ConversationSafetyTest, StateJsonRoundTrip) {
  ConversationSafetyState state;
  state.highest = Tier::kHigh;
  state.open_high = true;
  const nlohmann::json j = state.ToJson();
  EXPECT_EQ(j, (nlohmann::json{{"highest", "high"}, {"open_high", true}}));
  const ConversationSafetyState back = ConversationSafetyState::FromJson(j);
  EXPECT_EQ(back.highest, Tier::kHigh);
  EXPECT_TRUE(back.open_high);
  const ConversationSafetyState def =
      ConversationSafetyState::FromJson(ConversationSafetyState{}.ToJson());
  EXPECT_EQ(def.highest, Tier::kNone);
  EXPECT_FALSE(def.open_high);
}

TEST(ConversationSafetyTest, GarbageJsonGivesTheDefaultState) {
  const nlohmann::json garbage[] = {
      nullptr,
      42,
      "high",
      nlohmann::json::array({"high", true}),
      nlohmann::json::object(),
      {{"highest", "extreme"}, {"open_high", true}},
      {{"highest", 3}, {"open_high", true}},
      {{"highest", "high"}, {"open_high", "yes"}},
      {{"highest", "high"}},
      nlohmann::json::parse("{\"highest\":\"high\",\"open_high\":null}"),
  };
  for (const nlohmann::json& j : garbage) {
    const ConversationSafetyState s = ConversationSafetyState::FromJson(j);
    EXPECT_EQ(s.highest, Tier::kNone) << j.dump();
    EXPECT_FALSE(s.open_high) << j.dump();
  }
}

}  // namespace
}  // namespace interlude::safety
