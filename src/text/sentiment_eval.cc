// Sentiment evaluation on the VADER corpora.
//
// Thread-safety: see sentiment_eval.h.
#include "text/sentiment_eval.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <system_error>

#include "text/metrics.h"

namespace interlude::text {
namespace {

bool ParseDouble(std::string_view s, double* out) {
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t pos = 0;
  while (true) {
    const size_t tab = line.find('\t', pos);
    fields.push_back(line.substr(pos, tab == std::string_view::npos ? tab : tab - pos));
    if (tab == std::string_view::npos) break;
    pos = tab + 1;
  }
  return fields;
}

// The README's reference Pearson r per corpus (its own rounding).
double PublishedPearson(const std::string& name) {
  if (name == "tweets") return 0.872;
  if (name == "movieReviewSnippets") return 0.428;
  if (name == "amazonReviewSnippets") return 0.590;
  if (name == "nytEditorialSnippets") return 0.503;
  return 0;
}

SentimentFigures Figures(const std::vector<double>& scores, const VaderCorpus& corpus) {
  SentimentFigures f;
  f.sentences = scores.size();
  size_t agree = 0;
  Confusion confusion;
  for (size_t i = 0; i < scores.size(); ++i) {
    agree += std::fabs(scores[i] - corpus.reference[i]) <= 0.001 + 1e-9;
    confusion.Add(std::string(PolarityLabel(corpus.gold[i] / 4)),
                  std::string(PolarityLabel(scores[i])));
  }
  f.agreement = scores.empty() ? 0 : static_cast<double>(agree) / static_cast<double>(scores.size());
  f.pearson = PearsonR(scores, corpus.gold);
  f.f1 = confusion.WeightedF1();
  return f;
}

}  // namespace

const std::vector<std::string>& VaderCorpusNames() {
  static const std::vector<std::string> kNames = {"tweets", "movieReviewSnippets",
                                                  "amazonReviewSnippets", "nytEditorialSnippets"};
  return kNames;
}

Result<VaderCorpus> LoadVaderCorpus(const std::string& shared_data_dir, const std::string& name) {
  const std::string truth_path = shared_data_dir + "/vader/" + name + "_GroundTruth.txt";
  const std::string scores_path =
      shared_data_dir + "/vader/reference_scores/" + name + "_vader_py_scores.tsv";
  std::ifstream truth(truth_path, std::ios::binary);
  if (!truth) return NotFound("VADER corpus not found: " + truth_path);
  std::ifstream scores(scores_path, std::ios::binary);
  if (!scores) return NotFound("VADER reference scores not found: " + scores_path);

  VaderCorpus corpus;
  corpus.name = name;
  std::vector<std::string> ids;
  std::string line;
  while (std::getline(truth, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const size_t t1 = line.find('\t');
    const size_t t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    double mean = 0;
    if (t2 == std::string::npos ||
        !ParseDouble(std::string_view(line).substr(t1 + 1, t2 - t1 - 1), &mean)) {
      return DataLoss(truth_path + ": cannot parse line " + std::to_string(ids.size() + 1));
    }
    ids.push_back(line.substr(0, t1));
    corpus.gold.push_back(mean);
    corpus.texts.push_back(line.substr(t2 + 1));
  }
  size_t row = 0;
  bool header = true;
  while (std::getline(scores, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (header) {
      header = false;
      continue;
    }
    const std::vector<std::string_view> f = SplitTabs(line);
    double compound = 0;
    if (f.size() < 6 || !ParseDouble(f[5], &compound)) {
      return DataLoss(scores_path + ": cannot parse row " + std::to_string(row + 1));
    }
    if (row >= ids.size() || f[0] != ids[row]) {
      return DataLoss(scores_path + ": row " + std::to_string(row + 1) +
                      " does not match the corpus ids");
    }
    corpus.reference.push_back(compound);
    ++row;
  }
  if (row != ids.size()) return DataLoss(scores_path + ": row count differs from the corpus");
  return corpus;
}

std::string_view PolarityLabel(double score) {
  if (score >= 0.05) return "positive";
  if (score <= -0.05) return "negative";
  return "neutral";
}

SentimentFigures EvaluateCorpus(const SentimentAnalyzer& analyzer, const VaderCorpus& corpus,
                                SentimentMode mode) {
  std::vector<double> scores;
  scores.reserve(corpus.texts.size());
  for (const std::string& text : corpus.texts) scores.push_back(analyzer.Score(text, mode).compound);
  return Figures(scores, corpus);
}

SentimentFigures ReferenceFigures(const VaderCorpus& corpus) {
  return Figures(corpus.reference, corpus);
}

Status EvaluateSentiment(const SentimentAnalyzer& analyzer, const std::string& shared_data_dir,
                         std::ostream& out) {
  char buf[256];
  out << "VADER corpora (Hutto & Gilbert 2014): agreement = share of compounds within 0.001\n"
         "of the reference Python (vaderSentiment 3.3.1); r = Pearson vs the mean human rating;\n"
         "F1 = weighted 3-class F1, neutral band +-0.05 on compound and mean/4.\n";
  std::snprintf(buf, sizeof buf, "%-22s %-8s %6s %9s %7s %7s %7s %7s\n", "corpus", "mode", "n",
                "agreement", "r", "ref r", "F1", "ref F1");
  out << buf;
  for (const std::string& name : VaderCorpusNames()) {
    ASSIGN_OR_RETURN(VaderCorpus corpus, LoadVaderCorpus(shared_data_dir, name));
    const SentimentFigures ref = ReferenceFigures(corpus);
    for (const SentimentMode mode : {SentimentMode::kCompat, SentimentMode::kJournal}) {
      const SentimentFigures f = EvaluateCorpus(analyzer, corpus, mode);
      std::snprintf(buf, sizeof buf, "%-22s %-8s %6zu %8.2f%% %7.4f %7.4f %7.3f %7.3f\n",
                    name.c_str(), std::string(SentimentModeName(mode)).c_str(), f.sentences,
                    100 * f.agreement, f.pearson, ref.pearson, f.f1, ref.f1);
      out << buf;
    }
    std::snprintf(buf, sizeof buf, "%-22s (README reference r %.3f)\n", "",
                  PublishedPearson(name));
    out << buf;
  }
  return OkStatus();
}

}  // namespace interlude::text
