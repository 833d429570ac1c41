// Tests of the tier policy (tier_policy.h): SAFE-001..006 on single texts run through the
// real language engine (data/safety/cases/tier_single.tsv), SAFE-010/011 on timed sequences
// (tier_sequences.tsv), SAFE-020/021 and the screener triage SAFE-030..032 on questionnaire
// answers (tier_questionnaire.tsv), and unit tests of each rule on hand-made findings.
//
// Thread-safety: single-threaded test code.
#include "safety/tier_policy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "safety/screener.h"
#include "safety/test_support.h"
#include "text/case_file.h"

namespace interlude::safety {
namespace {

using testing::Describe;
using testing::ParseExpected;
using testing::TestAnalyzer;

constexpr UnixMillis kHour = 60 * 60 * 1000;
constexpr UnixMillis kNow = 1'700'000'000'000;

std::vector<text::Case> Cases(const std::string& file) {
  auto cases = text::LoadCaseFile(text::DataRoot() + "/safety/cases/" + file);
  return cases.ok() ? cases.value() : std::vector<text::Case>{};
}

std::string CaseName(const ::testing::TestParamInfo<text::Case>& param_info) {
  return "line" + std::to_string(param_info.param.line);
}

Assessment AssessWithEngine(const std::string& text) {
  auto analysis = TestAnalyzer().Analyze(text);
  EXPECT_TRUE(analysis.ok()) << analysis.status().ToString();
  return analysis.ok() ? AssessText(analysis->risk) : Assessment{};
}

bool HasRule(const Assessment& a, std::string_view rule) {
  return std::any_of(a.reasons.begin(), a.reasons.end(),
                     [&](const Reason& r) { return r.rule == rule; });
}

// `tier[:concerns] [SAFE-nnn]`: the tier and concerns must match exactly; a rule, when
// given, must be among the reasons.
void ExpectMatches(const std::string& expected, const Assessment& a, const std::string& where) {
  std::istringstream in(expected);
  std::string label, rule;
  in >> label >> rule;
  Tier tier = Tier::kNone;
  Concerns concerns;
  ASSERT_TRUE(ParseExpected(label, tier, concerns)) << where << ": bad expectation " << expected;
  const bool concerns_given = label.find(':') != std::string::npos || tier == Tier::kNone;
  EXPECT_EQ(a.tier, tier) << where << ": expected " << expected << ", got " << Describe(a);
  if (concerns_given) {
    EXPECT_EQ(a.concerns, concerns)
        << where << ": expected " << expected << ", got " << Describe(a);
  }
  if (!rule.empty()) {
    EXPECT_TRUE(HasRule(a, rule)) << where << ": expected rule " << rule << ", got " << Describe(a);
  }
}

// --- SAFE-001..006 through the real engine ------------------------------------------------

class SingleTextTest : public ::testing::TestWithParam<text::Case> {};

TEST_P(SingleTextTest, MatchesExpectedTier) {
  const text::Case& c = GetParam();
  const Assessment a = AssessWithEngine(c.text);
  ExpectMatches(c.expected, a, "tier_single.tsv:" + std::to_string(c.line) + " \"" + c.text + "\"");
  // SAFE-006: the screener is offered exactly for moderate and high own risk.
  const bool own_moderate = std::any_of(a.reasons.begin(), a.reasons.end(),
                                        [](const Reason& r) { return r.rule == "SAFE-001"; }) &&
                            a.tier >= Tier::kModerate;
  if (!own_moderate) {
    EXPECT_FALSE(a.offer_screener) << c.text;
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, SingleTextTest, ::testing::ValuesIn(Cases("tier_single.tsv")),
                         CaseName);

TEST(TierPolicyTest, SingleCaseFileIsLargeEnough) {
  EXPECT_GE(Cases("tier_single.tsv").size(), 40u);
}

text::RiskAssessment Risk(
    std::initializer_list<std::pair<text::RiskLevel, text::RiskCategory>> findings) {
  text::RiskAssessment risk;
  for (const auto& [level, category] : findings) {
    risk.findings.push_back({level, category, {}, "test"});
    if (level > risk.level) {
      risk.level = level;
      risk.category = category;
    }
  }
  return risk;
}

using L = text::RiskLevel;
using C = text::RiskCategory;

TEST(TierPolicyTest, Safe001OwnRiskKeepsTheEngineLevel) {
  const Assessment a = AssessText(Risk({{L::kHigh, C::kPreparatory}}));
  EXPECT_EQ(a.tier, Tier::kHigh);
  EXPECT_TRUE(a.concerns.self);
  ASSERT_EQ(a.reasons.size(), 1u);
  EXPECT_EQ(a.reasons[0], (Reason{"SAFE-001", "preparatory"}));
  EXPECT_EQ(AssessText(Risk({{L::kModerate, C::kSelfHarm}})).tier, Tier::kModerate);
  EXPECT_EQ(AssessText(Risk({})).tier, Tier::kNone);
  EXPECT_TRUE(AssessText(Risk({})).reasons.empty());
}

TEST(TierPolicyTest, Safe002ThirdPartyIsLow) {
  const Assessment a = AssessText(Risk({{L::kHigh, C::kThirdParty}}));
  EXPECT_EQ(a.tier, Tier::kLow);
  EXPECT_EQ(a.concerns, (Concerns{false, false, false, true}));
  EXPECT_FALSE(a.offer_screener);
  EXPECT_EQ(a.reasons[0].rule, "SAFE-002");
}

TEST(TierPolicyTest, Safe003AbuseKeepsItsLevel) {
  const Assessment a = AssessText(Risk({{L::kHigh, C::kAbuseOrUnsafe}}));
  EXPECT_EQ(a.tier, Tier::kHigh);
  EXPECT_EQ(a.concerns, (Concerns{false, false, true, false}));
  EXPECT_FALSE(a.offer_screener);
  EXPECT_EQ(a.reasons[0], (Reason{"SAFE-003", "abuse_or_unsafe"}));
}

TEST(TierPolicyTest, Safe004HarmToOthersKeepsItsLevel) {
  const Assessment a = AssessText(Risk({{L::kModerate, C::kHarmToOthers}}));
  EXPECT_EQ(a.tier, Tier::kModerate);
  EXPECT_EQ(a.concerns, (Concerns{false, true, false, false}));
  EXPECT_FALSE(a.offer_screener);
  EXPECT_EQ(a.reasons[0], (Reason{"SAFE-004", "harm_to_others"}));
}

TEST(TierPolicyTest, Safe005PastRiskIsLow) {
  const Assessment a = AssessText(Risk({{L::kModerate, C::kPastRisk}}));
  EXPECT_EQ(a.tier, Tier::kLow);
  EXPECT_TRUE(a.concerns.self);
  EXPECT_FALSE(a.offer_screener);
  EXPECT_EQ(a.reasons[0], (Reason{"SAFE-005", "past_risk"}));
}

TEST(TierPolicyTest, Safe006ModerateAndHighOwnRiskOfferTheScreener) {
  EXPECT_TRUE(AssessText(Risk({{L::kModerate, C::kPassiveDeathWish}})).offer_screener);
  EXPECT_TRUE(AssessText(Risk({{L::kHigh, C::kIntent}})).offer_screener);
  EXPECT_FALSE(AssessText(Risk({{L::kLow, C::kSuicidalIdeation}})).offer_screener);
}

TEST(TierPolicyTest, SeveralFindingsGiveEveryConcern) {
  const Assessment a = AssessText(Risk({{L::kModerate, C::kAbuseOrUnsafe},
                                        {L::kModerate, C::kPassiveDeathWish},
                                        {L::kLow, C::kThirdParty}}));
  EXPECT_EQ(a.tier, Tier::kModerate);
  EXPECT_EQ(a.concerns, (Concerns{true, false, true, true}));
  EXPECT_EQ(a.reasons.size(), 3u);
  EXPECT_TRUE(a.offer_screener);
}

// --- SAFE-010/011: history ----------------------------------------------------------------

Assessment Current(Tier tier, bool self = true) {
  Assessment a;
  if (tier != Tier::kNone) a.Raise(tier, "SAFE-001", "test");
  a.concerns.self = self;
  return a;
}

TEST(TierPolicyTest, Safe010RepeatedModerateWithin72HoursIsHigh) {
  const std::vector<PastSignal> history = {{kNow - 72 * kHour, Tier::kModerate}};
  const Assessment a = ApplyHistory(Current(Tier::kModerate), history, kNow);
  EXPECT_EQ(a.tier, Tier::kHigh);
  EXPECT_TRUE(HasRule(a, "SAFE-010"));
  // Just outside the window, in the future, or a low signal: unchanged.
  for (const PastSignal& s :
       {PastSignal{kNow - 72 * kHour - 1, Tier::kHigh}, PastSignal{kNow + kHour, Tier::kHigh},
        PastSignal{kNow - kHour, Tier::kLow}}) {
    const std::vector<PastSignal> one = {s};
    EXPECT_EQ(ApplyHistory(Current(Tier::kModerate), one, kNow).tier, Tier::kModerate);
  }
  // Only the writer's own moderate repeats: abuse alone is not raised.
  EXPECT_EQ(ApplyHistory(Current(Tier::kModerate, false), history, kNow).tier, Tier::kModerate);
}

TEST(TierPolicyTest, Safe011RecentHighRaisesNoneAndLow) {
  const std::vector<PastSignal> history = {{kNow - 24 * kHour, Tier::kHigh}};
  const Assessment none = ApplyHistory(Current(Tier::kNone, false), history, kNow);
  EXPECT_EQ(none.tier, Tier::kLow);
  EXPECT_TRUE(none.concerns.self);
  EXPECT_EQ(none.reasons.back(), (Reason{"SAFE-011", "recent_high_24h"}));
  EXPECT_FALSE(none.offer_screener);
  const Assessment low = ApplyHistory(Current(Tier::kLow), history, kNow);
  EXPECT_EQ(low.tier, Tier::kModerate);
  EXPECT_TRUE(low.offer_screener);
  // SAFE-011 never cascades into SAFE-010: a low now stays moderate.
  EXPECT_FALSE(HasRule(low, "SAFE-010"));
  // A high 25 hours ago does nothing for a none; a moderate now is SAFE-010's business.
  const std::vector<PastSignal> old = {{kNow - 25 * kHour, Tier::kHigh}};
  EXPECT_EQ(ApplyHistory(Current(Tier::kNone), old, kNow).tier, Tier::kNone);
  EXPECT_EQ(ApplyHistory(Current(Tier::kModerate), old, kNow).tier, Tier::kHigh);
  EXPECT_TRUE(HasRule(ApplyHistory(Current(Tier::kModerate), old, kNow), "SAFE-010"));
}

TEST(TierPolicyTest, HistoryInAnyOrderAndEmpty) {
  const std::vector<PastSignal> history = {{kNow - 100 * kHour, Tier::kLow},
                                           {kNow - 2 * kHour, Tier::kModerate},
                                           {kNow - 200 * kHour, Tier::kHigh}};
  EXPECT_EQ(ApplyHistory(Current(Tier::kModerate), history, kNow).tier, Tier::kHigh);
  EXPECT_EQ(ApplyHistory(Current(Tier::kModerate), {}, kNow).tier, Tier::kModerate);
}

// A sequence `-48h: text | -2h: text | now: text`; each text is assessed with the history of
// the earlier ones (own-risk signals only), the last is compared.
class SequenceTest : public ::testing::TestWithParam<text::Case> {};

bool ParseOffset(const std::string& label, UnixMillis& at) {
  if (label == "now") {
    at = kNow;
    return true;
  }
  if (label.size() < 3 || label[0] != '-') return false;
  const char unit = label.back();
  const std::string digits = label.substr(1, label.size() - 2);
  if (digits.find_first_not_of("0123456789") != std::string::npos) return false;
  const UnixMillis n = std::stoll(digits);
  const UnixMillis per = unit == 'm'   ? 60 * 1000
                         : unit == 'h' ? kHour
                         : unit == 'd' ? 24 * kHour
                                       : 0;
  if (per == 0) return false;
  at = kNow - n * per;
  return true;
}

TEST_P(SequenceTest, LastItemMatches) {
  const text::Case& c = GetParam();
  const std::string where = "tier_sequences.tsv:" + std::to_string(c.line);
  std::vector<PastSignal> history;
  Assessment last;
  for (const std::string& item : testing::SplitSequence(c.text)) {
    const size_t colon = item.find(": ");
    UnixMillis at = 0;
    ASSERT_TRUE(colon != std::string::npos && ParseOffset(item.substr(0, colon), at))
        << where << ": bad item " << item;
    last = ApplyHistory(AssessWithEngine(item.substr(colon + 2)), history, at);
    if (last.concerns.self && last.tier != Tier::kNone) history.push_back({at, last.tier});
  }
  ExpectMatches(c.expected, last, where);
}

INSTANTIATE_TEST_SUITE_P(Cases, SequenceTest, ::testing::ValuesIn(Cases("tier_sequences.tsv")),
                         CaseName);

TEST(TierPolicyTest, SequenceFileIsLargeEnough) {
  EXPECT_GE(Cases("tier_sequences.tsv").size(), 12u);
}

// --- SAFE-020/021 and SAFE-030..032: questionnaires -----------------------------------------

TEST(TierPolicyTest, Safe020And021Phq9Item9) {
  EXPECT_EQ(AssessPhq9Item9(0).tier, Tier::kNone);
  EXPECT_TRUE(AssessPhq9Item9(0).reasons.empty());
  for (int answer : {1, 2}) {
    const Assessment a = AssessPhq9Item9(answer);
    EXPECT_EQ(a.tier, Tier::kModerate);
    EXPECT_TRUE(a.offer_screener);
    EXPECT_TRUE(a.concerns.self);
    EXPECT_EQ(a.reasons, (std::vector<Reason>{{"SAFE-020", "phq9_item9"}}));
  }
  const Assessment high = AssessPhq9Item9(3);
  EXPECT_EQ(high.tier, Tier::kHigh);
  EXPECT_TRUE(HasRule(high, "SAFE-021"));
  EXPECT_TRUE(HasRule(high, "SAFE-020"));
  EXPECT_EQ(AssessPhq9Item9(-1).tier, Tier::kNone);
  EXPECT_EQ(AssessPhq9Item9(4).tier, Tier::kNone);
}

// `phq9_item9=N` or `screener q1=yes q2=no ...`; expected `tier [SAFE-nnn]` or
// `invalid qN` (ValidateScreener must name that question).
class QuestionnaireTest : public ::testing::TestWithParam<text::Case> {};

TEST_P(QuestionnaireTest, Matches) {
  const text::Case& c = GetParam();
  const std::string where = "tier_questionnaire.tsv:" + std::to_string(c.line);
  std::istringstream in(c.text);
  std::string first;
  in >> first;
  if (first.rfind("phq9_item9=", 0) == 0) {
    ExpectMatches(c.expected, AssessPhq9Item9(std::stoi(first.substr(11))), where);
    return;
  }
  ASSERT_EQ(first, "screener") << where;
  ScreenerAnswers answers;
  std::string pair;
  while (in >> pair) {
    const size_t eq = pair.find('=');
    ASSERT_NE(eq, std::string::npos) << where;
    const std::string id = pair.substr(0, eq);
    const bool yes = pair.substr(eq + 1) == "yes";
    std::optional<bool>* slot = id == "q1"          ? &answers.q1
                                : id == "q2"        ? &answers.q2
                                : id == "q3"        ? &answers.q3
                                : id == "q4"        ? &answers.q4
                                : id == "q5"        ? &answers.q5
                                : id == "q6"        ? &answers.q6
                                : id == "q6_recent" ? &answers.q6_recent
                                                    : nullptr;
    ASSERT_NE(slot, nullptr) << where << ": unknown question " << id;
    *slot = yes;
  }
  const Status valid = ValidateScreener(answers);
  if (c.expected.rfind("invalid ", 0) == 0) {
    EXPECT_EQ(valid.code(), StatusCode::kInvalidArgument) << where;
    EXPECT_EQ(valid.field(), c.expected.substr(8)) << where << ": " << valid.ToString();
    EXPECT_NE(valid.message().find(c.expected.substr(8)), std::string::npos) << where;
    return;
  }
  ASSERT_TRUE(valid.ok()) << where << ": " << valid.ToString();
  ExpectMatches(c.expected, TriageScreener(answers), where);
}

INSTANTIATE_TEST_SUITE_P(Cases, QuestionnaireTest,
                         ::testing::ValuesIn(Cases("tier_questionnaire.tsv")), CaseName);

TEST(TierPolicyTest, QuestionnaireFileIsLargeEnough) {
  EXPECT_GE(Cases("tier_questionnaire.tsv").size(), 15u);
}

}  // namespace
}  // namespace interlude::safety
