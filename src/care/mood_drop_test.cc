// Sustained drop against a hand-worked series.
#include "care/mood_drop.h"

#include <gtest/gtest.h>

#include "care/mood_test_support.h"

namespace interlude::care {
namespace {

using testing::AddCheckin;

const std::int64_t kDay0 = DayFromCivil(2026, 1, 5);

MoodData Series(int days_at_five, int days_at_three) {
  MoodData data;
  for (int d = 0; d < days_at_five + days_at_three; ++d) {
    AddCheckin(data, (kDay0 + d) * kMillisPerDay + 18 * 60 * kMillisPerMinute, 0,
               d < days_at_five ? 5 : 3);
  }
  return data;
}

TEST(SustainedDrop, ActiveAfterFiveDays) {
  // Days 0..27 at 5, days 28..39 at 3. On day d the week is d−6..d and the baseline
  // d−34..d−7. Day 30: week 4×5 + 3×3 = 29/7 = 4.14, baseline 5: drop 0.86 (no).
  // Day 31: week 3×5 + 4×3 = 27/7 = 3.86: drop 1.14 (yes) — the run starts on day 31.
  // Day 39 (last): week all 3; baseline days 5..32 = 23×5 + 5×3 = 130/28 = 4.642857:
  // drop 1.642857; run 31..39 = 9 days >= 5: active since day 31.
  const MoodData data = Series(28, 12);
  const DailySeries s = BuildDailySeries(data, {kDay0 - 34, kDay0 + 39});
  const SustainedDrop r = DetectSustainedDrop(s, {kDay0, kDay0 + 39});
  ASSERT_TRUE(r.sufficient);
  EXPECT_EQ(r.as_of, kDay0 + 39);
  EXPECT_TRUE(r.active);
  EXPECT_EQ(r.since, kDay0 + 31);
  EXPECT_EQ(r.run_days, 9);
  EXPECT_NEAR(r.drop, 130.0 / 28.0 - 3.0, 1e-12);
  EXPECT_NE(r.reading.find("For the past 9 days"), std::string::npos) << r.reading;
}

TEST(SustainedDrop, FourDaysIsNotYetSustained) {
  // Low days 28..34: the run covers days 31..34 = 4 days: below the threshold, not active.
  const MoodData data = Series(28, 7);
  const DailySeries s = BuildDailySeries(data, {kDay0 - 34, kDay0 + 34});
  const SustainedDrop r = DetectSustainedDrop(s, {kDay0, kDay0 + 34});
  ASSERT_TRUE(r.sufficient);
  EXPECT_FALSE(r.active);
  EXPECT_EQ(r.run_days, 4);
  EXPECT_NE(r.reading.find("a little lower"), std::string::npos) << r.reading;
}

TEST(SustainedDrop, EvaluatedAtTheLastDayWithData) {
  // The range runs 10 days past the last check-in: evaluated as of the last check-in day.
  const MoodData data = Series(28, 12);
  const DailySeries s = BuildDailySeries(data, {kDay0 - 34, kDay0 + 49});
  const SustainedDrop r = DetectSustainedDrop(s, {kDay0, kDay0 + 49});
  ASSERT_TRUE(r.sufficient);
  EXPECT_EQ(r.as_of, kDay0 + 39);
  EXPECT_TRUE(r.active);
}

TEST(SustainedDrop, SteadyMoodIsInLine) {
  const MoodData data = Series(40, 0);
  const DailySeries s = BuildDailySeries(data, {kDay0 - 34, kDay0 + 39});
  const SustainedDrop r = DetectSustainedDrop(s, {kDay0, kDay0 + 39});
  ASSERT_TRUE(r.sufficient);
  EXPECT_FALSE(r.active);
  EXPECT_DOUBLE_EQ(r.drop, 0.0);
  EXPECT_NE(r.reading.find("in line"), std::string::npos);
}

TEST(SustainedDrop, ShortHistoryIsInsufficient) {
  // 16 days: on the last day the baseline (days −19..8) holds 9 days: fewer than 10.
  const MoodData data = Series(16, 0);
  const DailySeries s = BuildDailySeries(data, {kDay0 - 34, kDay0 + 15});
  const SustainedDrop r = DetectSustainedDrop(s, {kDay0, kDay0 + 15});
  EXPECT_FALSE(r.sufficient);
  EXPECT_NE(r.reading.find("Not enough data yet"), std::string::npos);
  // 17 days: the baseline holds days 0..9 = 10 days: evaluable.
  const MoodData more = Series(17, 0);
  const DailySeries s2 = BuildDailySeries(more, {kDay0 - 34, kDay0 + 16});
  EXPECT_TRUE(DetectSustainedDrop(s2, {kDay0, kDay0 + 16}).sufficient);
}

TEST(SustainedDrop, PastEpisodeThatEased) {
  // 28 days at 5, 10 at 3, then 20 at 5 again: the last week is back above its baseline.
  MoodData data;
  for (int d = 0; d < 58; ++d) {
    const int v = (d >= 28 && d < 38) ? 3 : 5;
    AddCheckin(data, (kDay0 + d) * kMillisPerDay + 18 * 60 * kMillisPerMinute, 0, v);
  }
  const DailySeries s = BuildDailySeries(data, {kDay0 - 34, kDay0 + 57});
  const SustainedDrop r = DetectSustainedDrop(s, {kDay0, kDay0 + 57});
  ASSERT_TRUE(r.sufficient);
  EXPECT_FALSE(r.active);
  EXPECT_NE(r.reading.find("lower stretch"), std::string::npos) << r.reading;
}

}  // namespace
}  // namespace interlude::care
