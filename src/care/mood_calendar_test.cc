// Local days, weekdays, time-of-day buckets and dates, including daylight-saving changes.
#include "care/mood_calendar.h"

#include <gtest/gtest.h>

#include "care/mood_test_support.h"

namespace interlude::care {
namespace {

using testing::LocalTime;

TEST(Calendar, LocalDayUsesTheCheckinsOwnOffset) {
  // 2026-03-28T23:30Z is Saturday 28 March in London (UTC+0 until the change at 01:00Z on
  // the 29th) but already Sunday 29 March in Berlin (UTC+1).
  const UnixMillis t = LocalTime(2026, 3, 28, 23, 30, 0);
  EXPECT_EQ(FormatDate(LocalDay(t, 0)), "2026-03-28");
  EXPECT_EQ(FormatDate(LocalDay(t, 60)), "2026-03-29");
  // New York (UTC−4 in summer): 02:30Z on 1 July is still 30 June there.
  EXPECT_EQ(FormatDate(LocalDay(LocalTime(2026, 7, 1, 2, 30, 0), -240)), "2026-06-30");
}

TEST(Calendar, DaylightSavingShiftKeepsWallClockDays) {
  // London, spring forward on Sunday 2026-03-29: 23:30 local each evening. Before the
  // change the offset is 0, after it +60. Every check-in lands on its own local evening.
  const UnixMillis sat = LocalTime(2026, 3, 28, 23, 30, 0);
  const UnixMillis sun = LocalTime(2026, 3, 29, 23, 30, 60);
  EXPECT_EQ(sun - sat, 23 * 60 * kMillisPerMinute);  // the day was 23 hours long
  EXPECT_EQ(LocalDay(sun, 60) - LocalDay(sat, 0), 1);
  EXPECT_EQ(LocalMinuteOfDay(sun, 60), 23 * 60 + 30);
  // Had the old offset been used, the Sunday check-in would fall on Sunday still, but at
  // 22:30 — and a 00:30 Monday check-in would be put on Sunday night.
  const UnixMillis mon_early = LocalTime(2026, 3, 30, 0, 30, 60);
  EXPECT_EQ(FormatDate(LocalDay(mon_early, 60)), "2026-03-30");
  EXPECT_EQ(FormatDate(LocalDay(mon_early, 0)), "2026-03-29");
}

TEST(Calendar, WeekdaysAndParts) {
  EXPECT_EQ(WeekdayOfDay(0), 3);  // 1970-01-01, a Thursday
  EXPECT_EQ(kWeekdayKeys[static_cast<size_t>(WeekdayOfDay(DayFromCivil(2026, 3, 30)))], "mon");
  EXPECT_EQ(kWeekdayKeys[static_cast<size_t>(WeekdayOfDay(DayFromCivil(2026, 3, 29)))], "sun");
  EXPECT_EQ(kWeekdayKeys[static_cast<size_t>(WeekdayOfDay(DayFromCivil(1969, 12, 31)))], "wed");
  EXPECT_EQ(DayPartOfMinute(4 * 60 + 59), DayPart::kNight);
  EXPECT_EQ(DayPartOfMinute(5 * 60), DayPart::kMorning);
  EXPECT_EQ(DayPartOfMinute(11 * 60 + 59), DayPart::kMorning);
  EXPECT_EQ(DayPartOfMinute(12 * 60), DayPart::kAfternoon);
  EXPECT_EQ(DayPartOfMinute(17 * 60), DayPart::kEvening);
  EXPECT_EQ(DayPartOfMinute(22 * 60), DayPart::kNight);
  EXPECT_EQ(DayPartOfMinute(0), DayPart::kNight);
}

TEST(Calendar, DatesRoundTrip) {
  EXPECT_EQ(FormatDate(0), "1970-01-01");
  EXPECT_EQ(FormatDate(DayFromCivil(2024, 2, 29)), "2024-02-29");
  EXPECT_EQ(FormatDate(-1), "1969-12-31");
  EXPECT_EQ(LocalDay(-1, 0), -1);
}

}  // namespace
}  // namespace interlude::care
