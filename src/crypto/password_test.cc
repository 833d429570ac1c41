#include "crypto/password.h"

#include <gtest/gtest.h>

namespace interlude::crypto {
namespace {

TEST(PasswordTest, HashVerifies) {
  const auto hash = HashPassword("correct horse battery");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse batterx"));
  EXPECT_FALSE(VerifyPassword("", "anything"));
  EXPECT_FALSE(VerifyPassword("not a hash", "anything"));
}

TEST(PasswordTest, PolicyRefusesShortAndCommon) {
  EXPECT_TRUE(CheckPasswordPolicy("river-stone-lantern").ok());
  EXPECT_TRUE(CheckPasswordPolicy("\xc3\xa9t\xc3\xa9 \xc3\xa0 la mer").ok());
  for (const char* bad : {"short", "123456789", "password123", "Password123!", "1234567890",
                          "0987654321", "aaaaaaaaaaaa", "qwertyuiop", "iloveyou12",
                          "1q2w3e4r5t6y", "!!Welcome2024"}) {
    const Status s = CheckPasswordPolicy(bad);
    EXPECT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.field(), "password");
  }
  EXPECT_FALSE(CheckPasswordPolicy(std::string(257, 'x') + "q").ok());
  EXPECT_FALSE(CheckPasswordPolicy("abcdefghij\xff").ok());
}

}  // namespace
}  // namespace interlude::crypto
