#include "api/json_body.h"

#include <gtest/gtest.h>

namespace interlude::api {
namespace {

HttpRequest Post(std::string body, std::string type = "application/json") {
  HttpRequest r;
  r.method = "POST";
  r.body = std::move(body);
  if (!type.empty()) r.headers["content-type"] = std::move(type);
  return r;
}

ApiError ErrorOf(const HttpRequest& r, bool empty_ok = false) {
  auto parsed = ParseJsonObject(r, empty_ok);
  EXPECT_TRUE(std::holds_alternative<ApiError>(parsed));
  return std::holds_alternative<ApiError>(parsed) ? std::get<ApiError>(parsed) : ApiError{};
}

TEST(JsonBodyTest, EdgeChecksInOrder) {
  EXPECT_EQ(ErrorOf(Post(std::string(kMaxBodyBytes + 1, ' '))).http_status, 413);
  EXPECT_EQ(ErrorOf(Post("{}", "text/plain")).http_status, 415);
  EXPECT_EQ(ErrorOf(Post("{}", "")).http_status, 415);
  EXPECT_TRUE(std::holds_alternative<Json>(ParseJsonObject(Post("{}", "Application/JSON; charset=utf-8"), false)));
  const ApiError malformed = ErrorOf(Post("{\"a\": tru}"));
  EXPECT_EQ(malformed.code, "malformed_json");
  EXPECT_NE(malformed.message.find("byte 10"), std::string::npos) << malformed.message;
  EXPECT_EQ(ErrorOf(Post("{\"text\":\"\xff\"}")).code, "invalid_argument");
  EXPECT_EQ(ErrorOf(Post(std::string(10000, '['))).code, "invalid_argument");
  EXPECT_EQ(ErrorOf(Post("[1,2]")).code, "invalid_argument");
  EXPECT_EQ(ErrorOf(Post("")).code, "invalid_argument");
  EXPECT_TRUE(std::holds_alternative<Json>(ParseJsonObject(Post("", ""), true)));
  EXPECT_EQ(ErrorOf(Post("{\"n\": 1e99999}")).http_status, 400);
}

TEST(JsonBodyTest, ReaderNamesTheFieldAtFault) {
  const Json body = {{"text", "hi"}, {"n", 3.5}, {"tags", {"a", 1}}, {"extra", true}};
  ObjectReader reader(body);
  EXPECT_EQ(reader.RequiredString("text", 2).value(), "hi");
  EXPECT_EQ(reader.RequiredString("missing", 10).status().field(), "missing");
  EXPECT_EQ(reader.OptionalInt("n", 0, 10).status().field(), "n");
  EXPECT_EQ(reader.OptionalStringArray("tags", 5, 10).status().field(), "tags");
  EXPECT_EQ(reader.Finish().field(), "extra");
}

TEST(JsonBodyTest, LengthCountsCharactersNotBytes) {
  const std::string emoji = "\xf0\x9f\x98\x8a";  // one character, four bytes
  std::string text;
  for (int i = 0; i < 5; ++i) text += emoji;
  const Json body = {{"text", text}};
  ObjectReader ok(body);
  EXPECT_TRUE(ok.RequiredString("text", 5).ok());
  ObjectReader too_long(body);
  EXPECT_FALSE(too_long.RequiredString("text", 4).ok());
}

}  // namespace
}  // namespace interlude::api
