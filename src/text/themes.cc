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
  // Per-thread scratch reused between calls (released after a very long text).
  thread_local std::vector<LexiconHit> hits;
  thread_local std::vector<double> remaining;
  thread_local std::vector<std::vector<Span>> evidence;
  thread_local std::vector<size_t> order;  // themes in order of first mention
  struct Release {
    ~Release() {
      if (hits.capacity() > 4096) hits = {};
    }
  } release;
  const TokenWords words(doc, lexicon_.vocabulary());
  lexicon_.Match(doc, words, nullptr, &hits);
  std::vector<ThemeScore> out;
  if (hits.empty()) return out;
  const size_t n = lexicon_.labels().size();
  remaining.assign(n, 1.0);
  evidence.resize(n);
  for (std::vector<Span>& e : evidence) e.clear();
  order.clear();
  for (const LexiconHit& hit : hits) {
    const auto idx = static_cast<size_t>(hit.label);
    if (evidence[idx].empty()) order.push_back(idx);
    remaining[idx] *= 1 - hit.weight;
    evidence[idx].push_back({doc.tokens[hit.first].span.begin, doc.tokens[hit.end - 1].span.end});
  }
  for (const size_t idx : order) {
    const double weight = 1 - remaining[idx];
    if (weight + 1e-9 < kReportAt) continue;
    out.push_back({lexicon_.labels()[idx], std::min(weight, 1.0), evidence[idx]});
  }
  // Strongest first, equal weights in order of first mention (what std::stable_sort gives,
  // without its buffer).
  for (size_t i = 1; i < out.size(); ++i) {
    ThemeScore moving = std::move(out[i]);
    size_t j = i;
    for (; j > 0 && moving.weight > out[j - 1].weight; --j) out[j] = std::move(out[j - 1]);
    out[j] = std::move(moving);
  }
  return out;
}

}  // namespace interlude::text
