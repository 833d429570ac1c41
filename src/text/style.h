// Style profile: how someone writes rather than what — the nine Language Style Matching
// categories as rates per 100 words, plus register markers (sentence and word length,
// contractions, casing, emoji, exclamations, questions, first person, formality) — and the
// LSM score between two texts (../shared/CLINICAL.md §7.1).
//
// Function words are looked up by their ids in a Vocabulary (text/vocabulary.h), shared with
// the other analysers when the Analyzer loads them together.
//
// Thread-safety: StyleAnalyzer is immutable after Load; safe to share.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "base/status.h"
#include "text/analysis.h"
#include "text/vocabulary.h"

namespace interlude::text {

class StyleAnalyzer {
 public:
  // Reads data/text/function_words.txt under `data_root`. NotFound or InvalidArgument
  // (naming the line) when the file is missing or malformed.
  static Result<std::unique_ptr<StyleAnalyzer>> Load(const std::string& data_root);
  // The same, adding its words to `vocabulary` (shared with other analysers; loading only).
  static Result<std::unique_ptr<StyleAnalyzer>> Load(const std::string& data_root,
                                                     std::shared_ptr<Vocabulary> vocabulary);

  StyleProfile Analyze(const Document& doc) const;

  // True for a word in any function-word category (a stopword for key phrases).
  bool IsFunctionWord(const std::string& base) const {
    return categories_.At(vocabulary_->Find(base)) != 0;
  }
  // The same for a word id of vocabulary().
  bool IsFunctionWord(int32_t word) const { return categories_.At(word) != 0; }

  const Vocabulary& vocabulary() const { return *vocabulary_; }

 private:
  StyleAnalyzer() = default;
  std::shared_ptr<const Vocabulary> vocabulary_;
  // Bit set of categories per word id (see style.cc for the bit order); 0 for other words.
  WordTable<std::uint32_t> categories_;
};

// LSM = mean over the nine categories of 1 - |p1 - p2| / (p1 + p2 + 0.0001); 0..1, 1 means
// the same proportions. Untrustworthy under about 50 words per text (§7.3).
double LsmScore(const StyleProfile& a, const StyleProfile& b);

}  // namespace interlude::text
