// Theil–Sen and Mann–Kendall against series worked by hand, and the fast Theil–Sen against
// the O(n²) definition on many random series with ties and gaps.
#include "care/mood_trend.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace interlude::care {
namespace {

TEST(TheilSen, FourPointsByHand) {
  // x 0..3, y 1,2,4,3. Pairwise slopes: (0,1) 1, (0,2) 3/2, (0,3) 2/3, (1,2) 2, (1,3) 1/2,
  // (2,3) −1. Sorted: −1, 1/2, 2/3, 1, 3/2, 2. Six pairs: median = (2/3 + 1) / 2 = 5/6.
  const std::vector<double> x = {0, 1, 2, 3};
  const std::vector<double> y = {1, 2, 4, 3};
  EXPECT_NEAR(TheilSenSlope(x, y), 5.0 / 6.0, 1e-12);
}

TEST(TheilSen, TiesByHand) {
  // y 3,3,3,4,3: slopes −1, six zeros, 1/3, 1/2, 1. Ten pairs: middle two are 0 and 0.
  const std::vector<double> x = {0, 1, 2, 3, 4};
  const std::vector<double> y = {3, 3, 3, 4, 3};
  EXPECT_DOUBLE_EQ(TheilSenSlope(x, y), 0.0);
}

TEST(TheilSen, GapsUseRealDistances) {
  // Days 0, 1, 5: y 1, 2, 5. Slopes (0,1) 1, (0,5) 4/5, (1,5) 3/4; odd count, median 4/5.
  const std::vector<double> x = {0, 1, 5};
  const std::vector<double> y = {1, 2, 5};
  EXPECT_NEAR(TheilSenSlope(x, y), 0.8, 1e-12);
}

TEST(TheilSen, DegenerateInputs) {
  const std::vector<double> one = {1};
  EXPECT_EQ(TheilSenSlope(one, one), 0.0);
  const std::vector<double> x = {0, 1};
  const std::vector<double> y = {4, 6};
  EXPECT_DOUBLE_EQ(TheilSenSlope(x, y), 2.0);
}

TEST(TheilSen, FastPathMatchesDefinition) {
  std::mt19937 rng(42);
  int narrowed = 0;
  for (int trial = 0; trial < 40; ++trial) {
    const int n = 65 + static_cast<int>(rng() % 1100);
    std::vector<double> x;
    std::vector<double> y;
    double day = 0;
    const int style = trial % 4;
    for (int i = 0; i < n; ++i) {
      day += 1 + (rng() % 5 == 0 ? static_cast<double>(rng() % 6) : 0.0);  // gaps
      x.push_back(day);
      if (style == 0) {
        y.push_back(1 + static_cast<double>(rng() % 7));  // integers: many ties
      } else if (style == 1) {
        const int count = 1 + static_cast<int>(rng() % 5);  // daily means k/m
        int sum = 0;
        for (int k = 0; k < count; ++k) sum += 1 + static_cast<int>(rng() % 7);
        y.push_back(static_cast<double>(sum) / count);
      } else if (style == 2) {
        y.push_back(4.0 + 0.01 * day + std::sin(day / 9.0) +
                    static_cast<double>(rng() % 3));  // a trend
      } else {
        y.push_back(4.0);  // all equal
      }
    }
    TheilSenPath path;
    EXPECT_DOUBLE_EQ(TheilSenSlope(x, y, &path), TheilSenSlopeBruteForce(x, y))
        << "trial " << trial << " n " << n;
    narrowed += path == TheilSenPath::kNarrowed ? 1 : 0;
  }
  // The fast path is what runs, flat and tied series included (a rare fallback is fine).
  EXPECT_GE(narrowed, 38) << narrowed;
}

TEST(MannKendall, TiesByHand) {
  // y 3,3,3,4,3. Signs: +1 for (0,3), (1,3), (2,3); −1 for (3,4); the rest 0. S = 2.
  // n = 5: n(n−1)(2n+5) = 300; one tie group of four 3s: 4·3·13 = 156. var = 144/18 = 8.
  // z = (S − 1)/√8 = 0.353553; p = erfc(z/√2) = 0.723674.
  const std::vector<double> y = {3, 3, 3, 4, 3};
  const MannKendallResult r = MannKendall(y);
  EXPECT_EQ(r.s, 2);
  EXPECT_DOUBLE_EQ(r.variance, 8.0);
  EXPECT_NEAR(r.z, 1.0 / std::sqrt(8.0), 1e-12);
  EXPECT_NEAR(r.p_value, 0.7236736098, 1e-9);
}

TEST(MannKendall, NoTiesByHand) {
  // y 1,2,4,3: five increases, one decrease: S = 4. var = 4·3·13/18 = 8.6667.
  // z = 3/√8.6667 = 1.019049; p = 0.308180.
  const std::vector<double> y = {1, 2, 4, 3};
  const MannKendallResult r = MannKendall(y);
  EXPECT_EQ(r.s, 4);
  EXPECT_NEAR(r.variance, 156.0 / 18.0, 1e-12);
  EXPECT_NEAR(r.z, 1.0190493307, 1e-9);
  EXPECT_NEAR(r.p_value, 0.3081795475, 1e-9);
}

TEST(MannKendall, NegativeAndMonotonic) {
  // 1..10 rising: S = 45, var = 10·9·25/18 = 125, z = 44/√125 = 3.935480, p = 8.303e-5.
  std::vector<double> y;
  for (int i = 1; i <= 10; ++i) y.push_back(i);
  MannKendallResult r = MannKendall(y);
  EXPECT_EQ(r.s, 45);
  EXPECT_DOUBLE_EQ(r.variance, 125.0);
  EXPECT_NEAR(r.z, 3.9354796404, 1e-9);
  EXPECT_NEAR(r.p_value, 8.30307033e-5, 1e-12);
  std::reverse(y.begin(), y.end());
  r = MannKendall(y);
  EXPECT_EQ(r.s, -45);
  EXPECT_NEAR(r.z, -3.9354796404, 1e-9);
}

TEST(MannKendall, AllEqualAndTooShort) {
  const std::vector<double> flat = {4, 4, 4, 4};
  const MannKendallResult r = MannKendall(flat);
  EXPECT_EQ(r.s, 0);
  EXPECT_DOUBLE_EQ(r.variance, 0.0);
  EXPECT_DOUBLE_EQ(r.p_value, 1.0);
  const std::vector<double> one = {4};
  EXPECT_DOUBLE_EQ(MannKendall(one).p_value, 1.0);
}

TEST(MannKendall, MatchesPairwiseDefinitionOnRandomSeries) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 20; ++trial) {
    const int n = 2 + static_cast<int>(rng() % 300);
    std::vector<double> y;
    for (int i = 0; i < n; ++i) y.push_back(static_cast<double>(rng() % 13) / 2.0);
    std::int64_t s = 0;
    for (int i = 0; i < n; ++i) {
      for (int j = i + 1; j < n; ++j)
        s += (y[static_cast<size_t>(j)] > y[static_cast<size_t>(i)]) -
             (y[static_cast<size_t>(j)] < y[static_cast<size_t>(i)]);
    }
    EXPECT_EQ(MannKendall(y).s, s) << "trial " << trial;
  }
}

}  // namespace
}  // namespace interlude::care
