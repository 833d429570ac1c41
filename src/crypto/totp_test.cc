// Base32, HOTP and TOTP against the RFC test vectors, the drift window and the otpauth URI.
#include "crypto/totp.h"

#include <gtest/gtest.h>

namespace interlude::crypto {
namespace {

// The seed of RFC 4226 Appendix D and RFC 6238 Appendix B (SHA1).
constexpr char kRfcSeed[] = "12345678901234567890";

TEST(Base32Test, Rfc4648Vectors) {
  const std::pair<const char*, const char*> cases[] = {
      {"f", "MY"},         {"fo", "MZXQ"},         {"foo", "MZXW6"},
      {"foob", "MZXW6YQ"}, {"fooba", "MZXW6YTB"}, {"foobar", "MZXW6YTBOI"},
  };
  EXPECT_EQ(Base32Encode(""), "");
  for (const auto& [plain, encoded] : cases) {
    EXPECT_EQ(Base32Encode(plain), encoded) << plain;
    EXPECT_EQ(Base32Decode(encoded), std::optional<std::string>(plain)) << encoded;
  }
  EXPECT_EQ(Base32Encode(kRfcSeed), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

TEST(Base32Test, DecodingIsTolerantOfHowPeopleTypeIt) {
  const std::optional<std::string> foobar("foobar");
  EXPECT_EQ(Base32Decode("mzxw6ytboi"), foobar);
  EXPECT_EQ(Base32Decode("MZXW 6YTB OI"), foobar);
  EXPECT_EQ(Base32Decode("MZXW6YTBOI======"), foobar);
  EXPECT_EQ(Base32Decode("MZXW6YTBOI== "), foobar);
  EXPECT_EQ(Base32Decode("MZXW-6YTB-OI"), foobar);
}

TEST(Base32Test, RefusesBadInput) {
  EXPECT_FALSE(Base32Decode(""));
  EXPECT_FALSE(Base32Decode("===="));
  EXPECT_FALSE(Base32Decode("MZXW1"));     // 1 is not base32
  EXPECT_FALSE(Base32Decode("MZXW8"));     // nor is 8
  EXPECT_FALSE(Base32Decode("MZ=XW6"));    // padding only at the end
  EXPECT_FALSE(Base32Decode("MZXW_6YTB")); // no other separators
  EXPECT_FALSE(Base32Decode("MZ"));        // "f" is MY: the last 2 bits must be zero
  EXPECT_FALSE(Base32Decode("MZXW6YTBOJ"));
  EXPECT_FALSE(Base32Decode("M"));         // 1, 3 or 6 symbols encode no whole byte
  EXPECT_FALSE(Base32Decode("MZX"));
  EXPECT_FALSE(Base32Decode("MZXW6Y"));
  EXPECT_FALSE(Base32Decode("MZXW6YTBM"));
}

TEST(Base32Test, RoundTripsEveryLengthAndByte) {
  std::string bytes;
  for (int i = 0; i < 64; ++i) {
    bytes.push_back(static_cast<char>((i * 73 + 11) & 0xff));
    const std::string encoded = Base32Encode(bytes);
    EXPECT_EQ(encoded.size(), (bytes.size() * 8 + 4) / 5);
    EXPECT_EQ(Base32Decode(encoded), std::optional<std::string>(bytes)) << i;
  }
}

TEST(HotpTest, Rfc4226AppendixD) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t counter = 0; counter < 10; ++counter) {
    EXPECT_EQ(Hotp(kRfcSeed, counter), expected[counter]) << counter;
  }
}

TEST(TotpTest, Rfc6238AppendixBSha1) {
  const std::pair<std::int64_t, const char*> cases[] = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
  };
  for (const auto& [t, code] : cases) {
    EXPECT_EQ(Totp(kRfcSeed, t, 8), code) << t;
    // The 6-digit code is the last six digits of the same truncation.
    EXPECT_EQ(Totp(kRfcSeed, t), std::string(code).substr(2)) << t;
  }
}

TEST(TotpTest, StepsAreThirtySeconds) {
  EXPECT_EQ(TotpStep(0), 0);
  EXPECT_EQ(TotpStep(29), 0);
  EXPECT_EQ(TotpStep(30), 1);
  EXPECT_EQ(TotpStep(59), 1);
  EXPECT_EQ(TotpStep(1111111109), 37037036);
  EXPECT_EQ(TotpStep(-5), 0);
}

TEST(TotpTest, VerifyAcceptsOneStepOfDriftEitherWay) {
  const std::int64_t now = 1795830289;  // step 59861009, 19 s into it
  const std::int64_t step = TotpStep(now);
  EXPECT_EQ(VerifyTotp(kRfcSeed, Totp(kRfcSeed, now), now), step);
  EXPECT_EQ(VerifyTotp(kRfcSeed, Totp(kRfcSeed, now - 30), now), step - 1);
  EXPECT_EQ(VerifyTotp(kRfcSeed, Totp(kRfcSeed, now + 30), now), step + 1);
  EXPECT_FALSE(VerifyTotp(kRfcSeed, Totp(kRfcSeed, now - 60), now));
  EXPECT_FALSE(VerifyTotp(kRfcSeed, Totp(kRfcSeed, now + 60), now));
  // The edges of the window: the first second of t-1 and the last second of t+1.
  const std::int64_t start = step * kTotpStepSeconds;
  EXPECT_EQ(VerifyTotp(kRfcSeed, Totp(kRfcSeed, start - 30), now), step - 1);
  EXPECT_EQ(VerifyTotp(kRfcSeed, Totp(kRfcSeed, start + 59), now), step + 1);
  EXPECT_FALSE(VerifyTotp(kRfcSeed, Totp(kRfcSeed, start - 31), now));
  EXPECT_FALSE(VerifyTotp(kRfcSeed, Totp(kRfcSeed, start + 60), now));
}

TEST(TotpTest, VerifyRefusesMalformedAndWrongCodes) {
  const std::int64_t now = 59;
  const std::string right = Totp(kRfcSeed, now);
  EXPECT_TRUE(VerifyTotp(kRfcSeed, right, now));
  EXPECT_FALSE(VerifyTotp(kRfcSeed, "", now));
  EXPECT_FALSE(VerifyTotp(kRfcSeed, right.substr(0, 5), now));
  EXPECT_FALSE(VerifyTotp(kRfcSeed, right + "0", now));
  EXPECT_FALSE(VerifyTotp(kRfcSeed, "94287082", now));  // the 8-digit form
  EXPECT_FALSE(VerifyTotp(kRfcSeed, "28708a", now));
  std::string wrong = right;
  wrong[5] = wrong[5] == '9' ? '0' : static_cast<char>(wrong[5] + 1);
  EXPECT_FALSE(VerifyTotp(kRfcSeed, wrong, now));
  EXPECT_FALSE(VerifyTotp("another secret", right, now));
}

TEST(ConstantTimeEqualsTest, ComparesWholeStrings) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("287082", "287082"));
  EXPECT_FALSE(ConstantTimeEquals("287082", "287083"));
  EXPECT_FALSE(ConstantTimeEquals("287082", "28708"));
  EXPECT_FALSE(ConstantTimeEquals("", "0"));
}

TEST(OtpauthUriTest, NamesIssuerAccountAndParameters) {
  EXPECT_EQ(OtpauthUri("Interlude", "dr.lee@clinic.example", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/Interlude:dr.lee%40clinic.example?secret=JBSWY3DPEHPK3PXP"
            "&issuer=Interlude&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(OtpauthUri("My Clinic & Co", "a b:c", "MY"),
            "otpauth://totp/My%20Clinic%20%26%20Co:a%20b%3Ac?secret=MY"
            "&issuer=My%20Clinic%20%26%20Co&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace interlude::crypto
