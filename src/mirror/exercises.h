// ExerciseLibrary: the coping exercises (../shared/CLINICAL.md §13) as data
// (data/coping/exercises.txt): steps, duration, evidence family, the emotions, themes and
// times of day each suits, and cautions (for example TIPP's cold water).
//
// Thread-safety: immutable after Load; safe to share.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"

namespace interlude::mirror {

struct Exercise {
  std::string id;        // snake_case, stable: "paced_breathing"
  std::string title;     // "Slow breathing"
  std::string summary;   // one sentence
  std::vector<std::string> steps;
  int minutes = 0;       // typical duration
  std::string evidence;  // evidence family and note, from CLINICAL.md §13
  std::string source;    // the §13 strategy it comes from ("Paced / slow breathing")
  // How the web presents it: "breathing" (paced guide), "grounding" (5-4-3-2-1),
  // "thought_record" (wizard), "activity_planner" (behavioural activation), "steps" (plain).
  std::string kind = "steps";
  std::vector<std::string> emotions;  // text::EmotionName names it suits
  std::vector<std::string> themes;    // theme names it suits (data/text/themes.txt)
  std::vector<std::string> times;     // "morning", "day", "evening", "night"; empty = any
  std::vector<std::string> cautions;  // shown before starting
  bool for_crisis = false;            // suitable when distress is high (crisis survival)
};

class ExerciseLibrary {
 public:
  // Reads data_root/coping/exercises.txt. NotFound when missing; InvalidArgument naming
  // the line for a malformed record, an unknown emotion or kind, or a duplicate id.
  static Result<std::unique_ptr<ExerciseLibrary>> Load(const std::string& data_root);

  const std::vector<Exercise>& all() const { return exercises_; }
  // Null when there is no exercise with that id.
  const Exercise* Find(std::string_view id) const;

 private:
  ExerciseLibrary() = default;
  std::vector<Exercise> exercises_;
};

}  // namespace interlude::mirror
