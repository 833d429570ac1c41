#include "crypto/tokens.h"

#include <gtest/gtest.h>

namespace interlude::crypto {
namespace {

TEST(TokensTest, SessionTokensAreLongAndDistinct) {
  const std::string a = NewSessionToken();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, NewSessionToken());
  EXPECT_EQ(HashToken(a).size(), 64u);
  EXPECT_EQ(HashToken(a), HashToken(a));
  EXPECT_NE(HashToken(a), HashToken(NewSessionToken()));
}

TEST(TokensTest, RecoveryCodeShapeAndCanonicalForm) {
  const std::string code = NewRecoveryCode();
  ASSERT_EQ(code.size(), 19u);
  EXPECT_EQ(code[4], '-');
  EXPECT_EQ(CanonicalRecoveryCode("7kqf-2m9d xw4t-hb3c"), "7KQF2M9DXW4THB3C");
  EXPECT_EQ(CanonicalRecoveryCode("OIL"), "011");
}

TEST(TokensTest, KeyedIndexDependsOnKey) {
  const SecretKey k1 = SecretKey::Random();
  const SecretKey k2 = SecretKey::Random();
  EXPECT_EQ(KeyedIndex(k1, "a@b.org"), KeyedIndex(k1, "a@b.org"));
  EXPECT_NE(KeyedIndex(k1, "a@b.org"), KeyedIndex(k2, "a@b.org"));
  const SecretKey d1 = DeriveSubkey(k1, 1, "emailidx");
  EXPECT_NE(KeyedIndex(d1, "x"), KeyedIndex(k1, "x"));
}

}  // namespace
}  // namespace interlude::crypto
