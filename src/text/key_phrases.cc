// RAKE-style key phrase extraction over tokens.
#include "text/key_phrases.h"

#include <algorithm>
#include <array>
#include <unordered_map>

namespace interlude::text {
namespace {

// Common verbs and fillers that carry little on their own in journal writing.
constexpr std::array<std::string_view, 28> kExtraStopwords = {
    "feel", "felt", "feeling", "get", "got", "getting", "go", "went", "going", "make", "made",
    "think", "thought", "know", "knew", "want", "wanted", "like", "day", "today", "things",
    "thing", "lot", "bit", "ok", "okay", "yeah", "really"};

struct Candidate {
  size_t first = 0;  // token indexes [first, end)
  size_t end = 0;
  double score = 0;
};

}  // namespace

std::vector<std::string> KeyPhrases(const Document& doc, const StyleAnalyzer& style,
                                    size_t max_phrases) {
  const auto is_stop = [&](const Token& t) {
    return t.kind != TokenKind::kWord || style.IsFunctionWord(t.base) ||
           std::find(kExtraStopwords.begin(), kExtraStopwords.end(), t.base) != kExtraStopwords.end();
  };
  std::vector<Candidate> candidates;
  for (const Sentence& s : doc.sentences) {
    size_t i = s.first_token;
    while (i < s.end_token) {
      while (i < s.end_token && is_stop(doc.tokens[i])) ++i;
      const size_t start = i;
      while (i < s.end_token && !is_stop(doc.tokens[i]) && i - start < 4) ++i;
      if (i > start) candidates.push_back({start, i, 0});
    }
  }
  // Word scores: degree (co-occurrence within phrases, including itself) over frequency.
  std::unordered_map<std::string, double> frequency, degree;
  for (const Candidate& c : candidates) {
    for (size_t i = c.first; i < c.end; ++i) {
      frequency[doc.tokens[i].base] += 1;
      degree[doc.tokens[i].base] += static_cast<double>(c.end - c.first);
    }
  }
  for (Candidate& c : candidates) {
    for (size_t i = c.first; i < c.end; ++i) {
      const std::string& w = doc.tokens[i].base;
      // Very short single words ("uh", "x") are rarely what a text is about.
      c.score += w.size() < 3 && c.end - c.first == 1 ? 0 : degree[w] / frequency[w];
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
  std::vector<std::string> phrases;
  std::vector<std::string> seen;
  for (const Candidate& c : candidates) {
    if (phrases.size() >= max_phrases || c.score <= 0) break;
    std::string key;
    for (size_t i = c.first; i < c.end; ++i) key += doc.tokens[i].base + " ";
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(key);
    phrases.emplace_back(doc.Slice({doc.tokens[c.first].span.begin, doc.tokens[c.end - 1].span.end}));
  }
  return phrases;
}

}  // namespace interlude::text
