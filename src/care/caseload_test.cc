#include "care/caseload.h"

#include <gtest/gtest.h>

#include "care/mood_test_support.h"

namespace interlude::care {
namespace {

constexpr UnixMillis kDay = 86400000;
constexpr UnixMillis kNow = 1'800'000'000'000;  // 2027-01-15

std::vector<std::string> Codes(const Need& need) {
  std::vector<std::string> out;
  for (const NeedReason& r : need.reasons) out.push_back(r.code);
  return out;
}

// A client who shares everything and is doing fine.
CaseloadFacts Calm() {
  CaseloadFacts f;
  f.now = kNow;
  f.linked_at = kNow - 60 * kDay;
  f.open_alerts = 0;
  f.latest = std::vector<LatestScore>{{"phq9", "PHQ-9", 6, "mild", kNow - 3 * kDay, "improvement", 14}};
  f.overdue = std::vector<std::string>{};
  f.mood_direction = "rising";
  f.mood_slope_per_week = 0.2;
  f.activity_shared = true;
  f.last_activity_at = kNow - kDay;
  return f;
}

TEST(CaseloadTest, NoReasonGivesZero) {
  const Need need = AssessNeed(Calm());
  EXPECT_EQ(need.score, 0);
  EXPECT_TRUE(need.reasons.empty());
}

TEST(CaseloadTest, EveryReasonInOrderOfUrgency) {
  CaseloadFacts f = Calm();
  f.open_alerts = 2;
  f.latest = std::vector<LatestScore>{
      {"phq9", "PHQ-9", 19, "moderately_severe", kNow - 20 * kDay, "deterioration", 8},
      {"gad7", "GAD-7", 12, "moderate", kNow - 20 * kDay, "deterioration", 5}};
  f.overdue = std::vector<std::string>{"PHQ-9", "GAD-7"};
  f.mood_direction = "falling";
  f.mood_slope_per_week = -0.43;
  f.last_activity_at = kNow - 15 * kDay;
  const Need need = AssessNeed(f);
  EXPECT_EQ(need.score, 31);
  EXPECT_EQ(Codes(need), (std::vector<std::string>{"open_alert", "reliable_deterioration",
                                                   "overdue_questionnaire", "falling_mood",
                                                   "no_activity"}));
  EXPECT_EQ(need.reasons[0].text, "2 safety alerts not yet acknowledged");
  EXPECT_EQ(need.reasons[1].text,
            "PHQ-9 reliably worse than at the start (8 then, 19 now); GAD-7 reliably worse than "
            "at the start (5 then, 12 now)");
  EXPECT_EQ(need.reasons[2].text, "PHQ-9 and GAD-7 questionnaires are overdue");
  EXPECT_EQ(need.reasons[3].text, "Mood has been falling over the last 28 days (0.4 points a week)");
  EXPECT_EQ(need.reasons[4].text, "Nothing shared for 15 days");
}

TEST(CaseloadTest, OneAlertOneOverdue) {
  CaseloadFacts f = Calm();
  f.open_alerts = 1;
  f.overdue = std::vector<std::string>{"WHO-5"};
  const Need need = AssessNeed(f);
  EXPECT_EQ(need.score, kOpenAlertWeight + kOverdueWeight);
  EXPECT_EQ(need.reasons[0].text, "1 safety alert not yet acknowledged");
  EXPECT_EQ(need.reasons[1].text, "WHO-5 questionnaire is overdue");
}

TEST(CaseloadTest, UnsharedFactsGiveNoReason) {
  CaseloadFacts f;
  f.now = kNow;
  f.linked_at = kNow - 90 * kDay;  // long linked, nothing shared at all
  const Need need = AssessNeed(f);
  EXPECT_EQ(need.score, 0);
  EXPECT_TRUE(need.reasons.empty());
}

TEST(CaseloadTest, ImprovementOrNoChangeIsNotDeterioration) {
  CaseloadFacts f = Calm();
  f.latest = std::vector<LatestScore>{{"phq9", "PHQ-9", 12, "moderate", kNow, "none", 10},
                                      {"gad7", "GAD-7", 3, "minimal", kNow, std::nullopt, std::nullopt}};
  EXPECT_EQ(AssessNeed(f).score, 0);
}

TEST(CaseloadTest, FlatOrInsufficientMoodIsNotFalling) {
  CaseloadFacts f = Calm();
  f.mood_direction = "flat";
  EXPECT_EQ(AssessNeed(f).score, 0);
  f.mood_direction = "insufficient";
  EXPECT_EQ(AssessNeed(f).score, 0);
}

TEST(CaseloadTest, NoActivityCountsFromTheLinkWhenNothingWasShared) {
  CaseloadFacts f = Calm();
  f.last_activity_at.reset();
  f.linked_at = kNow - 3 * kDay;  // just linked: not a concern yet
  EXPECT_EQ(AssessNeed(f).score, 0);
  f.linked_at = kNow - 20 * kDay;
  const Need need = AssessNeed(f);
  EXPECT_EQ(Codes(need), std::vector<std::string>{"no_activity"});
  EXPECT_EQ(need.reasons[0].text, "Nothing shared since linking 20 days ago");
  // Exactly 14 days of silence is the threshold; 13 is not.
  f.last_activity_at = kNow - 14 * kDay;
  EXPECT_EQ(AssessNeed(f).score, kNoActivityWeight);
  f.last_activity_at = kNow - 13 * kDay;
  EXPECT_EQ(AssessNeed(f).score, 0);
}

TEST(CaseloadTest, AMoreUrgentReasonOutranksAllLessUrgentOnes) {
  EXPECT_GT(kOpenAlertWeight,
            kDeteriorationWeight + kOverdueWeight + kFallingMoodWeight + kNoActivityWeight);
  EXPECT_GT(kDeteriorationWeight, kOverdueWeight + kFallingMoodWeight + kNoActivityWeight);
  EXPECT_GT(kOverdueWeight, kFallingMoodWeight + kNoActivityWeight);
  EXPECT_GT(kFallingMoodWeight, kNoActivityWeight);
}

TEST(CaseloadTest, OrderByNeedThenAlertsThenSilenceThenHandle) {
  const std::vector<CaseloadRank> rows = {
      {0, 0, kNow, "calm"},                          // 0
      {16, 1, kNow, "one-alert"},                    // 1
      {16, 3, kNow, "three-alerts"},                 // 2
      {4, 0, kNow - 2 * kDay, "overdue-recent"},     // 3
      {4, 0, kNow - 9 * kDay, "overdue-quiet"},      // 4
      {4, 0, std::nullopt, "overdue-unknown"},       // 5
      {0, 0, kNow, "another-calm"},                  // 6
  };
  EXPECT_EQ(OrderByNeed(rows), (std::vector<size_t>{2, 1, 5, 4, 3, 6, 0}));
  EXPECT_TRUE(OrderByNeed({}).empty());
}

TEST(CaseloadTest, SparklineHasOneValuePerDayAndNullForGaps) {
  MoodData data;
  const std::int64_t today = LocalDay(kNow, 60);
  testing::AddCheckin(data, kNow - 1 * kDay, 60, 3);
  testing::AddCheckin(data, kNow - 1 * kDay + 3600000, 60, 6);  // same local day: mean 4.5
  testing::AddCheckin(data, kNow - 13 * kDay, 60, 2);
  testing::AddCheckin(data, kNow - 20 * kDay, 60, 7);  // before the 14 days
  const DailySeries series = BuildDailySeries(data, DayRange{today - 30, today});
  const auto line = Sparkline(series, today);
  ASSERT_EQ(line.size(), 14u);
  EXPECT_EQ(line[0], 2.0);
  EXPECT_EQ(line[12], 4.5);
  EXPECT_FALSE(line[13].has_value());
  for (size_t i = 1; i < 12; ++i) EXPECT_FALSE(line[i].has_value()) << i;
}

}  // namespace
}  // namespace interlude::care
