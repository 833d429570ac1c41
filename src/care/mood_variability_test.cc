// SD, MSSD and RMSSD (CLINICAL.md §9) on a series worked by hand.
#include "care/mood_variability.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace interlude::care {
namespace {

TEST(Variability, WorkedByHand) {
  // Valences 4,5,3,6,4,4,5,2,6,5 (n = 10).
  // Successive differences 1,−2,3,−2,0,1,−3,4,−1; squares sum to 45; MSSD = 45/9 = 5;
  // RMSSD = √5 = 2.236. Mean 4.4; squared deviations sum to 14.4; SD = √(14.4/9) = 1.2649.
  const std::vector<double> v = {4, 5, 3, 6, 4, 4, 5, 2, 6, 5};
  const Variability r = ComputeVariability(v);
  ASSERT_TRUE(r.sufficient);
  EXPECT_EQ(r.n, 10);
  EXPECT_DOUBLE_EQ(r.mssd, 5.0);
  EXPECT_DOUBLE_EQ(r.rmssd, std::sqrt(5.0));
  EXPECT_NEAR(r.sd, std::sqrt(1.6), 1e-12);
  EXPECT_NE(r.reading.find("2.2 points"), std::string::npos) << r.reading;
  EXPECT_NE(r.reading.find("shifting quite a lot"), std::string::npos) << r.reading;
}

TEST(Variability, SteadySeries) {
  // Alternating 4,5: every successive change is 1 point: MSSD = 1, RMSSD = 1.
  std::vector<double> v;
  for (int i = 0; i < 12; ++i) v.push_back(i % 2 == 0 ? 4 : 5);
  const Variability r = ComputeVariability(v);
  ASSERT_TRUE(r.sufficient);
  EXPECT_DOUBLE_EQ(r.mssd, 1.0);
  EXPECT_NE(r.reading.find("a point or so"), std::string::npos) << r.reading;
}

TEST(Variability, TooFewIsInsufficient) {
  const std::vector<double> nine = {4, 5, 3, 6, 4, 4, 5, 2, 6};
  const Variability r = ComputeVariability(nine);
  EXPECT_FALSE(r.sufficient);
  EXPECT_EQ(r.n, 9);
  EXPECT_NE(r.reading.find("Not enough"), std::string::npos);
  const std::vector<double> single = {4};
  EXPECT_FALSE(ComputeVariability(single).sufficient);
}

}  // namespace
}  // namespace interlude::care
