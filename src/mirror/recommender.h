// Recommender: which coping exercises to suggest now. Each exercise's chance of helping this
// person is a Beta-Bernoulli model: a prior from how well the exercise fits the moment
// (current emotions, themes, time of day, distress), updated by the person's own "did this
// help?" answers; suggestions are drawn by Thompson sampling, so a new exercise still gets
// tried and one that keeps helping rises. Each suggestion says why it was chosen.
// The draw is from a tempered posterior, Beta(6a, 6b): same mean, less spread, so among ~28
// exercises the one that helps is settled on sooner. docs/coping.md gives the prior formula,
// the sampler and the learning-test figures.
//
// Thread-safety: pure functions; the random source is the caller's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "mirror/exercises.h"
#include "text/analysis.h"

namespace interlude::mirror {

// What is known of the moment. All optional: an empty moment gives general suggestions.
struct Moment {
  std::vector<text::EmotionScore> emotions;  // e.g. from the latest entry or message
  std::vector<text::ThemeScore> themes;
  int hour = -1;               // local hour of day 0..23, or -1 when unknown
  bool high_distress = false;  // e.g. a safety tier of moderate or more, or very low mood
};

// The person's answers for one exercise.
struct ExerciseOutcomes {
  int helped = 0;
  int not_helped = 0;
};

struct Suggestion {
  std::string id;
  double sampled = 0;   // the (tempered) Thompson draw that ranked it
  double expected = 0;  // the posterior mean
  // Why, in plain words: "It suits feeling anxious." "It helped you 3 of the 4 times you
  // tried it." "Something new to try."
  std::vector<std::string> reasons;
};

// Up to `count` suggestions, best first, drawn with `seed`. Exercises with cautions are not
// excluded (the cautions are shown), but crisis-survival exercises lead when high_distress.
// The same library, moment, outcomes and seed give the same suggestions: the sampler is our
// own (splitmix64 bits, no <random> distributions), so g++ and clang builds agree; only a
// last-bit difference in another libm's log/cos/pow could, rarely, change a draw. Outcomes
// for ids not in the library are ignored; negative counts count as 0.
std::vector<Suggestion> Recommend(const ExerciseLibrary& library, const Moment& moment,
                                  const std::map<std::string, ExerciseOutcomes>& outcomes,
                                  std::uint64_t seed, size_t count = 3);

// The prior Beta(a, b) for one exercise in this moment, before the person's answers: its
// mean grows with how well the exercise fits the moment, its strength (a + b) stays small so
// a few answers outweigh it. Exposed for tests and docs/coping.md.
struct BetaPrior {
  double a = 1;
  double b = 1;
};
BetaPrior PriorFor(const Exercise& exercise, const Moment& moment);

// "morning" (05-11), "day" (12-16), "evening" (17-21), "night" (22-04), or "" when the hour
// is outside 0..23.
std::string_view TimeOfDay(int hour);

// A Beta(a, b) draw (a, b > 0) from the 64-bit state `rng` (advanced): Gamma variates by
// Marsaglia-Tsang over a splitmix64 stream, normals by Box-Muller. Exposed for tests.
double SampleBeta(double a, double b, std::uint64_t& rng);

}  // namespace interlude::mirror
