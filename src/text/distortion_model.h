// DistortionModel: a small learned component beside the authored distortion rules. A
// logistic regression over the engine's own features of a text — lower-cased word unigrams
// and bigrams (Token::base, word tokens of one sentence), the types of the typed findings
// (DistortionAnalyzer) and the rule ids and leans of the possible-distortion cues
// (PossibleDistortionDetector) — each feature counted once per text (binary presence). Its
// weights and decision threshold live in the readable file data/text/distortion_model.txt,
// written by `interlude train-distortions` (src/text/distortion_training.h) from the Babacan
// set; docs/distortions.md has the method, the evaluation protocol and the figures.
//
// At analysis time the model sets DistortionSignal::model_probability and model_evidence
// (the words with the largest positive contributions) and turns the signal on when the
// probability reaches the stored threshold. Cost: one id lookup per word token (a table
// index when the Document was interned with the shared Vocabulary, else one hash of the
// base; the unigram, negated-word and negator flags are indexed by it) plus one
// integer-keyed lookup per adjacent word pair.
//
// Thread-safety: Load/FromText build an immutable model (ShareVocabulary only while
// loading); Predict and Apply are const and keep no state, so one model may be shared by
// any number of threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/status.h"
#include "text/analysis.h"
#include "text/document.h"
#include "text/vocabulary.h"
#include "text/word_index.h"

namespace interlude::text {

// At most this many evidence spans per prediction.
inline constexpr size_t kModelEvidenceSpans = 3;

// The features of a text spelled as in the model file, each once, in first-seen order:
// "w WORD", "b WORD1 WORD2", "n WORD" (a word after a negator such as "not", "never",
// "don't" in the same clause: up to punctuation or "but", "however", "though", "although",
// "yet"), "t TYPE", "c CUE_RULE", "l LEAN". Training uses this; the
// model computes the same set with ids (tests check both agree).
std::vector<std::string> DistortionFeatureNames(const Document& doc,
                                                const std::vector<DistortionFinding>& findings,
                                                const DistortionSignal& signal);

struct ModelPrediction {
  double probability = 0;
  size_t words = 0;            // word tokens of the text (picks the threshold)
  std::vector<Span> evidence;  // strongest positive word/bigram contributions, text order
};

class DistortionModel {
 public:
  // Reads `data_root`/text/distortion_model.txt. NotFound if missing; InvalidArgument naming
  // the line for a malformed line, a missing threshold or bias, or a duplicate feature.
  static Result<std::unique_ptr<DistortionModel>> Load(const std::string& data_root);
  // Parses the file format; `origin` names the source in errors.
  static Result<std::unique_ptr<DistortionModel>> FromText(std::string_view text,
                                                           const std::string& origin);

  // The probability that `doc` holds a distortion, given the typed findings and the cue
  // signal computed for it, with the evidence behind it. Never fails.
  ModelPrediction Predict(const Document& doc, const std::vector<DistortionFinding>& findings,
                          const DistortionSignal& signal) const;

  // Predict, then stores probability and evidence in `signal` and decides signal->present:
  // where CuesDecide(words) it is set when the probability reaches ThresholdFor(words) and
  // the cues' verdict is kept otherwise; elsewhere the model alone decides (the cues entered
  // it as features, so in a long text a cue the model has learned to distrust there no
  // longer turns the signal on by itself).
  void Apply(const Document& doc, const std::vector<DistortionFinding>& findings,
             DistortionSignal* signal) const;

  double threshold() const { return threshold_; }
  // The threshold for a text of `words` word tokens: long_threshold for texts of
  // long_text_words or more when the file has a 'long_threshold' line, else threshold().
  double ThresholdFor(size_t words) const {
    return long_text_words_ > 0 && words >= long_text_words_ ? long_threshold_ : threshold_;
  }
  double long_threshold() const { return long_threshold_; }
  size_t long_text_words() const { return long_text_words_; }
  size_t weight_count() const { return weight_count_; }
  // May the cues alone turn the signal on in a text of `words` word tokens? Yes under the
  // file's 'cues_decide_under WORDS' line (every text when the file has none).
  bool CuesDecide(size_t words) const { return words < cues_decide_under_; }
  size_t cues_decide_under() const { return cues_decide_under_; }

  // Maps the shared vocabulary's ids to the model's words, so that interned Documents are
  // scored without hashing (speed only; loading only).
  void ShareVocabulary(Vocabulary* shared);

 private:
  DistortionModel() = default;
  int32_t WordOf(const Document& doc, const Token& t) const;

  double threshold_ = 0.5;
  double long_threshold_ = 0.5;
  size_t long_text_words_ = 0;  // 0: one threshold
  size_t cues_decide_under_ = SIZE_MAX;  // 'cues_decide_under' line (default: always)
  double bias_ = 0;
  size_t weight_count_ = 0;
  float BigramWeight(uint64_t key) const;
  void AddBigram(uint64_t key, float weight);

  WordIndex words_;                                   // every word of a unigram or bigram
  std::vector<float> unigram_;                        // by word index
  std::vector<float> negated_;                        // "n WORD" by word index
  std::vector<uint8_t> flags_;                        // negator / scope end, by word index
  // Open addressing on (first << 32) | second, load <= 1/2; kEmpty marks a free slot.
  std::vector<std::pair<uint64_t, float>> bigram_;
  size_t bigram_count_ = 0;
  std::vector<float> type_;                           // "t TYPE" by Distortion
  std::vector<float> lean_;                           // "l LEAN" by Distortion
  std::unordered_map<std::string, float> cue_;        // "c RULE" by rule id
  const Vocabulary* shared_ = nullptr;
  WordTable<int32_t> shared_words_;                   // shared id -> word index + 1
};

}  // namespace interlude::text
