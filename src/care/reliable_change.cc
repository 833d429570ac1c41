// Reliable change (reliable_change.h).
#include "care/reliable_change.h"

#include <cmath>
#include <cstdio>

namespace interlude::care {
namespace {

constexpr double kCritical = 1.96;  // two-tailed p < .05 (Jacobson & Truax 1991)

std::string Points(int n) {
  n = std::abs(n);
  return std::to_string(n) + (n == 1 ? " point" : " points");
}

std::string Fixed2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

std::string_view ReliableName(Reliable r) {
  switch (r) {
    case Reliable::kNone: return "none";
    case Reliable::kImprovement: return "improvement";
    case Reliable::kDeterioration: return "deterioration";
  }
  return "none";
}

std::string_view ClassificationName(Classification c) {
  switch (c) {
    case Classification::kUnchanged: return "unchanged";
    case Classification::kImproved: return "improved";
    case Classification::kRecovered: return "recovered";
    case Classification::kDeteriorated: return "deteriorated";
  }
  return "unchanged";
}

Change ComputeChange(const Instrument& in, int previous_total, int total) {
  Change c;
  c.previous_total = previous_total;
  c.total = total;
  c.delta = total - previous_total;
  const bool lower_better = in.direction == Direction::kLowerIsBetter;
  const int better_sign = lower_better ? -1 : 1;  // the sign of an improvement
  bool reliable = false;
  std::string criterion;
  if (in.rci) {
    const double rc = c.delta / in.rci->StandardErrorOfDifference();
    c.rci = std::round(rc * 100.0) / 100.0;
    reliable = std::abs(rc) > kCritical;
    criterion = "the reliable change index is " + Fixed2(*c.rci) + (reliable ? ", beyond" : ", within") +
                " the ±1.96 expected from measurement error alone";
  } else if (in.reliable_change) {
    reliable = std::abs(c.delta) >= *in.reliable_change;
    criterion = std::string(reliable ? "at least" : "less than") + " the " +
                Points(*in.reliable_change) + " needed for reliable change";
  }
  if (reliable) {
    c.reliable = (c.delta * better_sign > 0) ? Reliable::kImprovement : Reliable::kDeterioration;
  }
  const std::string moved = c.delta == 0 ? "stayed at " + std::to_string(total)
                            : std::string(c.delta < 0 ? "fell " : "rose ") + Points(c.delta) + " from " +
                                  std::to_string(previous_total) + " to " + std::to_string(total);
  if (c.reliable == Reliable::kImprovement) {
    const bool crossed = in.IsCase(previous_total) && !in.IsCase(total);
    c.classification = crossed ? Classification::kRecovered : Classification::kImproved;
    c.explanation = "The " + in.name + " score " + moved + ": " + criterion + ", so this is a reliable improvement" +
                    (crossed ? " that also crossed the clinical cut-off (recovered)." : ".");
  } else if (c.reliable == Reliable::kDeterioration) {
    c.classification = Classification::kDeteriorated;
    c.explanation = "The " + in.name + " score " + moved + ": " + criterion + ", so this is a reliable worsening.";
  } else if (criterion.empty()) {
    c.explanation = "The " + in.name + " score " + moved + ". This short screen has no reliable-change criterion; "
                    "the full questionnaire tells real change from noise.";
  } else {
    c.explanation = "The " + in.name + " score " + moved + ": " + criterion +
                    ", so it may be ordinary variation rather than real change.";
  }
  return c;
}

}  // namespace interlude::care
