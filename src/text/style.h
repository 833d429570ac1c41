// Style profile: how someone writes rather than what — the nine Language Style Matching
// categories as rates per 100 words, plus register markers (sentence and word length,
// contractions, casing, emoji, exclamations, questions, first person, formality) — and the
// LSM score between two texts (../shared/CLINICAL.md §7.1).
//
// Thread-safety: StyleAnalyzer is immutable after Load; safe to share.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "base/status.h"
#include "text/analysis.h"

namespace interlude::text {

class StyleAnalyzer {
 public:
  // Reads data/text/function_words.txt under `data_root`. NotFound or InvalidArgument
  // (naming the line) when the file is missing or malformed.
  static Result<std::unique_ptr<StyleAnalyzer>> Load(const std::string& data_root);

  StyleProfile Analyze(const Document& doc) const;

  // True for a word in any function-word category (a stopword for key phrases).
  bool IsFunctionWord(const std::string& base) const { return categories_.count(base) > 0; }

 private:
  StyleAnalyzer() = default;
  // Bit set of categories per word (see style.cc for the bit order).
  std::unordered_map<std::string, std::uint32_t> categories_;
};

// LSM = mean over the nine categories of 1 - |p1 - p2| / (p1 + p2 + 0.0001); 0..1, 1 means
// the same proportions. Untrustworthy under about 50 words per text (§7.3).
double LsmScore(const StyleProfile& a, const StyleProfile& b);

}  // namespace interlude::text
