#include "api/checkin_content.h"

#include <gtest/gtest.h>

namespace interlude::api {
namespace {

constexpr UnixMillis kNow = 1795830289000;

std::string FieldOf(const Json& body) { return ParseCheckinInput(body, kNow).status().field(); }

TEST(CheckinContentTest, ValidatesEveryField) {
  EXPECT_EQ(FieldOf({{"energy", 3}}), "valence");
  EXPECT_EQ(FieldOf({{"valence", 0}, {"energy", 3}}), "valence");
  EXPECT_EQ(FieldOf({{"valence", 8}, {"energy", 3}}), "valence");
  EXPECT_EQ(FieldOf({{"valence", 3.5}, {"energy", 3}}), "valence");
  EXPECT_EQ(FieldOf({{"valence", "5"}, {"energy", 3}}), "valence");
  EXPECT_EQ(FieldOf({{"valence", 5}, {"energy", 6}}), "energy");
  EXPECT_EQ(FieldOf({{"valence", 5}, {"energy", 3}, {"emotions", {"zesty"}}}), "emotions");
  EXPECT_EQ(FieldOf({{"valence", 5}, {"energy", 3}, {"tags", {"  "}}}), "tags");
  EXPECT_EQ(FieldOf({{"valence", 5}, {"energy", 3}, {"sleep_hours", 25}}), "sleep_hours");
  EXPECT_EQ(FieldOf({{"valence", 5}, {"energy", 3}, {"note", std::string(2001, 'x')}}), "note");
  EXPECT_EQ(FieldOf({{"valence", 5}, {"energy", 3}, {"at", "yesterday"}}), "at");
  EXPECT_EQ(FieldOf({{"valence", 5}, {"energy", 3}, {"at", "1999-12-31T00:00:00Z"}}), "at");
  EXPECT_EQ(FieldOf({{"valence", 5}, {"energy", 3}, {"tz_offset_min", 900}}), "tz_offset_min");
  EXPECT_EQ(FieldOf({{"valence", 5}, {"energy", 3}, {"mood", 1}}), "mood");
}

TEST(CheckinContentTest, NormalisesAndDefaults) {
  const auto in = ParseCheckinInput(Json{{"valence", 6}, {"energy", 2}, {"emotions", {"calm", "calm"}},
                                         {"tags", {"Walk", " walk"}}, {"sleep_hours", 7.5}},
                                    kNow);
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ(in->at, kNow);
  EXPECT_EQ(in->content["emotions"], Json({"calm"}));
  EXPECT_EQ(in->content["tags"], Json({"walk"}));
  EXPECT_EQ(in->content["sleep_hours"], 7.5);
  EXPECT_EQ(in->content["tz_offset_min"], 0);
  const auto skew = ParseCheckinInput(Json{{"valence", 6}, {"energy", 2}, {"at", "2026-11-28T01:48:00Z"}}, kNow);
  EXPECT_TRUE(skew.ok());  // within five minutes of now
}

}  // namespace
}  // namespace interlude::api
