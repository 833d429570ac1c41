// The C-SSRS-style screener (../shared/CLINICAL.md §6): six yes/no questions in our own
// plain wording (data/safety/screener.txt), the skip rule, and the triage.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>

#include "base/status.h"
#include "safety/tier.h"

namespace interlude::safety {

// Answers as given; unasked questions are empty. q6_recent is asked only when q6 is yes
// ("was that in the past 3 months?").
struct ScreenerAnswers {
  std::optional<bool> q1, q2, q3, q4, q5, q6, q6_recent;
};

// OK when the answers follow the skip rule: q1, q2 and q6 always answered; q3-q5 answered
// exactly when q2 is yes; q6_recent answered exactly when q6 is yes. InvalidArgument naming
// the first missing or unexpected answer ("q3", "q6_recent", ...) otherwise.
Status ValidateScreener(const ScreenerAnswers& answers);

// Triage per §6.2 (call ValidateScreener first):
//   SAFE-030 high:     yes to q4 or q5, or q6 yes and in the past 3 months
//   SAFE-031 moderate: yes to q3, or q6 yes more than 3 months ago
//   SAFE-032 low:      yes to q1 and/or q2 only
//   none:              every answer no
// Any yes concerns the person's own safety (concerns.self).
Assessment TriageScreener(const ScreenerAnswers& answers);

}  // namespace interlude::safety
