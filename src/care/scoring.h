// Scoring one completed questionnaire exactly: the answers are checked against the
// instrument (count and range, naming the answer at fault), then summed into the total, its
// severity band, the WHO-5 percentage, the flags the instrument defines, the follow-up a short
// screen calls for (PHQ-2 >= 3 -> PHQ-9, GAD-2 >= 3 -> GAD-7), and — for the PHQ-9 — item 9
// kept separately: it is never hidden inside the total and always reaches the safety layer
// (the API hands it to safety::AssessPhq9Item9, SAFE-020/021).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "care/instrument.h"

namespace interlude::care {

struct Score {
  std::string instrument;
  std::vector<int> answers;
  std::optional<int> functional;  // PHQ-9's difficulty question, not in the total
  int total = 0;
  int max_total = 0;
  const Band* band = nullptr;      // points into the instrument
  std::optional<int> percentage;   // WHO-5: total x 4
  std::optional<int> risk_item;    // PHQ-9 item 9 (0..3), kept separately
  std::vector<std::string> flags;  // codes, in the instrument's order
  std::string follow_up;           // "phq9", "gad7" or empty
};

// Checks and scores `answers` (one per item, in order) and the optional functional answer.
// InvalidArgument with field "answers" for a wrong count, "answers[i]" (0-based) for an
// answer outside the options, "functional" for a functional answer out of range or given to
// an instrument without the question.
Result<Score> ScoreAnswers(const Instrument& instrument, const std::vector<std::int64_t>& answers,
                           std::optional<std::int64_t> functional);

}  // namespace interlude::care
