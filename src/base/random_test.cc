#include "base/random.h"

#include <gtest/gtest.h>

#include <set>

namespace interlude {
namespace {

TEST(RandomTest, IdsAreUniqueAndBase32) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = NewId();
    ASSERT_EQ(id.size(), 26u);
    for (const char c : id) ASSERT_TRUE((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7')) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(RandomTest, RandomBelowStaysInRange) {
  for (int i = 0; i < 1000; ++i) EXPECT_LT(RandomBelow(7), 7u);
}

TEST(RandomTest, HexRoundTrip) {
  const std::uint8_t bytes[] = {0x00, 0x7f, 0xff, 0x10};
  const std::string hex = ToHex(bytes);
  EXPECT_EQ(hex, "007fff10");
  std::string back;
  ASSERT_TRUE(FromHex("007FFF10", back));
  EXPECT_EQ(back, std::string("\x00\x7f\xff\x10", 4));
  EXPECT_FALSE(FromHex("abc", back));
  EXPECT_FALSE(FromHex("zz", back));
}

}  // namespace
}  // namespace interlude
