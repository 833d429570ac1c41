#include "crypto/aead.h"

#include <gtest/gtest.h>

namespace interlude::crypto {
namespace {

TEST(AeadTest, RoundTripsAndHidesPlaintext) {
  const SecretKey key = SecretKey::Random();
  const std::string sealed = Seal(key, "I felt better after the walk", "entries|e1|u1");
  EXPECT_EQ(sealed.find("walk"), std::string::npos);
  EXPECT_EQ(Open(key, sealed, "entries|e1|u1").value(), "I felt better after the walk");
}

TEST(AeadTest, SameInputSealsDifferently) {
  const SecretKey key = SecretKey::Random();
  EXPECT_NE(Seal(key, "same", "ad"), Seal(key, "same", "ad"));
}

TEST(AeadTest, RefusesMovedTamperedOrForeignCiphertext) {
  const SecretKey key = SecretKey::Random();
  const std::string sealed = Seal(key, "text", "entries|e1|u1");
  EXPECT_EQ(Open(key, sealed, "entries|e2|u1").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(Open(key, sealed, "entries|e1|u2").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(Open(SecretKey::Random(), sealed, "entries|e1|u1").status().code(),
            StatusCode::kDataLoss);
  std::string tampered = sealed;
  tampered[tampered.size() / 2] ^= 1;
  EXPECT_FALSE(Open(key, tampered, "entries|e1|u1").ok());
  EXPECT_FALSE(Open(key, sealed.substr(0, 10), "entries|e1|u1").ok());
}

}  // namespace
}  // namespace interlude::crypto
