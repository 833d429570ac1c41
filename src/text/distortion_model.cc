// The learned distortion model: file parsing, feature extraction and scoring.
#include "text/distortion_model.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <unordered_set>

namespace interlude::text {
namespace {

constexpr uint64_t kBigramKey = uint64_t{1} << 63;
constexpr uint64_t kNegatedKey = uint64_t{1} << 62;
constexpr uint64_t kEmpty = ~uint64_t{0};  // never a pair key (word indexes are < 2^31)
constexpr size_t kDistortionCount = 13;

// The slot of a pair key (masked by the caller). The high half of the product mixes in the
// first word: the low bits alone would depend on the second word only and cluster.
size_t Mix(uint64_t key) {
  const uint64_t h = key * 0x9E3779B97F4A7C15ULL;
  return static_cast<size_t>((h >> 32) ^ (h >> 20));
}

// The Distortion whose name is `name`, or kDistortionCount.
size_t DistortionByName(std::string_view name) {
  for (size_t d = 0; d < kDistortionCount; ++d) {
    if (DistortionName(static_cast<Distortion>(d)) == name) return d;
  }
  return kDistortionCount;
}

uint64_t PairKey(int32_t first, int32_t second) {
  return (static_cast<uint64_t>(static_cast<uint32_t>(first)) << 32) |
         static_cast<uint32_t>(second);
}

bool IsWord(const Token& t) { return t.kind == TokenKind::kWord; }

// Words that open a negation scope ("n WORD" features for the words after them in their
// clause) and words that close one, beside punctuation.
constexpr std::string_view kNegators[] = {
    "not",      "no",      "never",    "nothing",   "nobody",  "none",    "nor",
    "cannot",   "neither", "nowhere",  "don't",     "doesn't", "didn't",  "can't",
    "couldn't", "won't",   "wouldn't", "shouldn't", "isn't",   "aren't",  "wasn't",
    "weren't",  "haven't", "hasn't",   "hadn't",    "mustn't", "ain't",   "dont",
    "doesnt",   "didnt",   "cant",     "couldnt",   "wont",    "wouldnt", "shouldnt",
    "isnt",     "arent",   "wasnt",    "werent",    "havent",  "hasnt"};
constexpr std::string_view kScopeEnds[] = {"but", "however", "though", "although", "yet"};

constexpr uint8_t kNegator = 1;
constexpr uint8_t kScopeEnd = 2;

uint8_t WordFlags(std::string_view base) {
  for (const std::string_view n : kNegators) {
    if (base == n) return kNegator;
  }
  for (const std::string_view e : kScopeEnds) {
    if (base == e) return kScopeEnd;
  }
  return 0;
}

std::vector<std::string_view> SplitSpaces(std::string_view line) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) parts.push_back(line.substr(start, i - start));
  }
  return parts;
}

bool ParseNumber(std::string_view s, double* value) {
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *value);
  return ec == std::errc() && ptr == s.data() + s.size() && std::isfinite(*value);
}

}  // namespace

std::vector<std::string> DistortionFeatureNames(const Document& doc,
                                                const std::vector<DistortionFinding>& findings,
                                                const DistortionSignal& signal) {
  std::vector<std::string> names;
  std::unordered_set<std::string> seen;
  const auto add = [&](std::string name) {
    if (seen.insert(name).second) names.push_back(std::move(name));
  };
  for (const Sentence& s : doc.sentences) {
    bool negated = false;  // inside a negation scope
    for (size_t t = s.first_token; t < s.end_token; ++t) {
      const Token& token = doc.tokens[t];
      if (!IsWord(token)) {
        if (token.kind == TokenKind::kPunct) negated = false;
        continue;
      }
      add("w " + token.base);
      if (t > s.first_token && IsWord(doc.tokens[t - 1])) {
        add("b " + doc.tokens[t - 1].base + " " + token.base);
      }
      const uint8_t flags = WordFlags(token.base);
      if (negated && flags == 0) add("n " + token.base);
      if (flags == kNegator) negated = true;
      if (flags == kScopeEnd) negated = false;
    }
  }
  for (const DistortionFinding& f : findings) add("t " + std::string(DistortionName(f.type)));
  for (const DistortionCue& c : signal.cues) {
    add("c " + c.rule);
    add("l " + std::string(DistortionName(c.lean)));
  }
  return names;
}

