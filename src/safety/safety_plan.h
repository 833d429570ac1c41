// The Stanley-Brown safety plan (../shared/CLINICAL.md §12.3): six steps, each a short list
// the person writes in their own words, plus the reasons for living they want to keep in
// view. Validation only; the API seals and stores it like any other content.
//
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "nlohmann/json.hpp"

namespace interlude::safety {

// The six steps in order, as JSON field names.
inline constexpr std::array<std::string_view, 6> kSafetyPlanSteps = {
    "warning_signs",        // 1. my warning signs
    "coping_strategies",    // 2. things I can do on my own
    "distraction",          // 3. people and places that take my mind off things
    "people_to_ask",        // 4. people I can ask for help
    "professionals",        // 5. professionals and crisis lines
    "making_safe",          // 6. making my surroundings safe
};
inline constexpr size_t kMaxPlanItems = 20;        // per step
inline constexpr size_t kMaxPlanItemChars = 500;   // per item

// Parses {steps: {<step>: ["...", ...], ...}, reasons_for_living: [...]} into the canonical
// plan (every step present, items trimmed, empty items dropped). InvalidArgument naming the
// field ("steps.warning_signs", "reasons_for_living") for an unknown step, a non-string item,
// too many items or an item too long.
Result<nlohmann::json> ParseSafetyPlan(const nlohmann::json& body);

// An empty plan with every step present.
nlohmann::json EmptySafetyPlan();

}  // namespace interlude::safety
