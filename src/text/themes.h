// ThemeAnalyzer: what a text is about (work, school, family, partner, friends, health,
// sleep, money, ...; the full list is docs/emotions.md and data/text/themes.txt), multi-label,
// each theme with a weight in 0..1 and the spans of the words that point to it. Hits of one
// theme combine as a noisy-or; a theme is reported when its weight reaches kReportAt, so one
// ambiguous word ("meeting", "test") is not enough on its own. Negation is deliberately
// ignored: "no work today" is still about work. Words are matched by their ids in a
// Vocabulary (text/vocabulary.h), shared with the other analysers when loaded together.
//
// Thread-safety: immutable after Load(); Analyze() is safe from many threads.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "text/analysis.h"
#include "text/document.h"
#include "text/emotion_lexicon.h"
#include "text/vocabulary.h"

namespace interlude::text {

class ThemeAnalyzer {
 public:
  // Reads data_root/text/themes.txt. NotFound when it is missing; InvalidArgument naming
  // the line for a malformed entry.
  static Result<std::unique_ptr<ThemeAnalyzer>> Load(const std::string& data_root);
  // The same, adding its words to `vocabulary` (shared with other analysers; loading only).
  static Result<std::unique_ptr<ThemeAnalyzer>> Load(const std::string& data_root,
                                                     std::shared_ptr<Vocabulary> vocabulary);

  // The themes found, strongest first (ties in order of first mention).
  std::vector<ThemeScore> Analyze(const Document& doc) const;

  // Every theme name the lexicon knows, in file order.
  const std::vector<std::string>& Themes() const { return lexicon_.labels(); }

  static constexpr double kReportAt = 0.3;

 private:
  ThemeAnalyzer() = default;
  std::shared_ptr<const Vocabulary> vocabulary_;
  PhraseLexicon lexicon_;
};

}  // namespace interlude::text
