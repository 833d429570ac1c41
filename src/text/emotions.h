// EmotionAnalyzer: the twelve emotions of analysis.h (joy, sadness, anger, fear, disgust,
// surprise, shame, loneliness, gratitude, hope, calm, stress), each with an intensity in 0..1
// and the spans of the words that carry it, from the authored lexicon
// data/text/emotions.txt and the modifiers in data/text/intensifiers.txt. Rules:
//   - negation: a negator ("not", "never", "don't", "no", "without", ...) up to four tokens
//     before an emotion word, in the same clause, cancels it; a negated positive emotion
//     becomes a weaker negative one ("not happy" -> sadness, "can't relax" -> stress);
//     a negated negative emotion yields nothing ("not sad" is neither sadness nor joy);
//   - intensity: boosters and dampeners before the word ("very", "so", "a bit"), ALL CAPS,
//     elongation ("sooo sad") and exclamation marks scale the lexicon weight;
//   - several hits of one emotion combine as a noisy-or, so more evidence means more
//     intensity without passing 1.
// PrimaryEkman maps the twelve onto Ekman's six + neutral (docs/emotions.md).
//
// Words are matched by their ids in a Vocabulary (text/vocabulary.h), shared with the other
// analysers when the Analyzer loads them together.
//
// Thread-safety: immutable after Load(); Analyze() and the static functions are safe to
// call from many threads at once.
#pragma once

#include <array>
#include <memory>
#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "text/analysis.h"
#include "text/document.h"
#include "text/emotion_lexicon.h"
#include "text/vocabulary.h"

namespace interlude::text {

class EmotionAnalyzer {
 public:
  // Reads data_root/text/emotions.txt and data_root/text/intensifiers.txt. NotFound when a
  // file is missing; InvalidArgument naming the file and line for a malformed entry.
  static Result<std::unique_ptr<EmotionAnalyzer>> Load(const std::string& data_root);
  // The same, adding its words to `vocabulary` (shared with other analysers; loading only).
  static Result<std::unique_ptr<EmotionAnalyzer>> Load(const std::string& data_root,
                                                       std::shared_ptr<Vocabulary> vocabulary);

  // The emotions found, strongest first (ties in enum order); only those with intensity > 0.
  std::vector<EmotionScore> Analyze(const Document& doc) const;

  // The Ekman family of each emotion (gratitude, hope, calm -> joy; loneliness, shame ->
  // sadness; stress -> fear; the six basic ones -> themselves).
  static Ekman ToEkman(Emotion e);

  // Per Ekman class (indexed by the Ekman enum), the strongest intensity mapped onto it;
  // neutral holds 1 - the strongest overall.
  static std::array<double, 7> EkmanProfile(const std::vector<EmotionScore>& scores);

  // The Ekman class with the strongest mapped intensity, or kNeutral when nothing reaches
  // kNeutralBelow.
  static Ekman PrimaryEkman(const std::vector<EmotionScore>& scores);

  static constexpr double kNeutralBelow = 0.25;

 private:
  EmotionAnalyzer() = default;

  // The product of booster/dampener factors in the few tokens before `first`.
  double Modifier(const Document& doc, const TokenWords& words, size_t first,
                  const std::vector<unsigned char>& consumed) const;
  // The index of a negator governing the token at `first`, or SIZE_MAX.
  size_t Negator(const Document& doc, const TokenWords& words, size_t first,
                 const std::vector<unsigned char>& consumed) const;
  bool IsClauseBreak(const Token& t, int32_t word) const;

  std::shared_ptr<const Vocabulary> vocabulary_;
  PhraseLexicon lexicon_;
  // Intensifier phrases keyed by their last token's word id (intensifier_group_: index + 1
  // into intensifiers_); `before` holds the word ids of the tokens before it, nearest last.
  struct Intensifier {
    std::vector<int32_t> before;
    double factor = 1;
  };
  WordTable<uint32_t> intensifier_group_;
  std::vector<std::vector<Intensifier>> intensifiers_;
  // Per word id: kClauseWord ("but", "though", ...), kSoftener ("only", "just", ...),
  // kNegator (a one-word negator of intensifiers.txt).
  static constexpr uint8_t kClauseWord = 1, kSoftener = 2, kNegator = 4;
  WordTable<uint8_t> word_flags_;
};

}  // namespace interlude::text
