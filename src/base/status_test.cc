#include "base/status.h"

#include <gtest/gtest.h>

namespace interlude {
namespace {

Result<int> Half(int v) {
  if (v % 2 != 0) return InvalidArgument("odd", "v");
  return v / 2;
}

Result<int> Quarter(int v) {
  ASSIGN_OR_RETURN(const int half, Half(v));
  ASSIGN_OR_RETURN(const int quarter, Half(half));
  return quarter;
}

TEST(StatusTest, OkByDefault) {
  EXPECT_TRUE(Status().ok());
  EXPECT_EQ(Status().ToString(), "ok");
}

TEST(StatusTest, CarriesCodeMessageField) {
  const Status s = InvalidArgument("too long", "text");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(StatusCodeName(s.code()), "invalid_argument");
  EXPECT_EQ(s.field(), "text");
  EXPECT_EQ(s.ToString(), "invalid_argument: too long (field text)");
}

TEST(StatusTest, AssignOrReturnPropagates) {
  EXPECT_EQ(Quarter(8).value(), 2);
  const Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "v");
}

}  // namespace
}  // namespace interlude
