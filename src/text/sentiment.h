// SentimentAnalyzer: VADER valence scoring (Hutto & Gilbert 2014) over the lexicon that the
// npm package `vader-sentiment` ships, in two modes:
//   kCompat  — the reference Python implementation (vaderSentiment 3.3.1), quirks included;
//              its compound score agrees with the reference to 0.001 on the four VADER
//              corpora (see sentiment_eval.h).
//   kJournal — the default: the same word rules, corrected for first-person, multi-sentence
//              writing (curly apostrophes, contrast by position and beyond "but" — "however",
//              "although", "though", "yet" —, scores per sentence averaged by length).
//
// Thread-safety: Load builds an immutable analyzer; Score is const and safe to call from
// any number of threads at once (each thread reuses its own scratch buffers).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "text/analysis.h"

namespace interlude::text {

namespace vader {
class VaderLexicon;
}  // namespace vader

enum class SentimentMode { kCompat, kJournal };

// "compat" / "journal".
std::string_view SentimentModeName(SentimentMode mode);

class SentimentAnalyzer {
 public:
  // Reads the VADER lexicon (and, if it lies beside it, the reference's emoji description
  // file `emoji_utf8_lexicon.txt`). FailedPrecondition naming `make setup` when the lexicon
  // is missing; DataLoss when the file holds no entries.
  static Result<std::unique_ptr<SentimentAnalyzer>> Load(const std::string& lexicon_path);

  // Where `make setup` installs the lexicon under the repository's data folder
  // (`<data_root>/node_modules/vader-sentiment/vader_lexicon.txt`).
  static std::string DefaultLexiconPath(const std::string& data_root);

  ~SentimentAnalyzer();
  SentimentAnalyzer(const SentimentAnalyzer&) = delete;
  SentimentAnalyzer& operator=(const SentimentAnalyzer&) = delete;

  // Scores any bytes: never fails. Empty text, text with no words and text with no
  // sentiment give compound 0 (proportions all 0 for no words). Invalid UTF-8 bytes are
  // treated as letters of no known word. In compat mode the figures are rounded as the
  // reference rounds them (compound to 4 places, proportions to 3).
  Sentiment Score(std::string_view text, SentimentMode mode = SentimentMode::kJournal) const;

  // The number of entries read from the lexicon file.
  size_t lexicon_size() const;
  // True when emoji descriptions were found beside the lexicon.
  bool has_emoji_descriptions() const;

 private:
  explicit SentimentAnalyzer(std::unique_ptr<vader::VaderLexicon> lexicon);
  std::unique_ptr<vader::VaderLexicon> lexicon_;
};

}  // namespace interlude::text
