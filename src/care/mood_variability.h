// Mood variability and instability of successive check-ins (CLINICAL.md §9):
//   SD    within-person standard deviation (n − 1), amplitude only, ignores order;
//   MSSD  Σ_{t=1}^{n−1} (x_{t+1} − x_t)² / (n − 1), size of successive changes;
//   RMSSD √MSSD, in scale points.
// Over valence (1–7) of check-ins in time order. Needs at least 10 check-ins; fewer is
// "not enough data yet". Intervals between check-ins are not adjusted for (see
// docs/insights.md: the time-adjusted versions of Jahng et al. are not computed).
//
// Thread-safety: pure functions.
#pragma once

#include <span>
#include <string>

namespace interlude::care {

inline constexpr int kVariabilityMinCheckins = 10;
// Wording bands for RMSSD on the 1–7 scale (descriptive, not clinical norms).
inline constexpr double kSteadyRmssd = 1.0;
inline constexpr double kSwingRmssd = 2.0;

struct Variability {
  bool sufficient = false;
  int n = 0;
  double sd = 0;
  double mssd = 0;
  double rmssd = 0;
  std::string reading;
};

// `values` in time order.
Variability ComputeVariability(std::span<const double> values);

}  // namespace interlude::care
