// SD, MSSD and RMSSD, and what they mean in words.
#include "care/mood_variability.h"

#include <cmath>

#include "care/mood_stats.h"
#include "care/mood_words.h"

namespace interlude::care {

Variability ComputeVariability(std::span<const double> values) {
  Variability v;
  v.n = static_cast<int>(values.size());
  if (v.n < kVariabilityMinCheckins) {
    v.reading =
        "Not enough check-ins yet to describe how much your mood moves: it needs at "
        "least " +
        std::to_string(kVariabilityMinCheckins) + " (so far " + std::to_string(v.n) + ").";
    return v;
  }
  v.sufficient = true;
  Moments m;
  double sq = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    m.Add(values[i]);
    if (i > 0) sq += (values[i] - values[i - 1]) * (values[i] - values[i - 1]);
  }
  v.sd = std::sqrt(m.Variance());
  v.mssd = sq / static_cast<double>(values.size() - 1);
  v.rmssd = std::sqrt(v.mssd);
  std::string character;
  if (v.rmssd < kSteadyRmssd) {
    character = "fairly steady from one check-in to the next";
  } else if (v.rmssd < kSwingRmssd) {
    character = "moving by a point or so between check-ins";
  } else {
    character = "shifting quite a lot between check-ins";
  }
  v.reading = "Your mood has been " + character + ": on average it changed by about " +
              OneDecimal(v.rmssd) +
              " points from one check-in to the next, and usually stayed within about " +
              OneDecimal(v.sd) + " points of its usual level.";
  return v;
}

}  // namespace interlude::care
