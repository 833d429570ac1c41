// Weekday, time-of-day and heatmap profiles.
#include "care/mood_profiles.h"

#include <gtest/gtest.h>

#include "care/mood_test_support.h"

namespace interlude::care {
namespace {

using testing::AddCheckin;
using testing::LocalTime;

TEST(Profiles, CellsByLocalWeekdayAndTime) {
  // Three Monday mornings at 3 (local 08:00 at +120) and three Saturday evenings at 6
  // (local 19:00), plus one Tuesday night check-in (23:30) — too few for a mean.
  MoodData data;
  const int tz = 120;
  for (int w = 0; w < 3; ++w) {
    AddCheckin(data, LocalTime(2026, 3, 2 + 7 * w, 8, 0, tz), tz, 3);   // Mondays
    AddCheckin(data, LocalTime(2026, 3, 7 + 7 * w, 19, 0, tz), tz, 6);  // Saturdays
  }
  AddCheckin(data, LocalTime(2026, 3, 3, 23, 30, tz), tz, 5);  // Tuesday night
  const MoodProfiles p =
      ComputeProfiles(data, {DayFromCivil(2026, 3, 1), DayFromCivil(2026, 3, 31)});
  EXPECT_EQ(p.weekday[0].moments.n, 3);
  EXPECT_DOUBLE_EQ(*p.weekday[0].Mean(), 3.0);
  EXPECT_DOUBLE_EQ(*p.weekday[5].Mean(), 6.0);
  EXPECT_EQ(p.weekday[1].moments.n, 1);
  EXPECT_FALSE(p.weekday[1].Mean().has_value());
  EXPECT_DOUBLE_EQ(*p.time_of_day[static_cast<size_t>(DayPart::kMorning)].Mean(), 3.0);
  EXPECT_DOUBLE_EQ(*p.time_of_day[static_cast<size_t>(DayPart::kEvening)].Mean(), 6.0);
  EXPECT_EQ(p.time_of_day[static_cast<size_t>(DayPart::kNight)].moments.n, 1);
  EXPECT_DOUBLE_EQ(*p.heatmap[5 * kDayParts + static_cast<size_t>(DayPart::kEvening)].Mean(), 6.0);
  EXPECT_EQ(p.weekday_reading,
            "Your mood has tended to be highest on Saturdays (6.0) and lowest on Mondays (3.0).");
  EXPECT_EQ(p.time_of_day_reading,
            "Your mood has tended to be highest in the evening (6.0) and lowest in the morning "
            "(3.0).");
  EXPECT_NE(p.heatmap_reading.find("Saturday evening"), std::string::npos) << p.heatmap_reading;
}

TEST(Profiles, SparseDataSaysSo) {
  MoodData data;
  AddCheckin(data, LocalTime(2026, 3, 2, 8, 0, 0), 0, 4);
  const MoodProfiles p =
      ComputeProfiles(data, {DayFromCivil(2026, 3, 1), DayFromCivil(2026, 3, 31)});
  EXPECT_NE(p.weekday_reading.find("Not enough check-ins yet"), std::string::npos);
  EXPECT_NE(p.time_of_day_reading.find("Not enough check-ins yet"), std::string::npos);
}

}  // namespace
}  // namespace interlude::care