Result<std::unique_ptr<DistortionModel>> DistortionModel::Load(const std::string& data_root) {
  const std::string path = data_root + "/text/distortion_model.txt";
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("distortion model not found: " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return FromText(buffer.str(), path);
}

Result<std::unique_ptr<DistortionModel>> DistortionModel::FromText(std::string_view text,
                                                                   const std::string& origin) {
  std::unique_ptr<DistortionModel> m(new DistortionModel());
  bool have_threshold = false, have_bias = false;
  std::unordered_set<std::string> features;
  int number = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::vector<std::string_view> p = SplitSpaces(line);
    if (p.empty() || p[0][0] == '#') continue;
    const auto error = [&](const std::string& message) {
      return InvalidArgument(origin + ":" + std::to_string(number) + ": " + message);
    };
    double value = 0;
    if (p.size() < 2 || !ParseNumber(p[1], &value)) return error("expected KIND NUMBER ...");
    const std::string_view kind = p[0];
    if (kind == "long_threshold") {
      double words = 0;
      if (p.size() != 3 || !ParseNumber(p[2], &words) || words < 1 || words != std::floor(words)) {
        return error("expected 'long_threshold NUMBER WORDS'");
      }
      if (value <= 0 || value >= 1) return error("threshold must lie strictly between 0 and 1");
      m->long_threshold_ = value;
      m->long_text_words_ = static_cast<size_t>(words);
      continue;
    }
    if (kind == "cues_decide_under") {
      if (p.size() != 2 || value < 0 || value != std::floor(value) || value > 1e9) {
        return error("expected 'cues_decide_under WORDS' (a whole number of words)");
      }
      m->cues_decide_under_ = static_cast<size_t>(value);
      continue;
    }
    if (kind == "threshold" || kind == "bias") {
      if (p.size() != 2) return error("expected '" + std::string(kind) + " NUMBER'");
      if (kind == "threshold") {
        if (value <= 0 || value >= 1) return error("threshold must lie strictly between 0 and 1");
        m->threshold_ = value;
        have_threshold = true;
      } else {
        m->bias_ = value;
        have_bias = true;
      }
      continue;
    }
    const size_t arity = kind == "b" ? 4 : 3;
    if ((kind != "w" && kind != "n" && kind != "b" && kind != "t" && kind != "c" && kind != "l") ||
        p.size() != arity) {
      return error("expected 'w|n WEIGHT WORD', 'b WEIGHT WORD WORD', 't|c|l WEIGHT NAME'");
    }
    std::string name(kind);
    for (size_t i = 2; i < p.size(); ++i) {
      name.push_back(' ');
      name.append(p[i]);
    }
    if (!features.insert(name).second) return error("duplicate feature '" + name + "'");
    const auto weight = static_cast<float>(value);
    if (kind == "w") {
      const auto w = static_cast<size_t>(m->words_.Insert(p[2]));
      if (w >= m->unigram_.size()) m->unigram_.resize(w + 1, 0.0F);
      m->unigram_[w] = weight;
    } else if (kind == "n") {
      const auto w = static_cast<size_t>(m->words_.Insert(p[2]));
      if (w >= m->negated_.size()) m->negated_.resize(w + 1, 0.0F);
      m->negated_[w] = weight;
    } else if (kind == "b") {
      const int32_t a = m->words_.Insert(p[2]);
      const int32_t b = m->words_.Insert(p[3]);
      m->AddBigram(PairKey(a, b), weight);
    } else if (kind == "c") {
      m->cue_[std::string(p[2])] = weight;
    } else {
      const size_t d = DistortionByName(p[2]);
      if (d == kDistortionCount) return error("unknown distortion type '" + std::string(p[2]) + "'");
      std::vector<float>& table = kind == "t" ? m->type_ : m->lean_;
      table.resize(kDistortionCount, 0.0F);
      table[d] = weight;
    }
    ++m->weight_count_;
  }
  if (!have_threshold) return InvalidArgument(origin + ": missing 'threshold' line");
  if (!have_bias) return InvalidArgument(origin + ": missing 'bias' line");
  for (const std::string_view n : kNegators) m->words_.Insert(n);
  for (const std::string_view e : kScopeEnds) m->words_.Insert(e);
  m->unigram_.resize(m->words_.size(), 0.0F);
  m->negated_.resize(m->words_.size(), 0.0F);
  m->flags_.assign(m->words_.size(), 0);
  for (size_t w = 0; w < m->words_.size(); ++w) {
    m->flags_[w] = WordFlags(m->words_.word(static_cast<int>(w)));
  }
  return m;
}

void DistortionModel::AddBigram(uint64_t key, float weight) {
  if ((bigram_count_ + 1) * 2 > bigram_.size()) {
    std::vector<std::pair<uint64_t, float>> old = std::move(bigram_);
    bigram_.assign(old.empty() ? 64 : old.size() * 2, {kEmpty, 0.0F});
    bigram_count_ = 0;
    for (const auto& [k, w] : old) {
      if (k != kEmpty) AddBigram(k, w);
    }
  }
  const size_t mask = bigram_.size() - 1;
  for (size_t i = Mix(key) & mask;; i = (i + 1) & mask) {
    if (bigram_[i].first == kEmpty) {
      bigram_[i] = {key, weight};
      ++bigram_count_;
      return;
    }
  }
}

float DistortionModel::BigramWeight(uint64_t key) const {
  if (bigram_.empty()) return 0;
  const size_t mask = bigram_.size() - 1;
  for (size_t i = Mix(key) & mask;; i = (i + 1) & mask) {
    if (bigram_[i].first == key) return bigram_[i].second;
    if (bigram_[i].first == kEmpty) return 0;
  }
}

void DistortionModel::ShareVocabulary(Vocabulary* shared) {
  shared_ = shared;
  for (size_t w = 0; w < words_.size(); ++w) {
    shared_words_.Mutable(shared->Add(words_.word(static_cast<int>(w)))) =
        static_cast<int32_t>(w) + 1;
  }
}

