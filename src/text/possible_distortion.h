// PossibleDistortionDetector: a recall-oriented, sentence-level "possible distortion" signal
// beside the precise typed findings of DistortionAnalyzer (src/text/distortions.h). Where the
// typed detector names a thinking trap only when the wording is itself the distorted thought
// (it drives "another view" prompts, so it must be precise), this signal says "this sentence
// may hold a distortion" from looser cues: a negative verdict about oneself ("I hate how
// weak I am"), absolutes about self, others or the future ("no one understands"), conclusion
// markers ("so I'm", "it means I"), global negative predictions ("it will never get
// better"), comparisons with others, hopelessness. It is meant for aggregate views (a
// clinician's trend, "thinking traps this week") and for the binary evaluation, never for a
// prompt on its own.
//
// Cues are authored in data/text/possible_distortions.txt in the pattern language of
// distortions.txt (rule ID LEAN WEIGHT elements..., guards, classes, macros; see
// docs/distortions.md). Each cue has a weight; cues of one sentence that lie within
// kCueWindow tokens of each other are combined as 1 - prod(1 - weight) (at most one cue per
// lean per sentence, the heaviest), and a text has the signal when its best group reaches
// kPossibleDistortionThreshold. Weak cues (weight below the threshold) therefore count only
// when a second cue agrees close by.
//
// Thread-safety: Load builds an immutable detector; Analyze is const and keeps no state, so
// one detector may be shared by any number of threads.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "text/analysis.h"
#include "text/document.h"

namespace interlude::text {

class DistortionAnalyzer;
class Vocabulary;

// A group of cues whose combined score reaches this carries the signal.
inline constexpr double kPossibleDistortionThreshold = 0.5;
// Cues combine when at most this many tokens lie between their evidence (same sentence).
inline constexpr size_t kCueWindow = 8;

class PossibleDistortionDetector {
 public:
  // Reads `data_root`/text/possible_distortions.txt. NotFound if the file is missing;
  // InvalidArgument naming the line for a malformed class, macro, rule or guard.
  static Result<std::unique_ptr<PossibleDistortionDetector>> Load(const std::string& data_root);

  // Parses cues from text (the file format); `origin` names the source in errors.
  static Result<std::unique_ptr<PossibleDistortionDetector>> FromText(std::string_view text,
                                                                      const std::string& origin);

  ~PossibleDistortionDetector();

  // The signal for `doc`: the score of its best group of cues (0 when no cue matched),
  // whether it reaches the threshold, and that group's cues in text order (each with the
  // words that matched). Never fails.
  DistortionSignal Analyze(const Document& doc) const;

  size_t cue_count() const;

  // See DistortionAnalyzer::ShareVocabulary (speed only; loading only).
  void ShareVocabulary(Vocabulary* shared);

 private:
  explicit PossibleDistortionDetector(std::unique_ptr<DistortionAnalyzer> cues);
  std::unique_ptr<DistortionAnalyzer> cues_;
};

}  // namespace interlude::text
