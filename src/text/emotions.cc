// EmotionAnalyzer: lexicon hits, then negation, intensity and a noisy-or per emotion.
#include "text/emotions.h"
#include "text/data_file.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace interlude::text {
namespace {

constexpr double kNegatedFlag = -1;  // the `factor` of a negator in intensifiers.txt
constexpr size_t kModifierWindow = 3;
constexpr size_t kNegationWindow = 4;
constexpr double kCapsFactor = 1.25;
constexpr double kElongatedFactor = 1.15;
constexpr double kOneExclamation = 1.1;
constexpr double kManyExclamations = 1.25;

std::vector<std::string> EmotionLabels() {
  std::vector<std::string> labels;
  for (int i = 0; i < kEmotionCount; ++i) {
    labels.emplace_back(EmotionName(static_cast<Emotion>(i)));
  }
  return labels;
}

constexpr std::string_view kClauseWords[] = {"but", "though", "although", "however", "yet"};
// Words between a negator and the emotion word that soften it ("not only", "never so").
constexpr std::string_view kSofteners[] = {"only", "just", "so", "this", "more", "as"};

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(),
                                                suffix.data(), suffix.size()) == 0;
}

// What a negated emotion becomes: positive feelings turn into their weaker negative
// counterpart; negated negative feelings say nothing about what is felt instead.
struct Flip {
  bool yields = false;
  Emotion to = Emotion::kSadness;
  double factor = 0;
};

Flip FlipOf(Emotion e) {
  switch (e) {
    case Emotion::kJoy: return {true, Emotion::kSadness, 0.5};
    case Emotion::kHope: return {true, Emotion::kSadness, 0.6};
    case Emotion::kCalm: return {true, Emotion::kStress, 0.5};
    default: return {};
  }
}

}  // namespace

Result<std::unique_ptr<EmotionAnalyzer>> EmotionAnalyzer::Load(const std::string& data_root) {
  return Load(data_root, std::make_shared<Vocabulary>());
}

Result<std::unique_ptr<EmotionAnalyzer>> EmotionAnalyzer::Load(
    const std::string& data_root, std::shared_ptr<Vocabulary> vocabulary) {
  std::unique_ptr<EmotionAnalyzer> a(new EmotionAnalyzer());
  a->vocabulary_ = vocabulary;
  ASSIGN_OR_RETURN(a->lexicon_, PhraseLexicon::Load(data_root + "/text/emotions.txt",
                                                    EmotionLabels(), vocabulary.get()));
  for (const std::string_view w : kClauseWords) {
    a->word_flags_.Mutable(vocabulary->Add(w)) |= kClauseWord;
  }
  for (const std::string_view w : kSofteners) {
    a->word_flags_.Mutable(vocabulary->Add(w)) |= kSoftener;
  }
  const std::string path = data_root + "/text/intensifiers.txt";
  RETURN_IF_ERROR(ForEachDataLine(
      path, "intensifier list", [&](const std::string& line, int number) -> Status {
    const size_t tab = line.find('\t');
    const std::string where = path + ":" + std::to_string(number) + ": ";
    if (tab == std::string::npos || tab == 0) {
      return InvalidArgument(where + "expected phrase<TAB>factor|negate");
    }
    const std::string phrase = line.substr(0, tab);
    const std::string value = line.substr(tab + 1);
    double factor = kNegatedFlag;
    if (value != "negate") {
      const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), factor);
      if (ec != std::errc() || ptr != value.data() + value.size() || factor <= 0 || factor > 3) {
        return InvalidArgument(where + "factor must be 'negate' or a number in (0, 3]");
      }
    }
    const Document doc = Tokenize(phrase);
    if (doc.tokens.empty()) return InvalidArgument(where + "empty phrase");
    Intensifier entry;
    entry.factor = factor;
    for (size_t i = 0; i + 1 < doc.tokens.size(); ++i) {
      entry.before.push_back(vocabulary->Add(doc.tokens[i].base));
    }
    const int32_t last = vocabulary->Add(doc.tokens.back().base);
    uint32_t& group = a->intensifier_group_.Mutable(last);
    if (group == 0) {
      a->intensifiers_.emplace_back();
      group = static_cast<uint32_t>(a->intensifiers_.size());
    }
    if (factor == kNegatedFlag && entry.before.empty()) a->word_flags_.Mutable(last) |= kNegator;
    a->intensifiers_[group - 1].push_back(std::move(entry));
    return OkStatus();
  }));
  return a;
}

