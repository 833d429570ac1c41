// NHS Talking Therapies outcomes (outcomes.h).
#include "care/outcomes.h"

namespace interlude::care {
namespace {

struct Measure {
  bool present = false;
  bool case_first = false;
  bool case_now = false;
  bool improved = false;
  bool deteriorated = false;
};

Measure Judge(const MeasurePair& p, int caseness, int reliable) {
  Measure m;
  if (!p.first || !p.last) return m;
  m.present = true;
  m.case_first = *p.first >= caseness;
  m.case_now = *p.last >= caseness;
  m.improved = *p.first - *p.last >= reliable;
  m.deteriorated = *p.last - *p.first >= reliable;
  return m;
}

}  // namespace

std::optional<Outcomes> ComputeOutcomes(const MeasurePair& phq9, const MeasurePair& gad7) {
  if (phq9.count < 2 && gad7.count < 2) return std::nullopt;
  const Measure d = Judge(phq9, kPhq9Caseness, kPhq9ReliableChange);
  const Measure a = Judge(gad7, kGad7Caseness, kGad7ReliableChange);
  Outcomes o;
  o.caseness_first = d.case_first || a.case_first;
  o.caseness_now = d.case_now || a.case_now;
  o.recovery = o.caseness_first && !o.caseness_now;
  const bool any_improved = d.improved || a.improved;
  const bool any_deteriorated = d.deteriorated || a.deteriorated;
  o.reliable_improvement = any_improved && !any_deteriorated;
  o.reliable_deterioration = any_deteriorated && !any_improved;
  o.reliable_recovery = o.recovery && o.reliable_improvement;

  std::string text;
  if (!o.caseness_first) {
    text = "At the first questionnaires the scores were below the clinical cut-offs (PHQ-9 10, GAD-7 8), "
           "so recovery does not apply";
  } else if (o.reliable_recovery) {
    text = "Scores started at or above a clinical cut-off, are now below both and fell by more than "
           "measurement error: reliable recovery";
  } else if (o.recovery) {
    text = "Scores started at or above a clinical cut-off and are now below both (recovery), but the fall "
           "is not yet beyond measurement error";
  } else {
    text = "Scores started at or above a clinical cut-off and at least one is still there";
  }
  if (o.reliable_improvement && !o.reliable_recovery) text += "; there is reliable improvement";
  if (o.reliable_deterioration) text += "; there is reliable deterioration";
  if (any_improved && any_deteriorated) {
    text += "; one measure reliably improved while the other reliably worsened, so neither reliable "
            "improvement nor reliable deterioration is counted";
  }
  if (!d.present || !a.present) {
    text += std::string("; only the ") + (d.present ? "PHQ-9" : "GAD-7") +
            " has been answered, so the rules use it alone";
  }
  o.explanation = text + ".";
  return o;
}

}  // namespace interlude::care
