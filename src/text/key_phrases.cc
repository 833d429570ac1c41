// RAKE-style key phrase extraction over tokens. Equal words are grouped by sorting views of
// their bases (no per-call hash maps or string keys).
#include "text/key_phrases.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

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

// One word occurrence of a candidate (see Extract).
struct Occurrence {
  std::string_view base;
  uint64_t hash = 0;    // of `base`: equal bases sort together, compared mostly by this
  uint32_t at = 0;      // index in candidate order
  uint32_t degree = 0;  // length of its candidate
};

uint64_t HashOf(std::string_view s) {
  uint64_t h = 14695981039346656037ULL;  // FNV-1a
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

// Per-thread scratch reused between calls.
struct Scratch {
  std::vector<Candidate> candidates;
  std::vector<Occurrence> occurrences;
  std::vector<double> ratio;
  std::vector<const Candidate*> seen;
};

// Sorts by descending score, keeping equal scores in order: the result of std::stable_sort,
// without its buffer for the few candidates of a journal entry.
void StableSortByScore(std::vector<Candidate>& candidates) {
  const auto higher = [](const Candidate& a, const Candidate& b) { return a.score > b.score; };
  if (candidates.size() > 64) {
    std::stable_sort(candidates.begin(), candidates.end(), higher);
    return;
  }
  for (size_t i = 1; i < candidates.size(); ++i) {
    const Candidate c = candidates[i];
    size_t j = i;
    for (; j > 0 && higher(c, candidates[j - 1]); --j) candidates[j] = candidates[j - 1];
    candidates[j] = c;
  }
}

// The extraction, with `is_stop(token index)` deciding the stopwords.
template <typename IsStop>
std::vector<std::string> Extract(const Document& doc, const IsStop& is_stop, size_t max_phrases) {
  thread_local Scratch scratch;
  struct Release {  // a very long text's scratch is not kept for the thread's lifetime
    ~Release() {
      if (scratch.occurrences.capacity() > 4096) scratch = Scratch();
    }
  } release;
  std::vector<Candidate>& candidates = scratch.candidates;
  candidates.clear();
  size_t candidate_words = 0;
  for (const Sentence& s : doc.sentences) {
    size_t i = s.first_token;
    while (i < s.end_token) {
      while (i < s.end_token && is_stop(i)) ++i;
      const size_t start = i;
      while (i < s.end_token && !is_stop(i) && i - start < 4) ++i;
      if (i > start) {
        candidates.push_back({start, i, 0});
        candidate_words += i - start;
      }
    }
  }
  if (candidates.empty()) return {};
  // Word scores: degree (co-occurrence within phrases, including itself) over frequency.
  // Every word occurrence of every candidate, in candidate order, grouped by equal base.
  // (Any order that keeps equal bases together gives the same ratios: by hash, then base.)
  std::vector<Occurrence>& occurrences = scratch.occurrences;
  occurrences.clear();
  occurrences.reserve(candidate_words);
  // A word of the vocabulary the document was interned with is keyed by its id (equal
  // bases, equal ids); other words by a hash with the top bit clear, so the two never mix
  // up (the base is compared as well in any case).
  const bool interned = doc.vocabulary != nullptr;
  for (const Candidate& c : candidates) {
    for (size_t i = c.first; i < c.end; ++i) {
      const Token& t = doc.tokens[i];
      const uint64_t key = interned && t.word_id >= 0
                               ? (uint64_t{1} << 63) | static_cast<uint64_t>(t.word_id)
                               : HashOf(t.base) >> 1;
      occurrences.push_back({t.base, key, static_cast<uint32_t>(occurrences.size()),
                             static_cast<uint32_t>(c.end - c.first)});
    }
  }
  std::vector<double>& ratio = scratch.ratio;  // degree / frequency, in candidate order
  ratio.assign(occurrences.size(), 0.0);
  // Equal id keys (top bit set) are equal bases; equal hashes need the bases compared.
  const auto same_key = [](const Occurrence& a, const Occurrence& b) {
    return a.hash == b.hash && ((a.hash >> 63) != 0 || a.base == b.base);
  };
  std::sort(occurrences.begin(), occurrences.end(), [](const Occurrence& a, const Occurrence& b) {
    if (a.hash != b.hash) return a.hash < b.hash;
    return (a.hash >> 63) == 0 && a.base < b.base;
  });
  for (size_t g = 0; g < occurrences.size();) {
    size_t e = g;
    double degree = 0, frequency = 0;
    for (; e < occurrences.size() && same_key(occurrences[e], occurrences[g]); ++e) {
      degree += static_cast<double>(occurrences[e].degree);
      frequency += 1;
    }
    for (size_t k = g; k < e; ++k) ratio[occurrences[k].at] = degree / frequency;
    g = e;
  }
  size_t at = 0;
  for (Candidate& c : candidates) {
    for (size_t i = c.first; i < c.end; ++i, ++at) {
      // Very short single words ("uh", "x") are rarely what a text is about.
      c.score += doc.tokens[i].base.size() < 3 && c.end - c.first == 1 ? 0 : ratio[at];
    }
  }
  StableSortByScore(candidates);
  std::vector<std::string> phrases;
  size_t scored = 0;  // candidates with a positive score: they lead after the sort
  while (scored < candidates.size() && candidates[scored].score > 0) ++scored;
  phrases.reserve(std::min(max_phrases, scored));
  std::vector<const Candidate*>& seen = scratch.seen;
  seen.clear();
  // Two tokens of an interned document with vocabulary ids have equal bases exactly when
  // their ids are equal; a token without one has a base no vocabulary word has.
  const auto same_base = [&](const Token& a, const Token& b) {
    if (interned && (a.word_id >= 0 || b.word_id >= 0)) return a.word_id == b.word_id;
    return a.base == b.base;
  };
  const auto same_words = [&](const Candidate& a, const Candidate& b) {
    if (a.end - a.first != b.end - b.first) return false;
    for (size_t k = 0; k < a.end - a.first; ++k) {
      if (!same_base(doc.tokens[a.first + k], doc.tokens[b.first + k])) return false;
    }
    return true;
  };
  for (const Candidate& c : candidates) {
    if (phrases.size() >= max_phrases || c.score <= 0) break;
    const auto same = [&](const Candidate* s) { return same_words(*s, c); };
    if (std::any_of(seen.begin(), seen.end(), same)) continue;
    seen.push_back(&c);
    phrases.emplace_back(
        doc.Slice({doc.tokens[c.first].span.begin, doc.tokens[c.end - 1].span.end}));
  }
  return phrases;
}

}  // namespace

KeyPhraseFinder::KeyPhraseFinder(const StyleAnalyzer& style, Vocabulary* vocabulary)
    : style_(style) {
  for (const std::string_view w : kExtraStopwords) filler_.Mutable(vocabulary->Add(w)) = 1;
}

std::vector<std::string> KeyPhraseFinder::Find(const Document& doc, size_t max_phrases) const {
  const TokenWords words(doc, style_.vocabulary());
  const auto is_stop = [&](size_t i) {
    const int32_t w = words[i];
    return doc.tokens[i].kind != TokenKind::kWord || style_.IsFunctionWord(w) ||
           filler_.At(w) != 0;
  };
  return Extract(doc, is_stop, max_phrases);
}

std::vector<std::string> KeyPhrases(const Document& doc, const StyleAnalyzer& style,
                                    size_t max_phrases) {
  const auto is_stop = [&](size_t i) {
    const Token& t = doc.tokens[i];
    return t.kind != TokenKind::kWord || style.IsFunctionWord(t.base) ||
           std::find(kExtraStopwords.begin(), kExtraStopwords.end(), t.base) !=
               kExtraStopwords.end();
  };
  return Extract(doc, is_stop, max_phrases);
}

}  // namespace interlude::text
