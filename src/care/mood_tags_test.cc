// Tags that go with better or worse mood, against a hand-worked fixture.
#include "care/mood_tags.h"

#include <gtest/gtest.h>

#include "care/mood_test_support.h"

namespace interlude::care {
namespace {

using testing::AddCheckin;
using testing::LocalTime;

const std::int64_t kDay0 = DayFromCivil(2026, 2, 2);

UnixMillis Noon(int d) { return (kDay0 + d) * kMillisPerDay + 12 * 60 * kMillisPerMinute; }

TEST(Tags, WorkedFixture) {
  // Eight days. "walk" on days 0-2 (daily means 6, 6, 5); days 3-7 without (4, 3, 4, 5, 3).
  // Day 0 has two check-ins (7 and 5, both "walk"): counted as one day with mean 6.
  // with: mean 17/3 = 5.667, var 1/3; without: mean 3.8, var 0.7.
  // Hedges: pooled var (2·1/3 + 4·0.7)/6 = 0.57778; d = 1.8667/0.76012 = 2.45575;
  // J = 1 − 3/(4·8 − 9) = 0.869565; g = 2.135446.
  // Welch: se² = (1/3)/3 + 0.7/5 = 0.25111; t = 3.725065; df = 5.694726; p = 0.010769.
  // "rain" on 2 days only and "daily" on every day: both left out (< 3 days each side).
  MoodData data;
  AddCheckin(data, Noon(0), 0, 7, {"walk", "daily"});
  AddCheckin(data, Noon(0) + 3600000, 0, 5, {"walk", "daily"});
  AddCheckin(data, Noon(1), 0, 6, {"walk", "daily", "rain"});
  AddCheckin(data, Noon(2), 0, 5, {"walk", "daily"});
  const int without[] = {4, 3, 4, 5, 3};
  for (int i = 0; i < 5; ++i) {
    AddCheckin(data, Noon(3 + i), 0, without[i],
               i == 0 ? std::initializer_list<std::string_view>{"daily", "rain"}
                      : std::initializer_list<std::string_view>{"daily"});
  }
  const DayRange range{kDay0, kDay0 + 7};
  const DailySeries s = BuildDailySeries(data, range);
  const TagAssociations r = ComputeTagAssociations(data, s, range);
  ASSERT_EQ(r.tags.size(), 1u);
  const TagAssociation& t = r.tags[0];
  EXPECT_EQ(t.tag, "walk");
  EXPECT_TRUE(t.better);
  EXPECT_EQ(t.days_with, 3);
  EXPECT_EQ(t.days_without, 5);
  EXPECT_NEAR(t.mean_with, 17.0 / 3.0, 1e-12);
  EXPECT_NEAR(t.mean_without, 3.8, 1e-12);
  EXPECT_NEAR(t.effect_size, 2.1354456122, 1e-9);
  EXPECT_NEAR(t.p_value, 0.0107689060, 1e-9);
  EXPECT_NE(t.reading.find("5.7"), std::string::npos) << t.reading;
  EXPECT_NE(t.reading.find("unlikely to be chance"), std::string::npos) << t.reading;
}

TEST(Tags, WorseDirectionAndOrder) {
  // "late" on low days, "gym" on slightly better days; the stronger one comes first.
  MoodData data;
  const int mood[] = {2, 3, 2, 6, 5, 6, 4, 5, 4, 5};
  for (int d = 0; d < 10; ++d) {
    if (d < 3) {
      AddCheckin(data, Noon(d), 0, mood[d], {"late"});
    } else if (d % 2 == 0) {
      AddCheckin(data, Noon(d), 0, mood[d], {"gym"});
    } else {
      AddCheckin(data, Noon(d), 0, mood[d]);
    }
  }
  const DayRange range{kDay0, kDay0 + 9};
  const DailySeries s = BuildDailySeries(data, range);
  const TagAssociations r = ComputeTagAssociations(data, s, range);
  ASSERT_GE(r.tags.size(), 1u);
  EXPECT_EQ(r.tags[0].tag, "late");
  EXPECT_FALSE(r.tags[0].better);
  EXPECT_LT(r.tags[0].effect_size, 0);
}

TEST(Tags, TooFewDaysIsExplained) {
  MoodData data;
  AddCheckin(data, Noon(0), 0, 5, {"walk"});
  AddCheckin(data, Noon(1), 0, 4, {"walk"});
  const DayRange range{kDay0, kDay0 + 6};
  const DailySeries s = BuildDailySeries(data, range);
  const TagAssociations r = ComputeTagAssociations(data, s, range);
  EXPECT_TRUE(r.tags.empty());
  EXPECT_NE(r.reading.find("at least 3 days with it"), std::string::npos);
}

}  // namespace
}  // namespace interlude::care
