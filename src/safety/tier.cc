// Tier names and the Assessment helpers.
#include "safety/tier.h"

#include <algorithm>

namespace interlude::safety {

std::string_view TierName(Tier tier) {
  switch (tier) {
    case Tier::kNone: return "none";
    case Tier::kLow: return "low";
    case Tier::kModerate: return "moderate";
    case Tier::kHigh: return "high";
  }
  return "none";
}

bool ParseTier(std::string_view text, Tier& out) {
  for (Tier t : {Tier::kNone, Tier::kLow, Tier::kModerate, Tier::kHigh}) {
    if (TierName(t) == text) {
      out = t;
      return true;
    }
  }
  return false;
}

void Assessment::Raise(Tier at_least, std::string rule, std::string code) {
  tier = MaxTier(tier, at_least);
  Reason reason{std::move(rule), std::move(code)};
  if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) {
    reasons.push_back(std::move(reason));
  }
}

Assessment Combine(const Assessment& a, const Assessment& b) {
  Assessment out = a;
  out.tier = MaxTier(a.tier, b.tier);
  for (const Reason& r : b.reasons) {
    if (std::find(out.reasons.begin(), out.reasons.end(), r) == out.reasons.end()) {
      out.reasons.push_back(r);
    }
  }
  out.concerns.self = a.concerns.self || b.concerns.self;
  out.concerns.harm_to_others = a.concerns.harm_to_others || b.concerns.harm_to_others;
  out.concerns.abuse = a.concerns.abuse || b.concerns.abuse;
  out.concerns.third_party = a.concerns.third_party || b.concerns.third_party;
  out.offer_screener = a.offer_screener || b.offer_screener;
  return out;
}

}  // namespace interlude::safety
