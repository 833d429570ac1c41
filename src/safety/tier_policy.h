// The tier policy: turns what the engine found in a text, a PHQ-9 item 9 answer, and the
// person's recent history into one Assessment. Every rule has an id (SAFE-nnn), a test
// (tier_policy_test.cc reading data/safety/cases/*.tsv) and a line in docs/safety.md.
//
// Thread-safety: pure functions.
#pragma once

#include <span>

#include "base/clock.h"
#include "safety/tier.h"
#include "text/analysis.h"

namespace interlude::safety {

// SAFE-001..: the tier of one text from its risk findings (text/risk.h grades them):
// the writer's own risk keeps the engine's level; third-party risk is low with the
// third_party concern; abuse and harm to others keep their level with their concern;
// history only (past_risk) is low. Moderate and high own-risk offer the screener.
Assessment AssessText(const text::RiskAssessment& risk);

// SAFE-020/021: PHQ-9 item 9 (0..3, "thoughts that you would be better off dead or of
// hurting yourself"). Any answer above 0 is at least moderate and offers the screener,
// whatever the total (../shared/CLINICAL.md §1.5); "nearly every day" (3) is high.
// Answers outside 0..3 give tier none (callers validate first).
Assessment AssessPhq9Item9(int answer);

// A signal about the writer's own risk that was assessed earlier.
struct PastSignal {
  UnixMillis at = 0;
  Tier tier = Tier::kNone;
};

// SAFE-010/011: history raises the current tier. `history` holds the person's own-risk
// signals before this one (any order); `now` is when the current item was written.
//   SAFE-010: a moderate now, with another moderate-or-higher signal in the past 72 hours,
//             becomes high (repeated disclosure).
//   SAFE-011: a high signal in the past 24 hours raises a current none to low (a gentle
//             check-in) and a current low to moderate.
Assessment ApplyHistory(Assessment current, std::span<const PastSignal> history, UnixMillis now);

}  // namespace interlude::safety
