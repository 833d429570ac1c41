// NHS Talking Therapies (formerly IAPT) outcome rules over the PHQ-9 (depression) and the
// GAD-7 (anxiety), comparing each measure's first score with its latest (CLINICAL.md §4):
//   caseness: PHQ-9 >= 10 and/or GAD-7 >= 8;
//   recovery: a case at the first measurement and below caseness on both measures now;
//   reliable improvement: PHQ-9 down >= 6 and/or GAD-7 down >= 4;
//   reliable recovery: recovery and reliable improvement;
//   reliable deterioration: PHQ-9 up >= 6 and/or GAD-7 up >= 4.
// Tie-break (NHS Digital, NOT verified against the current manual): reliable improvement
// requires that neither measure reliably deteriorated, and reliable deterioration that
// neither reliably improved. We apply it, and say so in the explanation when it decides;
// the per-questionnaire change still shows each measure's own movement.
// Outside a service these rules describe a course of self-monitoring, not a treatment
// episode: the "first" score is the person's first in Interlude. When only one measure has
// been answered, the rules run on that one and the explanation says so. Recovery and
// reliable recovery are false for a person who was not a case at the start (the rules only
// apply to cases).
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>

namespace interlude::care {

// First and latest totals of one measure (both set, or neither; equal after one score).
struct MeasurePair {
  std::optional<int> first;
  std::optional<int> last;
  int count = 0;  // how many scores the person has on this measure
};

struct Outcomes {
  bool caseness_first = false;
  bool caseness_now = false;
  bool recovery = false;
  bool reliable_improvement = false;
  bool reliable_recovery = false;
  bool reliable_deterioration = false;
  std::string explanation;
};

// Thresholds of NHS Talking Therapies; these are the service's rules, not instrument facts.
inline constexpr int kPhq9Caseness = 10;
inline constexpr int kGad7Caseness = 8;
inline constexpr int kPhq9ReliableChange = 6;
inline constexpr int kGad7ReliableChange = 4;

// Null unless at least one measure has two or more scores (a first and a later one).
std::optional<Outcomes> ComputeOutcomes(const MeasurePair& phq9, const MeasurePair& gad7);

}  // namespace interlude::care
