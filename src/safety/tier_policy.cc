// The tier policy rules SAFE-001..006, 010, 011, 020, 021 (docs/safety.md).
#include "safety/tier_policy.h"

#include <string>

namespace interlude::safety {
namespace {

constexpr UnixMillis kHour = 60 * 60 * 1000;

Tier FromRiskLevel(text::RiskLevel level) {
  switch (level) {
    case text::RiskLevel::kNone: return Tier::kNone;
    case text::RiskLevel::kLow: return Tier::kLow;
    case text::RiskLevel::kModerate: return Tier::kModerate;
    case text::RiskLevel::kHigh: return Tier::kHigh;
  }
  return Tier::kNone;
}

// Whether a signal at `at` lies in the `hours` before `now` (inclusive; never the future).
bool Within(UnixMillis at, UnixMillis now, UnixMillis hours) {
  return at <= now && now - at <= hours * kHour;
}

}  // namespace

Assessment AssessText(const text::RiskAssessment& risk) {
  using text::RiskCategory;
  Assessment out;
  for (const text::RiskFinding& f : risk.findings) {
    const Tier level = FromRiskLevel(f.level);
    if (level == Tier::kNone) continue;
    const std::string code(text::RiskCategoryName(f.category));
    switch (f.category) {
      case RiskCategory::kThirdParty:
        // SAFE-002: someone else's risk is low for the writer, with resources for helping.
        out.Raise(Tier::kLow, "SAFE-002", code);
        out.concerns.third_party = true;
        break;
      case RiskCategory::kAbuseOrUnsafe:
        // SAFE-003: abuse keeps the engine's level.
        out.Raise(level, "SAFE-003", code);
        out.concerns.abuse = true;
        break;
      case RiskCategory::kHarmToOthers:
        // SAFE-004: harm to others keeps the engine's level.
        out.Raise(level, "SAFE-004", code);
        out.concerns.harm_to_others = true;
        break;
      case RiskCategory::kPastRisk:
        // SAFE-005: history only is low (a gentle check-in), still the writer's own.
        out.Raise(Tier::kLow, "SAFE-005", code);
        out.concerns.self = true;
        break;
      default:
        // SAFE-001: the writer's own risk keeps the engine's level.
        out.Raise(level, "SAFE-001", code.empty() || code == "none" ? "risk_language" : code);
        out.concerns.self = true;
        // SAFE-006: moderate and high own risk offer the screener.
        if (level >= Tier::kModerate) out.offer_screener = true;
        break;
    }
  }
  return out;
}

Assessment AssessPhq9Item9(int answer) {
  Assessment out;
  if (answer < 1 || answer > 3) return out;
  // SAFE-020: any answer above 0 is at least moderate, whatever the total.
  out.Raise(Tier::kModerate, "SAFE-020", "phq9_item9");
  out.concerns.self = true;
  out.offer_screener = true;
  // SAFE-021: "nearly every day" is high.
  if (answer == 3) out.Raise(Tier::kHigh, "SAFE-021", "phq9_item9_nearly_every_day");
  return out;
}

Assessment ApplyHistory(Assessment current, std::span<const PastSignal> history, UnixMillis now) {
  const Tier original = current.tier;
  bool moderate_72h = false;
  bool high_24h = false;
  for (const PastSignal& s : history) {
    if (s.tier >= Tier::kModerate && Within(s.at, now, 72)) moderate_72h = true;
    if (s.tier == Tier::kHigh && Within(s.at, now, 24)) high_24h = true;
  }
  // SAFE-010: a second own-risk moderate within 72 hours is high (repeated disclosure).
  if (original == Tier::kModerate && current.concerns.self && moderate_72h) {
    current.Raise(Tier::kHigh, "SAFE-010", "repeated_moderate_72h");
  }
  // SAFE-011: after a high in the past 24 hours, none becomes low and low becomes moderate.
  if (high_24h && original <= Tier::kLow) {
    const Tier raised = original == Tier::kNone ? Tier::kLow : Tier::kModerate;
    current.Raise(raised, "SAFE-011", "recent_high_24h");
    current.concerns.self = true;
    if (raised == Tier::kModerate) current.offer_screener = true;
  }
  return current;
}

}  // namespace interlude::safety
