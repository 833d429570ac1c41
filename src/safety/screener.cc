// The screener's skip rule (ValidateScreener) and triage SAFE-030..032 (docs/safety.md).
#include "safety/screener.h"

#include <string>

namespace interlude::safety {
namespace {

bool Yes(const std::optional<bool>& answer) { return answer.has_value() && *answer; }

// InvalidArgument naming the question when `answer` is given but should not be, or the
// other way round.
Status Expect(const std::optional<bool>& answer, bool asked, const char* id) {
  if (asked && !answer.has_value()) {
    return InvalidArgument(std::string("screener answer ") + id + " is missing", id);
  }
  if (!asked && answer.has_value()) {
    return InvalidArgument(std::string("screener answer ") + id + " was not asked", id);
  }
  return OkStatus();
}

}  // namespace

Status ValidateScreener(const ScreenerAnswers& a) {
  const bool q2_yes = Yes(a.q2);
  RETURN_IF_ERROR(Expect(a.q1, true, "q1"));
  RETURN_IF_ERROR(Expect(a.q2, true, "q2"));
  RETURN_IF_ERROR(Expect(a.q3, q2_yes, "q3"));
  RETURN_IF_ERROR(Expect(a.q4, q2_yes, "q4"));
  RETURN_IF_ERROR(Expect(a.q5, q2_yes, "q5"));
  RETURN_IF_ERROR(Expect(a.q6, true, "q6"));
  RETURN_IF_ERROR(Expect(a.q6_recent, Yes(a.q6), "q6_recent"));
  return OkStatus();
}

Assessment TriageScreener(const ScreenerAnswers& a) {
  Assessment out;
  const bool behaviour = Yes(a.q6);
  const bool recent = behaviour && Yes(a.q6_recent);
  if (Yes(a.q4) || Yes(a.q5) || recent) {
    // SAFE-030: intent, a plan, or suicidal behaviour in the past 3 months.
    out.Raise(Tier::kHigh, "SAFE-030", recent ? "screener_recent_behaviour" : "screener_intent");
  } else if (Yes(a.q3) || behaviour) {
    // SAFE-031: a method without intent, or behaviour more than 3 months ago.
    out.Raise(Tier::kModerate, "SAFE-031",
              Yes(a.q3) ? "screener_method" : "screener_past_behaviour");
  } else if (Yes(a.q1) || Yes(a.q2)) {
    // SAFE-032: a wish to be dead or suicidal thoughts only.
    out.Raise(Tier::kLow, "SAFE-032", "screener_ideation");
  }
  out.concerns.self = out.tier != Tier::kNone;
  return out;
}

}  // namespace interlude::safety
