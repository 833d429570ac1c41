// ThemeAnalyzer: lexicon hits combined per theme.
#include "text/themes.h"

#include <algorithm>

namespace interlude::text {

Result<std::unique_ptr<ThemeAnalyzer>> ThemeAnalyzer::Load(const std::string& data_root) {
  return Load(data_root, std::make_shared<Vocabulary>());
}

Result<std::unique_ptr<ThemeAnalyzer>> ThemeAnalyzer::Load(
    const std::string& data_root, std::shared_ptr<Vocabulary> vocabulary) {
  std::unique_ptr<ThemeAnalyzer> a(new ThemeAnalyzer());
  a->vocabulary_ = vocabulary;
  ASSIGN_OR_RETURN(a->lexicon_,
                   PhraseLexicon::Load(data_root + "/text/themes.txt", {}, vocabulary.get()));
  return a;
}

std::vector<ThemeScore> ThemeAnalyzer::Analyze(const Document& doc) const {
  const std::vector<LexiconHit> hits = lexicon_.Match(doc, nullptr);
  std::vector<ThemeScore> out;
  if (hits.empty()) return out;
  const size_t n = lexicon_.labels().size();
  std::vector<double> remaining(n, 1.0);
  std::vector<std::vector<Span>> evidence(n);
  std::vector<size_t> order;  // themes in order of first mention
  for (const LexiconHit& hit : hits) {
    const auto idx = static_cast<size_t>(hit.label);
    if (evidence[idx].empty()) order.push_back(idx);
    remaining[idx] *= 1 - hit.weight;
    evidence[idx].push_back({doc.tokens[hit.first].span.begin, doc.tokens[hit.end - 1].span.end});
  }
  for (const size_t idx : order) {
    const double weight = 1 - remaining[idx];
    if (weight + 1e-9 < kReportAt) continue;
    out.push_back({lexicon_.labels()[idx], std::min(weight, 1.0), std::move(evidence[idx])});
  }
  std::stable_sort(out.begin(), out.end(), [](const ThemeScore& a, const ThemeScore& b) {
    return a.weight > b.weight;
  });
  return out;
}

}  // namespace interlude::text
