// The daily series and rolling averages: several check-ins a day, gaps, a daylight-saving
// change, and the minimum days per window.
#include "care/mood_series.h"

#include <gtest/gtest.h>

#include "care/mood_test_support.h"

namespace interlude::care {
namespace {

using testing::AddCheckin;
using testing::LocalTime;

const std::int64_t kMar23 = DayFromCivil(2026, 3, 23);  // a Monday

TEST(DailySeries, MeansPerLocalDayAcrossDaylightSaving) {
  // London: offset 0 until Sunday 29 March 01:00Z, then +60.
  // Sat 28th 23:30 local (offset 0): valence 2. Sun 29th 00:30 local (offset 0, before the
  // change): valence 4. Sun 29th 23:30 local (offset +60): valence 6. Mon 30th 00:15 local
  // (offset +60, i.e. Sun 23:15Z): valence 7.
  MoodData data;
  AddCheckin(data, LocalTime(2026, 3, 28, 23, 30, 0), 0, 2);
  AddCheckin(data, LocalTime(2026, 3, 29, 0, 30, 0), 0, 4);
  AddCheckin(data, LocalTime(2026, 3, 29, 23, 30, 60), 60, 6);
  AddCheckin(data, LocalTime(2026, 3, 30, 0, 15, 60), 60, 7);
  const DailySeries s = BuildDailySeries(data, {kMar23, kMar23 + 7});
  const std::int64_t sat = DayFromCivil(2026, 3, 28);
  EXPECT_EQ(s.count[s.Index(sat)], 1);
  EXPECT_DOUBLE_EQ(s.MeanValence(sat), 2.0);
  EXPECT_EQ(s.count[s.Index(sat + 1)], 2);
  EXPECT_DOUBLE_EQ(s.MeanValence(sat + 1), 5.0);  // (4 + 6) / 2
  EXPECT_EQ(s.count[s.Index(sat + 2)], 1);
  EXPECT_DOUBLE_EQ(s.MeanValence(sat + 2), 7.0);  // 23:15Z on Sunday is Monday in London
}

TEST(DailySeries, GapsAreGapsAndOutOfRangeIsIgnored) {
  MoodData data;
  AddCheckin(data, LocalTime(2026, 3, 23, 9, 0, 0), 0, 5);
  AddCheckin(data, LocalTime(2026, 3, 27, 9, 0, 0), 0, 3);
  AddCheckin(data, LocalTime(2026, 4, 30, 9, 0, 0), 0, 1);  // outside
  const DailySeries s = BuildDailySeries(data, {kMar23, kMar23 + 6});
  EXPECT_TRUE(s.HasData(kMar23));
  for (int d = 1; d <= 3; ++d) EXPECT_FALSE(s.HasData(kMar23 + d));
  EXPECT_TRUE(s.HasData(kMar23 + 4));
  const auto w = s.Window(kMar23, kMar23 + 6);
  EXPECT_EQ(w.days_with_data, 2);
  EXPECT_DOUBLE_EQ(w.mean, 4.0);
}

TEST(RollingAverages, MeanOfDailyMeansWithMinimumDays) {
  // Day 0: two check-ins 2 and 6 (mean 4); day 1: 5; day 3: 6. Days 2, 4.. empty.
  // 7-day average on day 1: only 2 days -> none. On day 3: (4 + 5 + 6) / 3 = 5 (the
  // busy day counts once). 28-day average needs 10 days: none.
  MoodData data;
  AddCheckin(data, LocalTime(2026, 3, 23, 8, 0, 0), 0, 2);
  AddCheckin(data, LocalTime(2026, 3, 23, 20, 0, 0), 0, 6);
  AddCheckin(data, LocalTime(2026, 3, 24, 8, 0, 0), 0, 5);
  AddCheckin(data, LocalTime(2026, 3, 26, 8, 0, 0), 0, 6);
  const DailySeries s = BuildDailySeries(data, {kMar23 - 34, kMar23 + 30});
  EXPECT_FALSE(RollingAverage(s, kMar23 + 1, kWeekWindow, kWeekMinDays).has_value());
  ASSERT_TRUE(RollingAverage(s, kMar23 + 3, kWeekWindow, kWeekMinDays).has_value());
  EXPECT_DOUBLE_EQ(*RollingAverage(s, kMar23 + 3, kWeekWindow, kWeekMinDays), 5.0);
  EXPECT_DOUBLE_EQ(*RollingAverage(s, kMar23 + 6, kWeekWindow, kWeekMinDays), 5.0);
  EXPECT_FALSE(RollingAverage(s, kMar23 + 7, kWeekWindow, kWeekMinDays).has_value());
  EXPECT_FALSE(RollingAverage(s, kMar23 + 6, kMonthWindow, kMonthMinDays).has_value());
}

TEST(RollingAverages, TwentyEightDays) {
  // Valence 1..7 cycling on 28 consecutive days: 4 full cycles, mean 4.
  MoodData data;
  for (int d = 0; d < 28; ++d) {
    AddCheckin(data, (kMar23 + d) * kMillisPerDay + 12 * 60 * kMillisPerMinute, 0, 1 + d % 7);
  }
  const DailySeries s = BuildDailySeries(data, {kMar23, kMar23 + 27});
  EXPECT_NEAR(*RollingAverage(s, kMar23 + 27, kMonthWindow, kMonthMinDays), 4.0, 1e-12);
  // On day 9 the window holds 10 days with data: 1..7,1,2,3 -> 34/10.
  EXPECT_NEAR(*RollingAverage(s, kMar23 + 9, kMonthWindow, kMonthMinDays), 3.4, 1e-12);
  EXPECT_FALSE(RollingAverage(s, kMar23 + 8, kMonthWindow, kMonthMinDays).has_value());
}

}  // namespace
}  // namespace interlude::care
