// Tests of the tier names and the Assessment helpers (tier.h).
//
// Thread-safety: single-threaded test code.
#include "safety/tier.h"

#include <gtest/gtest.h>

namespace interlude::safety {
namespace {

TEST(TierTest, NamesRoundTrip) {
  for (Tier t : {Tier::kNone, Tier::kLow, Tier::kModerate, Tier::kHigh}) {
    Tier parsed = Tier::kHigh;
    ASSERT_TRUE(ParseTier(TierName(t), parsed)) << TierName(t);
    EXPECT_EQ(parsed, t);
  }
  Tier out = Tier::kLow;
  EXPECT_FALSE(ParseTier("HIGH", out));
  EXPECT_FALSE(ParseTier("", out));
  EXPECT_EQ(out, Tier::kLow);
}

TEST(TierTest, RaiseKeepsTheHigherTierAndEachReasonOnce) {
  Assessment a;
  a.Raise(Tier::kModerate, "SAFE-001", "suicidal_ideation");
  a.Raise(Tier::kLow, "SAFE-002", "third_party");
  a.Raise(Tier::kModerate, "SAFE-001", "suicidal_ideation");
  EXPECT_EQ(a.tier, Tier::kModerate);
  ASSERT_EQ(a.reasons.size(), 2u);
  EXPECT_EQ(a.reasons[0], (Reason{"SAFE-001", "suicidal_ideation"}));
  EXPECT_EQ(a.reasons[1], (Reason{"SAFE-002", "third_party"}));
}

TEST(TierTest, CombineTakesTheStrongerWithEverything) {
  Assessment a;
  a.Raise(Tier::kLow, "SAFE-002", "third_party");
  a.concerns.third_party = true;
  Assessment b;
  b.Raise(Tier::kHigh, "SAFE-001", "plan");
  b.Raise(Tier::kLow, "SAFE-002", "third_party");
  b.concerns.self = true;
  b.offer_screener = true;
  const Assessment c = Combine(a, b);
  EXPECT_EQ(c.tier, Tier::kHigh);
  EXPECT_TRUE(c.concerns.self);
  EXPECT_TRUE(c.concerns.third_party);
  EXPECT_FALSE(c.concerns.abuse);
  EXPECT_TRUE(c.offer_screener);
  ASSERT_EQ(c.reasons.size(), 2u);
  EXPECT_EQ(c.reasons[0].rule, "SAFE-002");
  EXPECT_EQ(c.reasons[1].rule, "SAFE-001");
  EXPECT_EQ(MaxTier(Tier::kLow, Tier::kModerate), Tier::kModerate);
}

}  // namespace
}  // namespace interlude::safety
