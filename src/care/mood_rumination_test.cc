// Rumination: a theme across consecutive entries with no lift in mood.
#include "care/mood_rumination.h"

#include <gtest/gtest.h>

#include "care/mood_test_support.h"

namespace interlude::care {
namespace {

using testing::AddCheckin;
using testing::AddEntry;

const std::int64_t kDay0 = DayFromCivil(2026, 5, 4);
UnixMillis At(int d, int hour) {
  return (kDay0 + d) * kMillisPerDay + hour * 60 * kMillisPerMinute;
}
const DayRange kRange{kDay0, kDay0 + 20};

std::vector<RuminationRun> Find(const MoodData& data) {
  const DailySeries s = BuildDailySeries(data, kRange);
  return FindRumination(data, s, kRange, 0);
}

TEST(Rumination, SameThemeNoLift) {
  // Entries about work on days 0, 2, 4 with day moods 4, 4, 3: earlier half (1 entry) 4,
  // later half (2 entries) 3.5: lift −0.5 < 0.5 -> offered back.
  MoodData data;
  const int mood[] = {4, 4, 3};
  for (int i = 0; i < 3; ++i) {
    AddCheckin(data, At(2 * i, 9), 0, mood[i]);
    AddEntry(data, At(2 * i, 21), {"work", i == 1 ? "sleep" : "work"});
  }
  const auto runs = Find(data);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].theme, "work");
  EXPECT_EQ(runs[0].entries, 3);
  EXPECT_EQ(runs[0].first_day, kDay0);
  EXPECT_EQ(runs[0].last_day, kDay0 + 4);
  EXPECT_DOUBLE_EQ(runs[0].mood_before, 4.0);
  EXPECT_DOUBLE_EQ(runs[0].mood_after, 3.5);
  EXPECT_NE(runs[0].reading.find("work in 3 entries in a row"), std::string::npos)
      << runs[0].reading;
  EXPECT_FALSE(runs[0].suggestion.empty());
}

TEST(Rumination, LiftInMoodIsNotRumination) {
  // Moods 3, 4, 5: earlier 3, later 4.5: lift 1.5.
  MoodData data;
  for (int i = 0; i < 3; ++i) {
    AddCheckin(data, At(i, 9), 0, 3 + i);
    AddEntry(data, At(i, 21), {"work"});
  }
  EXPECT_TRUE(Find(data).empty());
}

TEST(Rumination, BrokenRunOrNoMoodIsNotReported) {
  MoodData broken;
  const char* themes[] = {"work", "family", "work", "work"};
  for (int i = 0; i < 4; ++i) {
    AddCheckin(broken, At(i, 9), 0, 4);
    AddEntry(broken, At(i, 21), {themes[i]});
  }
  EXPECT_TRUE(Find(broken).empty());  // only two in a row at the end

  MoodData no_mood;  // three entries but no check-ins: we cannot tell, so we say nothing
  for (int i = 0; i < 3; ++i) AddEntry(no_mood, At(i, 21), {"money"});
  EXPECT_TRUE(Find(no_mood).empty());
}

TEST(Rumination, ThemeWords) {
  EXPECT_EQ(ThemeWords("loss_grief"), "loss and grief");
  EXPECT_EQ(ThemeWords("work"), "work");
  EXPECT_EQ(ThemeWords("some_new_theme"), "some new theme");
}

}  // namespace
}  // namespace interlude::care
