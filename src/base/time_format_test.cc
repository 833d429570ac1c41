#include "base/time_format.h"

#include <gtest/gtest.h>

namespace interlude {
namespace {

TEST(TimeFormatTest, FormatsEpochAndMillis) {
  EXPECT_EQ(FormatIso8601(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatIso8601(1795830289000), "2026-11-28T01:44:49Z");
  EXPECT_EQ(FormatIso8601(1795830289123), "2026-11-28T01:44:49.123Z");
  EXPECT_EQ(FormatIso8601(-1000), "1969-12-31T23:59:59Z");
}

TEST(TimeFormatTest, ParsesForms) {
  EXPECT_EQ(ParseIso8601("2026-11-28T01:44:49Z").value(), 1795830289000);
  EXPECT_EQ(ParseIso8601("2026-11-28T01:44:49.123Z").value(), 1795830289123);
  EXPECT_EQ(ParseIso8601("2026-11-28T02:44:49+01:00").value(), 1795830289000);
  EXPECT_EQ(ParseIso8601("2026-11-27T20:44:49-05:00").value(), 1795830289000);
  EXPECT_EQ(ParseIso8601("2026-11-28", /*date_alone_ok=*/true).value(), 1795824000000);
  EXPECT_FALSE(ParseIso8601("2026-11-28").ok());
  EXPECT_EQ(ParseIso8601("2024-02-29T00:00Z").value(), 1709164800000);
}

TEST(TimeFormatTest, RejectsMalformed) {
  for (const char* bad : {"", "2026", "2026-13-01", "2026-02-30", "2025-02-29T00:00Z",
                          "2026-11-28T25:00:00Z", "2026-11-28T01:44:49", "2026-11-28T01:44:49X",
                          "yesterday", "2026-11-28T01:44:49+1:00", "2026-11-28T01:44:49.Z"}) {
    EXPECT_FALSE(ParseIso8601(bad).ok()) << bad;
  }
}

TEST(TimeFormatTest, RoundTrips) {
  for (long long t : {0LL, 951782400000LL, 1795830289123LL, 4102444799999LL}) {
    EXPECT_EQ(ParseIso8601(FormatIso8601(t)).value(), t);
  }
}

}  // namespace
}  // namespace interlude
