// Distributions and two-sample statistics against closed forms and worked examples
// (reference values to 10 digits from mpmath's incomplete beta).
#include "care/mood_stats.h"

#include <gtest/gtest.h>

#include <cmath>

namespace interlude::care {
namespace {

Moments Of(std::initializer_list<double> xs) {
  Moments m;
  for (const double x : xs) m.Add(x);
  return m;
}

TEST(Distributions, StudentTClosedForms) {
  // df = 1 is the Cauchy distribution: p = 1 − (2/π)·atan|t|; t = 1 gives 0.5.
  EXPECT_NEAR(StudentTTwoSidedP(1.0, 1.0), 0.5, 1e-12);
  // df = 2: p = 1 − |t|/√(2 + t²); t = 2 gives 1 − 2/√6 = 0.1835034.
  EXPECT_NEAR(StudentTTwoSidedP(2.0, 2.0), 1.0 - 2.0 / std::sqrt(6.0), 1e-12);
  EXPECT_NEAR(StudentTTwoSidedP(-2.0, 2.0), 1.0 - 2.0 / std::sqrt(6.0), 1e-12);
  EXPECT_NEAR(StudentTTwoSidedP(0.0, 5.0), 1.0, 1e-12);
}

TEST(Distributions, StudentTFractionalAndLargeDf) {
  EXPECT_NEAR(StudentTTwoSidedP(1.3, 2.5), 0.3004867893, 1e-9);
  EXPECT_NEAR(StudentTTwoSidedP(2.042, 30), 0.0500286707, 1e-9);
  EXPECT_NEAR(StudentTTwoSidedP(1.96, 10000), 0.0500235202, 1e-9);
}

TEST(Distributions, Normal) {
  EXPECT_NEAR(NormalTwoSidedP(1.959963985), 0.05, 1e-9);
  EXPECT_NEAR(NormalTwoSidedP(0.0), 1.0, 1e-15);
}

TEST(Distributions, LogGamma) {
  EXPECT_NEAR(LogGamma(1.0), 0.0, 1e-13);
  EXPECT_NEAR(LogGamma(0.5), std::log(std::sqrt(3.14159265358979323846)), 1e-13);
  EXPECT_NEAR(LogGamma(10.0), std::log(362880.0), 1e-11);
}

TEST(Welch, WorkedExample) {
  // a = {2,4,6}: mean 4, var 4; b = {1,2,3}: mean 2, var 1.
  // se² = 4/3 + 1/3 = 5/3; t = 2/√(5/3) = 1.549193.
  // df = (5/3)² / ((4/3)²/2 + (1/3)²/2) = (25/9)/(17/18) = 50/17 = 2.941176; p = 0.2208808.
  const auto r = WelchTTest(Of({2, 4, 6}), Of({1, 2, 3}));
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(r->t, 1.5491933385, 1e-9);
  EXPECT_NEAR(r->df, 50.0 / 17.0, 1e-12);
  EXPECT_NEAR(r->p_value, 0.2208808405, 1e-9);
}

TEST(Welch, UndefinedCases) {
  EXPECT_FALSE(WelchTTest(Of({1}), Of({1, 2, 3})).has_value());
  EXPECT_FALSE(WelchTTest(Of({3, 3, 3}), Of({5, 5, 5})).has_value());  // no variation
}

TEST(Hedges, WorkedExample) {
  // Pooled variance (2·4 + 2·1)/4 = 2.5; d = 2/√2.5 = 1.264911; J = 1 − 3/(4·6 − 9) = 0.8;
  // g = 1.011929.
  const auto g = HedgesG(Of({2, 4, 6}), Of({1, 2, 3}));
  ASSERT_TRUE(g.has_value());
  EXPECT_NEAR(*g, 0.8 * 2.0 / std::sqrt(2.5), 1e-12);
  EXPECT_FALSE(HedgesG(Of({3, 3}), Of({3, 3})).has_value());
}

TEST(MomentsTest, MeanVarianceAndDifference) {
  const Moments all = Of({1, 2, 3, 4});
  const Moments part = Of({1, 2});
  const Moments rest = all - part;
  EXPECT_EQ(rest.n, 2);
  EXPECT_DOUBLE_EQ(rest.Mean(), 3.5);
  EXPECT_DOUBLE_EQ(rest.Variance(), 0.5);
  EXPECT_DOUBLE_EQ(Of({5}).Variance(), 0.0);
}

}  // namespace
}  // namespace interlude::care