bool EmotionAnalyzer::IsClauseBreak(const Token& t, int32_t word) const {
  if (t.kind == TokenKind::kPunct || t.kind == TokenKind::kEmoji ||
      t.kind == TokenKind::kEmoticon || t.kind == TokenKind::kUrl) {
    return true;
  }
  return (word_flags_.At(word) & kClauseWord) != 0;
}

double EmotionAnalyzer::Modifier(const Document& doc, const TokenWords& words, size_t first,
                                 const std::vector<unsigned char>& consumed) const {
  double factor = 1;
  const size_t sentence = doc.tokens[first].sentence;
  for (size_t step = 1; step <= kModifierWindow && step <= first; ++step) {
    const size_t j = first - step;
    const Token& t = doc.tokens[j];
    if (t.sentence != sentence || consumed[j] == PhraseLexicon::kHit ||
        IsClauseBreak(t, words[j])) {
      break;
    }
    const uint32_t group = intensifier_group_.At(words[j]);
    if (group == 0) continue;
    for (const Intensifier& in : intensifiers_[group - 1]) {
      if (in.factor == kNegatedFlag || in.before.size() > j) continue;
      bool ok = true;
      for (size_t k = 0; k < in.before.size() && ok; ++k) {
        ok = words[j - in.before.size() + k] == in.before[k];
      }
      if (ok) {
        factor *= in.factor;
        break;
      }
    }
  }
  return factor;
}

size_t EmotionAnalyzer::Negator(const Document& doc, const TokenWords& words, size_t first,
                                const std::vector<unsigned char>& consumed) const {
  const size_t sentence = doc.tokens[first].sentence;
  bool softened = false;  // "not only", "never so": the negator does not deny the feeling
  for (size_t step = 1; step <= kNegationWindow && step <= first; ++step) {
    const size_t j = first - step;
    const Token& t = doc.tokens[j];
    if (t.sentence != sentence || consumed[j] == PhraseLexicon::kHit ||
        IsClauseBreak(t, words[j])) {
      break;
    }
    if (consumed[j] == PhraseLexicon::kBlocked) continue;  // "no doubt", "not only"
    const uint8_t flags = word_flags_.At(words[j]);
    if ((flags & kNegator) != 0 || EndsWith(t.base, "n't")) {
      if (softened) return SIZE_MAX;
      return j;
    }
    if ((flags & kSoftener) != 0) softened = true;
  }
  return SIZE_MAX;
}