int32_t DistortionModel::WordOf(const Document& doc, const Token& t) const {
  if (shared_ != nullptr && doc.vocabulary == shared_) return shared_words_.At(t.word_id) - 1;
  return words_.Find(t.base);
}

ModelPrediction DistortionModel::Predict(const Document& doc,
                                         const std::vector<DistortionFinding>& findings,
                                         const DistortionSignal& signal) const {
  struct Hit {
    uint64_t key;
    float weight;
    Span span;
  };
  thread_local std::vector<Hit> hits;  // per-thread scratch reused between calls
  hits.clear();
  struct Release {  // a very long text's hits are not kept for the thread's lifetime
    ~Release() {
      if (hits.capacity() > 4096) hits = {};
    }
  } release;
  size_t words = 0;  // word tokens, for the threshold
  for (const Sentence& s : doc.sentences) {
    int32_t previous = -1;  // word index of the previous word token of the sentence
    bool previous_word = false;
    bool negated = false;  // inside a negation scope (as in DistortionFeatureNames)
    for (size_t t = s.first_token; t < s.end_token; ++t) {
      const Token& token = doc.tokens[t];
      if (!IsWord(token)) {
        previous_word = false;
        if (token.kind == TokenKind::kPunct) negated = false;
        continue;
      }
      ++words;
      const int32_t w = WordOf(doc, token);
      if (w >= 0) {
        const auto wi = static_cast<size_t>(w);
        if (const float u = unigram_[wi]; u != 0) {
          hits.push_back({static_cast<uint64_t>(w), u, token.span});
        }
        const uint8_t flags = flags_[wi];
        if (negated && flags == 0) {
          if (const float n = negated_[wi]; n != 0) {
            hits.push_back({kNegatedKey | static_cast<uint64_t>(w), n, token.span});
          }
        }
        if (flags == kNegator) negated = true;
        if (flags == kScopeEnd) negated = false;
        if (previous_word && previous >= 0) {
          const uint64_t key = PairKey(previous, w);
          if (const float b = BigramWeight(key); b != 0) {
            hits.push_back({kBigramKey | key, b, {doc.tokens[t - 1].span.begin, token.span.end}});
          }
        }
      }
      previous = w;
      previous_word = true;
    }
  }
  // Each feature counts once: its first occurrence.
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.key != b.key ? a.key < b.key : a.span.begin < b.span.begin;
  });
  hits.erase(std::unique(hits.begin(), hits.end(),
                         [](const Hit& a, const Hit& b) { return a.key == b.key; }),
             hits.end());
  double z = bias_;
  for (const Hit& h : hits) z += h.weight;
  uint32_t types_seen = 0, leans_seen = 0;  // bit per Distortion: each counts once
  for (const DistortionFinding& f : findings) {
    const auto d = static_cast<size_t>(f.type);
    if (d < type_.size() && (types_seen & (1U << d)) == 0) z += type_[d];
    types_seen |= 1U << d;
  }
  for (size_t i = 0; i < signal.cues.size(); ++i) {
    const DistortionCue& c = signal.cues[i];
    const auto d = static_cast<size_t>(c.lean);
    if (d < lean_.size() && (leans_seen & (1U << d)) == 0) z += lean_[d];
    leans_seen |= 1U << d;
    bool repeated = false;
    for (size_t j = 0; j < i && !repeated; ++j) repeated = signal.cues[j].rule == c.rule;
    if (repeated || cue_.empty()) continue;
    if (const auto it = cue_.find(c.rule); it != cue_.end()) z += it->second;
  }
  ModelPrediction p;
  p.probability = 1 / (1 + std::exp(-z));
  p.words = words;
  // The strongest positive hits (the earlier on a tie), without sorting them all.
  const auto stronger = [](const Hit& a, const Hit& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.span.begin < b.span.begin;
  };
  // A word and its negation-marked twin share a span: take twice as many, keep distinct spans.
  const size_t top = std::min(2 * kModelEvidenceSpans, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(top), hits.end(),
                    stronger);
  for (size_t i = 0; i < top && hits[i].weight > 0 && p.evidence.size() < kModelEvidenceSpans;
       ++i) {
    const Span span = hits[i].span;
    const bool seen = std::any_of(p.evidence.begin(), p.evidence.end(), [&](const Span& e) {
      return e.begin == span.begin && e.end == span.end;
    });
    if (!seen) p.evidence.push_back(span);
  }
  std::sort(p.evidence.begin(), p.evidence.end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin; });
  return p;
}

void DistortionModel::Apply(const Document& doc, const std::vector<DistortionFinding>& findings,
                            DistortionSignal* signal) const {
  ModelPrediction p = Predict(doc, findings, *signal);
  signal->model_probability = p.probability;
  signal->model_evidence = std::move(p.evidence);
  const bool model_says = p.probability >= ThresholdFor(p.words);
  signal->present = CuesDecide(p.words) ? signal->present || model_says : model_says;
}

}  // namespace interlude::text
