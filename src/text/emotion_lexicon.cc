// PhraseLexicon: loading (with inflection generation) and left-to-right longest matching.
#include "text/emotion_lexicon.h"
#include "text/data_file.h"

#include <algorithm>
#include <charconv>
#include <utility>

namespace interlude::text {
namespace {

bool IsAsciiWord(std::string_view w) {
  if (w.size() < 3) return false;
  return std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Regular English inflections of a lemma; over-generation is harmless (unused keys).
std::vector<std::string> Inflections(const std::string& w) {
  std::vector<std::string> out;
  const char last = w.back();
  const std::string stem = w.substr(0, w.size() - 1);
  if (last == 'y') {
    for (const char* s : {"ied", "ies", "ily", "iness", "ier", "iest"}) out.push_back(stem + s);
    out.push_back(w + "s");
    out.push_back(w + "ing");
  } else if (last == 'e') {
    for (const char* s : {"s", "d", "ly", "ness", "r", "st"}) out.push_back(w + s);
    out.push_back(stem + "ing");
    out.push_back(stem + "y");
  } else {
    for (const char* s : {"s", "es", "ed", "ing", "ly", "ness", "er", "est"}) out.push_back(w + s);
  }
  return out;
}

// The first code point of a UTF-8 string (an emoji without its modifiers).
std::string FirstCodePoint(const std::string& s) {
  if (s.empty()) return s;
  const auto lead = static_cast<unsigned char>(s[0]);
  size_t n = 1;
  if (lead >= 0xF0) {
    n = 4;
  } else if (lead >= 0xE0) {
    n = 3;
  } else if (lead >= 0xC0) {
    n = 2;
  }
  return s.substr(0, std::min(n, s.size()));
}

std::vector<std::string> Split(const std::string& line, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    const size_t pos = line.find(sep, start);
    parts.push_back(line.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
    if (pos == std::string::npos) break;
    start = pos + 1;
  }
  return parts;
}

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \r");
  if (b == std::string::npos) return {};
  const size_t e = s.find_last_not_of(" \r");
  return s.substr(b, e - b + 1);
}

}  // namespace

Result<PhraseLexicon> PhraseLexicon::Load(const std::string& path,
                                          std::vector<std::string> labels,
                                          Vocabulary* vocabulary) {
  PhraseLexicon lex;
  lex.vocabulary_ = vocabulary;
  const bool open_set = labels.empty();
  lex.labels_ = std::move(labels);
  struct Pending {
    std::string word;
    Target target;
  };
  std::vector<Pending> singles;
  RETURN_IF_ERROR(ForEachDataLine(
      path, "lexicon", [&](const std::string& line, int number) -> Status {
    const std::vector<std::string> parts = Split(line, '\t');
    const std::string where = path + ":" + std::to_string(number) + ": ";
    if (parts.size() < 3) return InvalidArgument(where + "expected phrase<TAB>label<TAB>weight");
    const std::string phrase = Trim(parts[0]);
    const std::string label = Trim(parts[1]);
    const std::string weight_text = Trim(parts[2]);
    double weight = 0;
    const auto [ptr, ec] =
        std::from_chars(weight_text.data(), weight_text.data() + weight_text.size(), weight);
    if (ec != std::errc() || ptr != weight_text.data() + weight_text.size() || weight < 0 ||
        weight > 1) {
      return InvalidArgument(where + "weight must be a number in [0, 1]");
    }
    Target target;
    target.weight = weight;
    if (label != "none") {
      const auto it = std::find(lex.labels_.begin(), lex.labels_.end(), label);
      if (it != lex.labels_.end()) {
        target.label = static_cast<int>(it - lex.labels_.begin());
      } else if (open_set && !label.empty()) {
        lex.labels_.push_back(label);
        target.label = static_cast<int>(lex.labels_.size() - 1);
      } else {
        return InvalidArgument(where + "unknown label '" + label + "'");
      }
    }
    const Document doc = Tokenize(phrase);
    if (doc.tokens.empty()) return InvalidArgument(where + "empty phrase");
    std::vector<int32_t> rest;
    for (size_t i = 1; i < doc.tokens.size(); ++i) {
      rest.push_back(vocabulary->Add(doc.tokens[i].base));
    }
    lex.Add(vocabulary, doc.tokens[0].base, std::move(rest), target, false);
    ++lex.entry_count_;
    if (doc.tokens.size() == 1 && IsAsciiWord(doc.tokens[0].base)) {
      singles.push_back({doc.tokens[0].base, target});
    }
    return OkStatus();
  }));
  for (const Pending& p : singles) {
    for (const std::string& form : Inflections(p.word)) {
      lex.Add(vocabulary, form, {}, p.target, true);
    }
  }
  for (auto& phrases : lex.groups_) {
    std::stable_sort(phrases.begin(), phrases.end(), [](const Phrase& a, const Phrase& b) {
      return a.rest.size() > b.rest.size();
    });
  }
  lex.Flatten();
  return lex;
}

void PhraseLexicon::Flatten() {
  group_begin_.clear();
  flat_phrases_.clear();
  flat_rest_.clear();
  flat_targets_.clear();
  for (const std::vector<Phrase>& phrases : groups_) {
    group_begin_.push_back(static_cast<uint32_t>(flat_phrases_.size()));
    for (const Phrase& p : phrases) {
      FlatPhrase& f = flat_phrases_.emplace_back();
      f.rest_begin = static_cast<uint32_t>(flat_rest_.size());
      f.rest_size = static_cast<uint32_t>(p.rest.size());
      flat_rest_.insert(flat_rest_.end(), p.rest.begin(), p.rest.end());
      f.targets_begin = static_cast<uint32_t>(flat_targets_.size());
      f.targets_size = static_cast<uint32_t>(p.targets.size());
      flat_targets_.insert(flat_targets_.end(), p.targets.begin(), p.targets.end());
    }
  }
  group_begin_.push_back(static_cast<uint32_t>(flat_phrases_.size()));
  groups_ = {};  // only loading reads them
}

void PhraseLexicon::Add(Vocabulary* vocabulary, std::string_view first,
                        std::vector<int32_t> rest, Target target, bool generated) {
  uint32_t& group = group_of_.Mutable(vocabulary->Add(first));
  if (group == 0) {
    groups_.emplace_back();
    group = static_cast<uint32_t>(groups_.size());
  }
  std::vector<Phrase>& phrases = groups_[group - 1];
  for (Phrase& p : phrases) {
    if (p.rest != rest) continue;
    // A written-out form wins over a generated one; generated forms never add to it.
    if (generated) return;
    p.targets.push_back(target);
    return;
  }
  Phrase p;
  p.rest = std::move(rest);
  p.targets.push_back(target);
  phrases.push_back(std::move(p));
}

uint32_t PhraseLexicon::FindWord(std::string_view base) const {
  return group_of_.At(vocabulary_->Find(base));
}

uint32_t PhraseLexicon::Find(const Token& token, int32_t word) const {
  if (const uint32_t group = group_of_.At(word); group != 0) return group;
  if (token.elongated) {
    // "happyy" -> "happy", "loove" -> "love": drop one letter of each doubled run in turn.
    const std::string& b = token.base;
    std::string candidate;
    for (size_t i = 0; i + 1 < b.size(); ++i) {
      if (b[i] != b[i + 1]) continue;
      candidate.assign(b, 0, i);
      candidate.append(b, i + 1);
      if (const uint32_t group = FindWord(candidate); group != 0) return group;
    }
  }
  if (token.kind == TokenKind::kEmoji) {
    if (const uint32_t group = FindWord(FirstCodePoint(token.base)); group != 0) return group;
  }
  return 0;
}

std::vector<LexiconHit> PhraseLexicon::Match(const Document& doc,
                                             std::vector<unsigned char>* consumed) const {
  const TokenWords words(doc, *vocabulary_);
  return Match(doc, words, consumed);
}

std::vector<LexiconHit> PhraseLexicon::Match(const Document& doc, const TokenWords& words,
                                             std::vector<unsigned char>* consumed) const {
  std::vector<LexiconHit> hits;
  Match(doc, words, consumed, &hits);
  return hits;
}

void PhraseLexicon::Match(const Document& doc, const TokenWords& words,
                          std::vector<unsigned char>* consumed,
                          std::vector<LexiconHit>* hits_out) const {
  std::vector<LexiconHit>& hits = *hits_out;
  hits.clear();
  if (consumed != nullptr) consumed->assign(doc.tokens.size(), kFree);
  const size_t n = doc.tokens.size();
  size_t i = 0;
  while (i < n) {
    // (Find's first step inline: most tokens are neither elongated nor emoji.)
    const Token& token = doc.tokens[i];
    uint32_t group = group_of_.At(words[i]);
    if (group == 0 && (token.elongated || token.kind == TokenKind::kEmoji)) {
      group = Find(token, words[i]);
    }
    const FlatPhrase* found = nullptr;
    if (group != 0) {
      for (uint32_t pi = group_begin_[group - 1]; pi < group_begin_[group]; ++pi) {
        const FlatPhrase& p = flat_phrases_[pi];
        if (i + 1 + p.rest_size > n) continue;
        bool ok = true;
        for (size_t k = 0; k < p.rest_size && ok; ++k) {
          const Token& t = doc.tokens[i + 1 + k];
          ok = words[i + 1 + k] == flat_rest_[p.rest_begin + k] &&
               t.sentence == doc.tokens[i].sentence;
        }
        if (ok) {
          found = &p;
          break;
        }
      }
    }
    if (found == nullptr) {
      ++i;
      continue;
    }
    const size_t end = i + 1 + found->rest_size;
    bool any = false;
    for (uint32_t ti = found->targets_begin; ti < found->targets_begin + found->targets_size;
         ++ti) {
      const Target& t = flat_targets_[ti];
      if (t.label >= 0) {
        hits.push_back({i, end, t.label, t.weight});
        any = true;
      }
    }
    if (consumed != nullptr) {
      for (size_t k = i; k < end; ++k) (*consumed)[k] = any ? kHit : kBlocked;
    }
    i = end;
  }
}

}  // namespace interlude::text