std::vector<EmotionScore> EmotionAnalyzer::Analyze(const Document& doc) const {
  const TokenWords words(doc, *vocabulary_);
  // Per-thread scratch reused between calls (released after a very long text).
  thread_local std::vector<unsigned char> consumed;
  thread_local std::vector<LexiconHit> hits;
  thread_local std::vector<double> exclamation;
  struct Release {
    ~Release() {
      if (consumed.capacity() > 4096) {
        consumed = {};
        hits = {};
        exclamation = {};
      }
    }
  } release;
  lexicon_.Match(doc, words, &consumed, &hits);
  std::vector<EmotionScore> out;
  if (hits.empty()) return out;

  std::array<double, kEmotionCount> remaining;  // product of (1 - v): noisy-or
  remaining.fill(1);
  std::array<std::vector<Span>, kEmotionCount> evidence;
  exclamation.assign(doc.sentences.size(), 1.0);
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    size_t marks = 0;
    for (size_t i = doc.sentences[s].first_token; i < doc.sentences[s].end_token; ++i) {
      const Token& t = doc.tokens[i];
      if (t.kind == TokenKind::kPunct) {
        marks += static_cast<size_t>(std::count(t.text.begin(), t.text.end(), '!'));
      }
    }
    exclamation[s] = marks == 0 ? 1.0 : marks == 1 ? kOneExclamation : kManyExclamations;
  }

  for (const LexiconHit& hit : hits) {
    Emotion e = static_cast<Emotion>(hit.label);
    const Token& head = doc.tokens[hit.first];
    Span span{head.span.begin, doc.tokens[hit.end - 1].span.end};
    double v = hit.weight;
    const size_t neg = Negator(doc, words, hit.first, consumed);
    if (neg != SIZE_MAX) {
      const Flip flip = FlipOf(e);
      if (!flip.yields) continue;
      e = flip.to;
      v *= flip.factor;
      span.begin = doc.tokens[neg].span.begin;
    } else {
      v *= Modifier(doc, words, hit.first, consumed);
      bool caps = false, elongated = false;
      for (size_t k = hit.first; k < hit.end; ++k) {
        caps = caps || doc.tokens[k].all_caps;
        elongated = elongated || doc.tokens[k].elongated;
      }
      if (caps) v *= kCapsFactor;
      if (elongated) v *= kElongatedFactor;
      v *= exclamation[head.sentence];
    }
    v = std::clamp(v, 0.0, 1.0);
    if (v <= 0) continue;
    const auto idx = static_cast<size_t>(e);
    remaining[idx] *= 1 - v;
    evidence[idx].push_back(span);
  }
  out.reserve(static_cast<size_t>(
      std::count_if(remaining.begin(), remaining.end(), [](double r) { return 1 - r > 0; })));
  for (size_t i = 0; i < remaining.size(); ++i) {
    const double intensity = 1 - remaining[i];
    if (intensity <= 0) continue;
    out.push_back({static_cast<Emotion>(i), intensity, std::move(evidence[i])});
  }
  // Strongest first, equal intensities in emotion order (what std::stable_sort gives, without
  // its buffer: at most kEmotionCount entries).
  for (size_t i = 1; i < out.size(); ++i) {
    EmotionScore moving = std::move(out[i]);
    size_t j = i;
    for (; j > 0 && moving.intensity > out[j - 1].intensity; --j) out[j] = std::move(out[j - 1]);
    out[j] = std::move(moving);
  }
  return out;
}

Ekman EmotionAnalyzer::ToEkman(Emotion e) {
  switch (e) {
    case Emotion::kJoy:
    case Emotion::kGratitude:
    case Emotion::kHope:
    case Emotion::kCalm: return Ekman::kJoy;
    case Emotion::kSadness:
    case Emotion::kLoneliness:
    case Emotion::kShame: return Ekman::kSadness;
    case Emotion::kAnger: return Ekman::kAnger;
    case Emotion::kFear:
    case Emotion::kStress: return Ekman::kFear;
    case Emotion::kDisgust: return Ekman::kDisgust;
    case Emotion::kSurprise: return Ekman::kSurprise;
  }
  return Ekman::kNeutral;
}

std::array<double, 7> EmotionAnalyzer::EkmanProfile(const std::vector<EmotionScore>& scores) {
  std::array<double, 7> profile{};
  double strongest = 0;
  for (const EmotionScore& s : scores) {
    auto& slot = profile[static_cast<size_t>(ToEkman(s.emotion))];
    slot = std::max(slot, s.intensity);
    strongest = std::max(strongest, s.intensity);
  }
  profile[static_cast<size_t>(Ekman::kNeutral)] = 1 - strongest;
  return profile;
}

Ekman EmotionAnalyzer::PrimaryEkman(const std::vector<EmotionScore>& scores) {
  const std::array<double, 7> profile = EkmanProfile(scores);
  size_t best = 0;
  double best_value = 0;
  for (size_t i = 1; i < profile.size(); ++i) {
    if (profile[i] > best_value) {
      best_value = profile[i];
      best = i;
    }
  }
  return best_value >= kNeutralBelow ? static_cast<Ekman>(best) : Ekman::kNeutral;
}

}  // namespace interlude::text
