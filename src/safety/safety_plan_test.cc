// Tests of safety plan validation (safety_plan.h): the canonical form and errors that name
// the field at fault.
//
// Thread-safety: single-threaded test code.
#include "safety/safety_plan.h"

#include <gtest/gtest.h>

namespace interlude::safety {
namespace {

using nlohmann::json;

TEST(SafetyPlanTest, EmptyPlanHasEveryStep) {
  const json plan = EmptySafetyPlan();
  ASSERT_TRUE(plan["steps"].is_object());
  EXPECT_EQ(plan["steps"].size(), 6u);
  for (std::string_view step : kSafetyPlanSteps) {
    EXPECT_EQ(plan["steps"][std::string(step)], json::array()) << step;
  }
  EXPECT_EQ(plan["reasons_for_living"], json::array());
  auto parsed = ParseSafetyPlan(json::object());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, plan);
}

TEST(SafetyPlanTest, TrimsAndDropsEmptyItems) {
  const json body = json::parse(R"({
    "steps": {"warning_signs": ["  can't sleep ", "", "   "], "making_safe": ["Give my car keys to Sam"]},
    "reasons_for_living": ["my dog", " "]
  })");
  auto plan = ParseSafetyPlan(body);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ((*plan)["steps"]["warning_signs"], json::array({"can't sleep"}));
  EXPECT_EQ((*plan)["steps"]["making_safe"], json::array({"Give my car keys to Sam"}));
  EXPECT_EQ((*plan)["steps"]["professionals"], json::array());
  EXPECT_EQ((*plan)["reasons_for_living"], json::array({"my dog"}));
  // Unicode counts in characters, not bytes: 500 "é" (1000 bytes) is fine.
  std::string accents;
  for (int i = 0; i < 500; ++i) accents += "\xC3\xA9";
  EXPECT_TRUE(ParseSafetyPlan(json{{"reasons_for_living", {accents}}}).ok());
}

void ExpectField(const json& body, const std::string& field) {
  auto plan = ParseSafetyPlan(body);
  ASSERT_FALSE(plan.ok()) << body.dump();
  EXPECT_EQ(plan.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(plan.status().field(), field) << plan.status().message();
  EXPECT_NE(plan.status().message().find(field), std::string::npos) << plan.status().message();
}

TEST(SafetyPlanTest, ErrorsNameTheField) {
  ExpectField(json{{"steps", {{"hobbies", json::array()}}}}, "steps.hobbies");
  ExpectField(json{{"steps", {{"distraction", {1, 2}}}}}, "steps.distraction");
  ExpectField(json{{"steps", {{"distraction", "walk"}}}}, "steps.distraction");
  ExpectField(json{{"steps", {{"people_to_ask", json::array({nullptr})}}}}, "steps.people_to_ask");
  ExpectField(json{{"steps", json::array()}}, "steps");
  ExpectField(json{{"reasons_for_living", "my dog"}}, "reasons_for_living");
  json many = json::array();
  for (size_t i = 0; i <= kMaxPlanItems; ++i) many.push_back("item");
  ExpectField(json{{"steps", {{"coping_strategies", many}}}}, "steps.coping_strategies");
  ExpectField(json{{"reasons_for_living", many}}, "reasons_for_living");
  ExpectField(json{{"steps", {{"professionals", {std::string(kMaxPlanItemChars + 1, 'x')}}}}},
              "steps.professionals");
  ExpectField(json{{"steps", {{"professionals", {std::string("\xff\xfe")}}}}},
              "steps.professionals");
  EXPECT_EQ(ParseSafetyPlan(json::array()).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseSafetyPlan(json("plan")).status().code(), StatusCode::kInvalidArgument);
}

TEST(SafetyPlanTest, LimitsAreInclusive) {
  json many = json::array();
  for (size_t i = 0; i < kMaxPlanItems; ++i) many.push_back(std::string(kMaxPlanItemChars, 'x'));
  auto plan = ParseSafetyPlan(json{{"steps", {{"distraction", many}}}});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ((*plan)["steps"]["distraction"].size(), kMaxPlanItems);
}

}  // namespace
}  // namespace interlude::safety
