// ExerciseLibrary: the coping exercises (../shared/CLINICAL.md §13) as data
// (data/coping/exercises.txt): steps, duration, evidence family, the emotions, themes and
// times of day each suits, and cautions (for example TIPP's cold water). The file format is
// described in its header; docs/coping.md lists the exercises.
//
// Thread-safety: immutable after Load; safe to share.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace interlude::mirror {

struct Exercise {
  std::string id;       // snake_case, stable: "paced_breathing"
  std::string title;    // "Slow breathing"
  std::string summary;  // one sentence
  std::vector<std::string> steps;
  int minutes = 0;         // typical duration
  std::string evidence;    // evidence family and note, from CLINICAL.md §13
  std::string source;      // the §13 strategy it comes from ("Paced / slow breathing")
  std::string source_url;  // the §13 source given for that strategy
  // How the web presents it: "breathing" (paced guide), "grounding" (5-4-3-2-1),
  // "thought_record" (wizard), "activity_planner" (behavioural activation), "steps" (plain).
  std::string kind = "steps";
  // For kind "breathing" only (both > 0): seconds in and out, about 6 breaths a minute.
  int inhale_seconds = 0;
  int exhale_seconds = 0;
  int sessions = 1;                   // sittings it is meant to take (expressive writing: 4)
  std::vector<std::string> emotions;  // text::EmotionName names it suits
  std::vector<std::string> themes;    // theme names it suits (data/text/themes.txt)
  std::vector<std::string> times;     // "morning", "day", "evening", "night"; empty = any
  std::vector<std::string> cautions;  // shown before starting
  bool for_crisis = false;            // suitable when distress is high (crisis survival)
  int line = 0;                       // first line of its block in the file, for messages
};

class ExerciseLibrary {
 public:
  // Reads data_root/coping/exercises.txt, checking theme names against
  // data_root/text/themes.txt. NotFound when either is missing; InvalidArgument
  // "path:line: message" for a malformed line, an unknown key, emotion, theme, time or kind,
  // a duplicate id or key, a missing field, an exercise without steps, or an empty file.
  static Result<std::unique_ptr<ExerciseLibrary>> Load(const std::string& data_root);
  // The same from text already read (`path` only names it in messages); `themes` is the set
  // of valid theme names.
  static Result<std::unique_ptr<ExerciseLibrary>> Parse(std::string_view text,
                                                        const std::string& path,
                                                        const std::vector<std::string>& themes);

  // All exercises in file order.
  const std::vector<Exercise>& all() const { return exercises_; }
  // Null when there is no exercise with that id.
  const Exercise* Find(std::string_view id) const;

 private:
  ExerciseLibrary() = default;
  std::vector<Exercise> exercises_;
};

}  // namespace interlude::mirror
