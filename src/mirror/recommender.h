// Recommender: which coping exercises to suggest now. Each exercise's chance of helping this
// person is a Beta-Bernoulli model: a prior from how well the exercise fits the moment
// (current emotions, themes, time of day, distress), updated by the person's own "did this
// help?" answers; suggestions are drawn by Thompson sampling, so a new exercise still gets
// tried and one that keeps helping rises. Each suggestion says why it was chosen.
//
// Thread-safety: pure functions; the random source is the caller's.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "mirror/exercises.h"
#include "text/analysis.h"

namespace interlude::mirror {

// What is known of the moment. All optional: an empty moment gives general suggestions.
struct Moment {
  std::vector<text::EmotionScore> emotions;  // e.g. from the latest entry or message
  std::vector<text::ThemeScore> themes;
  int hour = -1;            // local hour of day 0..23, or -1 when unknown
  bool high_distress = false;  // e.g. a safety tier of moderate or more, or very low mood
};

// The person's answers for one exercise.
struct ExerciseOutcomes {
  int helped = 0;
  int not_helped = 0;
};

struct Suggestion {
  std::string id;
  double sampled = 0;  // the Thompson draw that ranked it
  double expected = 0; // the posterior mean
  // Why, in plain words: "It suits feeling anxious." "It helped you 3 of the 4 times you
  // tried it." "Something new to try."
  std::vector<std::string> reasons;
};

// Up to `count` suggestions, best first, drawn with `seed`. Exercises with cautions are not
// excluded (the cautions are shown), but crisis-survival exercises lead when high_distress.
std::vector<Suggestion> Recommend(const ExerciseLibrary& library, const Moment& moment,
                                  const std::map<std::string, ExerciseOutcomes>& outcomes,
                                  std::uint64_t seed, size_t count = 3);

}  // namespace interlude::mirror
