// Change between two scores of the same instrument, Jacobson & Truax 1991 (CLINICAL.md §5):
//   RC = (x_post - x_pre) / S_diff,  S_diff = sqrt(2) x SEm,  SEm = SD x sqrt(1 - r);
//   |RC| > 1.96 is reliable change (p < .05); its sign, with the instrument's direction, says
//   improvement or deterioration.
// Instruments whose data file gives no Jacobson-Truax constants but a fixed reliable-change
// criterion (GAD-7: 4 points, NHS Talking Therapies) are judged by that criterion and report
// no RC index; instruments with neither (PHQ-2, GAD-2) never report reliable change.
// Classification (§5.3): recovered = reliable improvement that also crossed the caseness
// cut-off (a case before, not a case now); improved = reliable improvement otherwise;
// deteriorated = reliable worsening; unchanged = no reliable change.
// Each result carries one plain sentence saying what it means.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>

#include "care/instrument.h"

namespace interlude::care {

enum class Reliable { kNone, kImprovement, kDeterioration };
enum class Classification { kUnchanged, kImproved, kRecovered, kDeteriorated };

std::string_view ReliableName(Reliable r);              // "none", "improvement", "deterioration"
std::string_view ClassificationName(Classification c);  // "unchanged", "improved", ...

struct Change {
  int previous_total = 0;
  int total = 0;
  int delta = 0;              // total - previous_total
  std::optional<double> rci;  // rounded to 2 decimals; absent without J-T constants
  Reliable reliable = Reliable::kNone;
  Classification classification = Classification::kUnchanged;
  std::string explanation;
};

// The change from `previous_total` to `total` (both within 0..MaxTotal()).
Change ComputeChange(const Instrument& instrument, int previous_total, int total);

}  // namespace interlude::care
