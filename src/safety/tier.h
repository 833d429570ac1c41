// Tier: how much help a moment calls for, and the reasons a tier was given.
// The tier is the safety layer's one output; every response, alert and screen follows it.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace interlude::safety {

enum class Tier { kNone, kLow, kModerate, kHigh };

std::string_view TierName(Tier tier);  // "none", "low", "moderate", "high"
// False for anything but the four names above.
bool ParseTier(std::string_view text, Tier& out);
inline Tier MaxTier(Tier a, Tier b) { return a > b ? a : b; }

// One reason behind a tier: the safety rule that fired (SAFE-nnn, see docs/safety.md) and a
// stable snake_case code the web app turns into words ("suicidal_ideation",
// "phq9_item9", "repeated_moderate_72h", ...). Never contains the person's words.
struct Reason {
  std::string rule;
  std::string code;
  bool operator==(const Reason&) const = default;
};

// Whose safety is in question decides which resources are shown.
struct Concerns {
  bool self = false;            // the writer's own suicide or self-harm risk
  bool harm_to_others = false;  // the writer may hurt someone
  bool abuse = false;           // the writer is being hurt or is unsafe at home
  bool third_party = false;     // someone else is at risk (resources for helping them)
  bool operator==(const Concerns&) const = default;
};

struct Assessment {
  Tier tier = Tier::kNone;
  std::vector<Reason> reasons;  // in the order the rules fired, no duplicates
  Concerns concerns;
  bool offer_screener = false;  // the C-SSRS-style screener should be offered
  // Adds a reason (once) and raises the tier to at least `at_least`.
  void Raise(Tier at_least, std::string rule, std::string code);
};

// The stronger of two assessments with the reasons and concerns of both.
Assessment Combine(const Assessment& a, const Assessment& b);

}  // namespace interlude::safety
