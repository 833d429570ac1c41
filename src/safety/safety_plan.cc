// Safety plan validation (safety_plan.h).
#include "safety/safety_plan.h"

#include <algorithm>

#include "base/ascii.h"
#include "base/utf8.h"

namespace interlude::safety {
namespace {

// The trimmed, non-empty items of `list`, or InvalidArgument naming `field`.
Result<nlohmann::json> ParseItems(const nlohmann::json& list, const std::string& field) {
  if (!list.is_array()) return InvalidArgument(field + " must be a list of strings", field);
  if (list.size() > kMaxPlanItems) {
    return InvalidArgument(field + " has more than " + std::to_string(kMaxPlanItems) + " items",
                           field);
  }
  nlohmann::json out = nlohmann::json::array();
  for (const nlohmann::json& item : list) {
    if (!item.is_string()) return InvalidArgument(field + " items must be strings", field);
    const std::string& raw = item.get_ref<const std::string&>();
    if (!IsValidUtf8(raw)) return InvalidArgument(field + " items must be UTF-8 text", field);
    const std::string_view trimmed = TrimAscii(raw);
    if (CodePointCount(trimmed) > kMaxPlanItemChars) {
      return InvalidArgument(
          field + " items must be at most " + std::to_string(kMaxPlanItemChars) + " characters",
          field);
    }
    if (!trimmed.empty()) out.push_back(std::string(trimmed));
  }
  return out;
}

}  // namespace

nlohmann::json EmptySafetyPlan() {
  nlohmann::json steps = nlohmann::json::object();
  for (std::string_view step : kSafetyPlanSteps) steps[std::string(step)] = nlohmann::json::array();
  return nlohmann::json{{"steps", std::move(steps)},
                        {"reasons_for_living", nlohmann::json::array()}};
}

Result<nlohmann::json> ParseSafetyPlan(const nlohmann::json& body) {
  if (!body.is_object()) return InvalidArgument("the safety plan must be an object");
  nlohmann::json plan = EmptySafetyPlan();
  if (const auto steps = body.find("steps"); steps != body.end()) {
    if (!steps->is_object()) return InvalidArgument("steps must be an object", "steps");
    for (const auto& [name, list] : steps->items()) {
      const std::string field = "steps." + name;
      if (std::find(kSafetyPlanSteps.begin(), kSafetyPlanSteps.end(), name) ==
          kSafetyPlanSteps.end()) {
        return InvalidArgument(field + " is not a safety plan step", field);
      }
      ASSIGN_OR_RETURN(nlohmann::json items, ParseItems(list, field));
      plan["steps"][name] = std::move(items);
    }
  }
  if (const auto reasons = body.find("reasons_for_living"); reasons != body.end()) {
    ASSIGN_OR_RETURN(plan["reasons_for_living"], ParseItems(*reasons, "reasons_for_living"));
  }
  return plan;
}

}  // namespace interlude::safety
