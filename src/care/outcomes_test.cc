// NHS Talking Therapies outcomes, hand-worked (CLINICAL.md §4; caseness PHQ-9 >= 10,
// GAD-7 >= 8; reliable change 6 and 4 points). Each case states its arithmetic.
#include "care/outcomes.h"

#include <gtest/gtest.h>

namespace interlude::care {
namespace {

MeasurePair Pair(int first, int last, int count = 2) { return {first, last, count}; }

TEST(OutcomesTest, ReliableRecovery) {
  // PHQ-9 15 -> 8 (-7 >= 6), GAD-7 10 -> 5 (-5 >= 4); case at first (15 >= 10), neither now.
  auto o = ComputeOutcomes(Pair(15, 8), Pair(10, 5));
  ASSERT_TRUE(o);
  EXPECT_TRUE(o->caseness_first);
  EXPECT_FALSE(o->caseness_now);
  EXPECT_TRUE(o->recovery);
  EXPECT_TRUE(o->reliable_improvement);
  EXPECT_TRUE(o->reliable_recovery);
  EXPECT_FALSE(o->reliable_deterioration);
  EXPECT_NE(o->explanation.find("reliable recovery"), std::string::npos);
}

TEST(OutcomesTest, RecoveryWithoutReliableImprovement) {
  // PHQ-9 12 -> 9 (-3), GAD-7 9 -> 7 (-2): below both cut-offs now, but within error.
  auto o = ComputeOutcomes(Pair(12, 9), Pair(9, 7));
  EXPECT_TRUE(o->recovery);
  EXPECT_FALSE(o->reliable_improvement);
  EXPECT_FALSE(o->reliable_recovery);
  EXPECT_NE(o->explanation.find("not yet beyond measurement error"), std::string::npos);
}

TEST(OutcomesTest, StillACaseOnOneMeasureIsNotRecovery) {
  // PHQ-9 20 -> 9 (-11, below 10), GAD-7 12 -> 8 (-4, still >= 8).
  auto o = ComputeOutcomes(Pair(20, 9), Pair(12, 8));
  EXPECT_TRUE(o->caseness_now);
  EXPECT_FALSE(o->recovery);
  EXPECT_TRUE(o->reliable_improvement);
  EXPECT_FALSE(o->reliable_recovery);
}

TEST(OutcomesTest, ReliableDeteriorationNotACaseAtFirst) {
  // PHQ-9 8 -> 15 (+7), GAD-7 5 -> 6: not a case at first; recovery does not apply.
  auto o = ComputeOutcomes(Pair(8, 15), Pair(5, 6));
  EXPECT_FALSE(o->caseness_first);
  EXPECT_TRUE(o->caseness_now);
  EXPECT_FALSE(o->recovery);
  EXPECT_TRUE(o->reliable_deterioration);
  EXPECT_FALSE(o->reliable_improvement);
  EXPECT_NE(o->explanation.find("recovery does not apply"), std::string::npos);
}

TEST(OutcomesTest, TieBreakWhenOneImprovesAndTheOtherWorsens) {
  // PHQ-9 20 -> 12 (-8, reliable improvement), GAD-7 4 -> 10 (+6, reliable deterioration):
  // the (unverified) NHS Digital tie-break counts neither.
  auto o = ComputeOutcomes(Pair(20, 12), Pair(4, 10));
  EXPECT_FALSE(o->reliable_improvement);
  EXPECT_FALSE(o->reliable_deterioration);
  EXPECT_NE(o->explanation.find("neither reliable improvement nor reliable deterioration"), std::string::npos);
}

TEST(OutcomesTest, BoundariesAreInclusive) {
  // PHQ-9 10 -> 4: exactly the cut-off at first (a case) and exactly 6 down.
  auto o = ComputeOutcomes(Pair(10, 4), MeasurePair{});
  EXPECT_TRUE(o->caseness_first);
  EXPECT_TRUE(o->reliable_recovery);
  EXPECT_NE(o->explanation.find("only the PHQ-9"), std::string::npos);
  // GAD-7 8 -> 4: a case at 8, exactly 4 down.
  o = ComputeOutcomes(MeasurePair{}, Pair(8, 4));
  EXPECT_TRUE(o->reliable_recovery);
  // PHQ-9 9 -> 3 (-6) is reliable improvement but 9 was never a case.
  o = ComputeOutcomes(Pair(9, 3), MeasurePair{});
  EXPECT_FALSE(o->caseness_first);
  EXPECT_TRUE(o->reliable_improvement);
  EXPECT_FALSE(o->recovery);
}

TEST(OutcomesTest, OneScoreOnlyGivesNothing) {
  EXPECT_FALSE(ComputeOutcomes(Pair(15, 15, 1), Pair(10, 10, 1)));
  EXPECT_FALSE(ComputeOutcomes(MeasurePair{}, MeasurePair{}));
  // A single GAD-7 still counts for caseness beside a PHQ-9 pair.
  auto o = ComputeOutcomes(Pair(8, 8), Pair(12, 12, 1));
  EXPECT_TRUE(o->caseness_first);
  EXPECT_TRUE(o->caseness_now);
}

}  // namespace
}  // namespace interlude::care
