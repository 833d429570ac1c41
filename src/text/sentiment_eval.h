// Sentiment evaluation against the four human-rated VADER corpora (Hutto & Gilbert 2014)
// in ../shared/data/vader: agreement with the reference Python compound scores, Pearson r
// against the mean human rating, and weighted 3-class F1 (neutral band +-0.05 on the
// compound and on mean/4), for each mode, beside the reference's own figures.
//
// Thread-safety: pure functions over their arguments (reads files; no shared state).
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "text/sentiment.h"

namespace interlude::text {

// One corpus joined with the reference scores, in file order.
struct VaderCorpus {
  std::string name;                // "tweets", "movieReviewSnippets", ...
  std::vector<std::string> texts;
  std::vector<double> gold;        // mean human rating, -4..4
  std::vector<double> reference;   // the reference Python compound score
};

// The corpus names, in the order of the README's table.
const std::vector<std::string>& VaderCorpusNames();

// Reads `<shared>/vader/<name>_GroundTruth.txt` and
// `<shared>/vader/reference_scores/<name>_vader_py_scores.tsv`. NotFound when either file
// is missing; DataLoss when a line cannot be parsed or the two files disagree on ids.
Result<VaderCorpus> LoadVaderCorpus(const std::string& shared_data_dir, const std::string& name);

struct SentimentFigures {
  size_t sentences = 0;
  double agreement = 0;  // share of compounds within 0.001 of the reference
  double pearson = 0;    // vs the mean human rating
  double f1 = 0;         // weighted 3-class F1
};

// "positive" (>= 0.05), "negative" (<= -0.05) or "neutral", for a -1..1 score.
std::string_view PolarityLabel(double score);

// Scores every sentence of `corpus` in `mode`.
SentimentFigures EvaluateCorpus(const SentimentAnalyzer& analyzer, const VaderCorpus& corpus,
                                SentimentMode mode);
// The same figures for the reference's own scores (agreement 1).
SentimentFigures ReferenceFigures(const VaderCorpus& corpus);

// Prints, per corpus and mode, agreement, Pearson r and weighted F1 beside the reference's.
// NotFound when the VADER data is not under `shared_data_dir`.
Status EvaluateSentiment(const SentimentAnalyzer& analyzer, const std::string& shared_data_dir,
                         std::ostream& out);

}  // namespace interlude::text
