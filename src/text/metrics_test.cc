#include "text/metrics.h"

#include <gtest/gtest.h>

namespace interlude::text {
namespace {

TEST(MetricsTest, PearsonR) {
  EXPECT_NEAR(PearsonR({1, 2, 3}, {2, 4, 6}), 1.0, 1e-12);
  EXPECT_NEAR(PearsonR({1, 2, 3}, {3, 2, 1}), -1.0, 1e-12);
  EXPECT_EQ(PearsonR({1, 1, 1}, {1, 2, 3}), 0.0);
}

TEST(MetricsTest, F1Bookkeeping) {
  Confusion c;
  c.Add("pos", "pos");
  c.Add("pos", "neg");
  c.Add("neg", "neg");
  c.Add("neg", "neg");
  EXPECT_NEAR(c.For("pos").precision, 1.0, 1e-12);
  EXPECT_NEAR(c.For("pos").recall, 0.5, 1e-12);
  EXPECT_NEAR(c.For("neg").precision, 2.0 / 3, 1e-12);
  EXPECT_NEAR(c.Accuracy(), 0.75, 1e-12);
  EXPECT_NEAR(c.MacroF1(), (2.0 / 3 + 0.8) / 2, 1e-12);
  Confusion m;
  m.AddMulti({"joy", "fear"}, {"joy"}, {"joy", "fear", "anger"});
  EXPECT_EQ(m.For("fear").recall, 0.0);
  EXPECT_EQ(m.For("joy").f1, 1.0);
}

}  // namespace
}  // namespace interlude::text
