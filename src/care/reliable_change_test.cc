// Jacobson-Truax reliable change, worked by hand (CLINICAL.md §5):
//   PHQ-9: S_diff = sqrt(2) x 2.5 = 3.5355 (SEm from Löwe 2004). RC = delta / 3.5355, so a
//          change of 7 gives |RC| = 1.98 > 1.96 (reliable) and 6 gives 1.70 (not).
//   WHO-5: S_diff = 5.26 x sqrt(2) x sqrt(1 - 0.87) = 2.6821 (Saipanish 2009). +6 raw gives
//          RC 2.24 (reliable improvement, higher is better); +5 gives 1.86 (not).
//   GAD-7: no J-T constants; the NHS 4-point criterion decides and no RC is reported.
//   PHQ-2: neither; never reliable.
#include "care/reliable_change.h"

#include <gtest/gtest.h>

#include "care/test_instruments.h"

namespace interlude::care {
namespace {

TEST(ReliableChangeTest, Phq9) {
  const Instrument& in = Get("phq9");
  Change c = ComputeChange(in, 18, 11);  // -7: reliable; 11 is still a case -> improved
  EXPECT_EQ(c.delta, -7);
  EXPECT_DOUBLE_EQ(*c.rci, -1.98);
  EXPECT_EQ(c.reliable, Reliable::kImprovement);
  EXPECT_EQ(c.classification, Classification::kImproved);
  EXPECT_NE(c.explanation.find("fell 7 points from 18 to 11"), std::string::npos) << c.explanation;
  EXPECT_NE(c.explanation.find("reliable improvement"), std::string::npos);

  c = ComputeChange(in, 15, 8);  // -7 and below 10 now -> recovered
  EXPECT_EQ(c.classification, Classification::kRecovered);
  EXPECT_NE(c.explanation.find("recovered"), std::string::npos);

  c = ComputeChange(in, 14, 8);  // -6: RC -1.70, within measurement error
  EXPECT_DOUBLE_EQ(*c.rci, -1.70);
  EXPECT_EQ(c.reliable, Reliable::kNone);
  EXPECT_EQ(c.classification, Classification::kUnchanged);
  EXPECT_NE(c.explanation.find("ordinary variation"), std::string::npos);

  c = ComputeChange(in, 5, 12);  // +7: reliable worsening
  EXPECT_DOUBLE_EQ(*c.rci, 1.98);
  EXPECT_EQ(c.reliable, Reliable::kDeterioration);
  EXPECT_EQ(c.classification, Classification::kDeteriorated);
  EXPECT_NE(c.explanation.find("rose 7 points"), std::string::npos);

  c = ComputeChange(in, 9, 9);
  EXPECT_DOUBLE_EQ(*c.rci, 0.0);
  EXPECT_NE(c.explanation.find("stayed at 9"), std::string::npos);
}

TEST(ReliableChangeTest, Gad7UsesTheFourPointCriterion) {
  const Instrument& in = Get("gad7");
  Change c = ComputeChange(in, 12, 8);  // -4: reliable; 8 is still a case (>= 8)
  EXPECT_FALSE(c.rci.has_value());
  EXPECT_EQ(c.reliable, Reliable::kImprovement);
  EXPECT_EQ(c.classification, Classification::kImproved);
  EXPECT_NE(c.explanation.find("at least the 4 points"), std::string::npos) << c.explanation;
  EXPECT_EQ(ComputeChange(in, 12, 7).classification, Classification::kRecovered);
  EXPECT_EQ(ComputeChange(in, 10, 7).classification, Classification::kUnchanged);  // -3
  EXPECT_EQ(ComputeChange(in, 3, 7).classification, Classification::kDeteriorated);  // +4
}

TEST(ReliableChangeTest, Who5HigherIsBetter) {
  const Instrument& in = Get("who5");
  Change c = ComputeChange(in, 8, 14);  // +6: RC 2.24; 8 was poor (< 13), 14 is not
  EXPECT_DOUBLE_EQ(*c.rci, 2.24);
  EXPECT_EQ(c.reliable, Reliable::kImprovement);
  EXPECT_EQ(c.classification, Classification::kRecovered);
  c = ComputeChange(in, 14, 8);
  EXPECT_DOUBLE_EQ(*c.rci, -2.24);
  EXPECT_EQ(c.classification, Classification::kDeteriorated);
  c = ComputeChange(in, 10, 15);  // +5: RC 1.86
  EXPECT_DOUBLE_EQ(*c.rci, 1.86);
  EXPECT_EQ(c.classification, Classification::kUnchanged);
}

TEST(ReliableChangeTest, ShortScreensHaveNoCriterion) {
  Change c = ComputeChange(Get("phq2"), 1, 6);
  EXPECT_FALSE(c.rci.has_value());
  EXPECT_EQ(c.reliable, Reliable::kNone);
  EXPECT_EQ(c.classification, Classification::kUnchanged);
  EXPECT_NE(c.explanation.find("no reliable-change criterion"), std::string::npos);
}

TEST(ReliableChangeTest, Names) {
  EXPECT_EQ(ReliableName(Reliable::kDeterioration), "deterioration");
  EXPECT_EQ(ClassificationName(Classification::kRecovered), "recovered");
}

}  // namespace
}  // namespace interlude::care
