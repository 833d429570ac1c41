// Due and overdue arithmetic (schedule.h), by the day.
#include "care/schedule.h"

#include <gtest/gtest.h>

namespace interlude::care {
namespace {

constexpr UnixMillis kDay = kScheduleDay;
constexpr UnixMillis kT0 = 1795830289000;

TEST(ScheduleTest, Names) {
  Frequency f;
  EXPECT_TRUE(ParseFrequency("before_session", f));
  EXPECT_EQ(f, Frequency::kBeforeSession);
  EXPECT_FALSE(ParseFrequency("daily", f));
  EXPECT_EQ(DefaultFrequency("phq9"), Frequency::kFortnightly);
  EXPECT_EQ(DefaultFrequency("gad7"), Frequency::kFortnightly);
  EXPECT_EQ(DefaultFrequency("who5"), Frequency::kMonthly);
  EXPECT_EQ(DefaultFrequency("phq2"), Frequency::kOff);
  EXPECT_EQ(DefaultFrequency("gad2"), Frequency::kOff);
}

TEST(ScheduleTest, FortnightlyAfterACompletion) {
  const auto at = [](UnixMillis now) {
    return ComputeDue(Frequency::kFortnightly, kT0, std::nullopt, kT0 - 100 * kDay, now);
  };
  EXPECT_EQ(at(kT0).state, "upcoming");
  EXPECT_EQ(*at(kT0).due_at, kT0 + 14 * kDay);
  EXPECT_EQ(at(kT0 + 14 * kDay - 1).state, "upcoming");
  EXPECT_EQ(at(kT0 + 14 * kDay).state, "due");
  EXPECT_EQ(at(kT0 + 21 * kDay).state, "due");  // exactly half a period late
  EXPECT_EQ(at(kT0 + 21 * kDay + 1).state, "overdue");
}

TEST(ScheduleTest, WeeklyAndMonthly) {
  EXPECT_EQ(*ComputeDue(Frequency::kWeekly, kT0, std::nullopt, 0, kT0).due_at, kT0 + 7 * kDay);
  // Half a week is 3.5 days: due until 10.5 days after the completion, overdue after.
  EXPECT_EQ(ComputeDue(Frequency::kWeekly, kT0, std::nullopt, 0, kT0 + 10 * kDay + kDay / 2).state, "due");
  EXPECT_EQ(ComputeDue(Frequency::kWeekly, kT0, std::nullopt, 0, kT0 + 10 * kDay + kDay / 2 + 1).state, "overdue");
  EXPECT_EQ(*ComputeDue(Frequency::kMonthly, kT0, std::nullopt, 0, kT0).due_at, kT0 + 30 * kDay);
  EXPECT_EQ(ComputeDue(Frequency::kMonthly, kT0, std::nullopt, 0, kT0 + 45 * kDay).state, "due");
  EXPECT_EQ(ComputeDue(Frequency::kMonthly, kT0, std::nullopt, 0, kT0 + 45 * kDay + 1).state, "overdue");
}

TEST(ScheduleTest, NeverCompletedIsDueFromSignUpAndNeverOverdue) {
  const Due d = ComputeDue(Frequency::kWeekly, std::nullopt, std::nullopt, kT0, kT0 + 300 * kDay);
  EXPECT_EQ(d.state, "due");
  EXPECT_EQ(*d.due_at, kT0);
}

TEST(ScheduleTest, Off) {
  const Due d = ComputeDue(Frequency::kOff, kT0, kT0, kT0, kT0);
  EXPECT_EQ(d.state, "off");
  EXPECT_FALSE(d.due_at);
}

TEST(ScheduleTest, BeforeSession) {
  const UnixMillis session = kT0 + 10 * kDay;
  const auto at = [&](std::optional<UnixMillis> last, UnixMillis now) {
    return ComputeDue(Frequency::kBeforeSession, last, session, 0, now);
  };
  EXPECT_EQ(at(std::nullopt, session - 4 * kDay).state, "upcoming");
  EXPECT_EQ(*at(std::nullopt, session - 4 * kDay).due_at, session - 3 * kDay);
  EXPECT_EQ(at(std::nullopt, session - 3 * kDay).state, "due");
  EXPECT_EQ(at(std::nullopt, session).state, "due");
  EXPECT_EQ(at(std::nullopt, session + 1).state, "overdue");
  EXPECT_EQ(at(kT0, session - 1 * kDay).state, "due");  // done before the window opened
  const Due done = at(session - 2 * kDay, session - 1 * kDay);
  EXPECT_EQ(done.state, "upcoming");
  EXPECT_FALSE(done.due_at);
  const Due none = ComputeDue(Frequency::kBeforeSession, std::nullopt, std::nullopt, 0, kT0);
  EXPECT_EQ(none.state, "upcoming");
  EXPECT_FALSE(none.due_at);
}

}  // namespace
}  // namespace interlude::care
