// Parsing of the risk data files and the pattern matcher (see risk_rules.h).
#include "text/risk_rules.h"
#include "text/data_file.h"

#include <algorithm>
#include <sstream>

namespace interlude::text::risk_internal {
namespace {

std::string Trim(std::string_view s) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> SplitOn(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t at = s.find(sep, start);
    const size_t stop = at == std::string_view::npos ? s.size() : at;
    std::string piece = Trim(s.substr(start, stop - start));
    if (!piece.empty()) out.push_back(std::move(piece));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

Word MakeWord(std::string text, Vocabulary* vocabulary) {
  Word w;
  if (text.size() > 1 && text.back() == '*') {
    w.prefix = true;
    text.pop_back();
  }
  w.squashed = Squash(text);
  w.text = std::move(text);
  if (!w.prefix) w.id = vocabulary->Add(w.text);
  return w;
}

// The group (index + 1) of `id` in a WordTable-indexed list of groups, created if new.
std::vector<int>& GroupOf(WordTable<uint32_t>* table, std::vector<std::vector<int>>* groups,
                          int32_t id) {
  uint32_t& group = table->Mutable(id);
  if (group == 0) {
    groups->emplace_back();
    group = static_cast<uint32_t>(groups->size());
  }
  return (*groups)[group - 1];
}

Result<RiskLevel> ParseLevel(std::string_view s) {
  if (s == "none") return RiskLevel::kNone;
  if (s == "low") return RiskLevel::kLow;
  if (s == "moderate") return RiskLevel::kModerate;
  if (s == "high") return RiskLevel::kHigh;
  return InvalidArgument("unknown risk level `" + std::string(s) + "`");
}

Result<RiskCategory> ParseCategory(std::string_view s) {
  for (int i = 0; i <= static_cast<int>(RiskCategory::kPastRisk); ++i) {
    const auto c = static_cast<RiskCategory>(i);
    if (RiskCategoryName(c) == s) return c;
  }
  return InvalidArgument("unknown risk category `" + std::string(s) + "`");
}

Result<RuleKind> ParseKind(std::string_view s) {
  if (s == "self") return RuleKind::kSelf;
  if (s == "self!") return RuleKind::kSelfExplicit;
  if (s == "ctx") return RuleKind::kContext;
  if (s == "victim") return RuleKind::kVictim;
  if (s == "other") return RuleKind::kOther;
  if (s == "third") return RuleKind::kThird;
  if (s == "past") return RuleKind::kPast;
  if (s == "block") return RuleKind::kBlock;
  return InvalidArgument("unknown rule kind `" + std::string(s) + "`");
}

Status LoadLexicon(const std::string& path, RuleSet* set, Vocabulary* vocabulary) {
  RETURN_IF_ERROR(ForEachDataLine(
      path, "risk lexicon", [&](const std::string& line, int number) -> Status {
    const std::string t = Trim(line);
    if (t.empty()) return OkStatus();
    if (t[0] == '=') {
      const size_t arrow = t.find("->");
      if (arrow == std::string::npos) return DataLineError(path, number, "rewrite needs `->`");
      Rewrite r;
      r.from = SplitOn(t.substr(1, arrow - 1), ' ');
      r.to = SplitOn(t.substr(arrow + 2), ' ');
      if (r.from.empty() || r.to.empty()) return DataLineError(path, number, "empty rewrite");
      set->rewrites.push_back(std::move(r));
    } else if (t[0] == '@') {
      const size_t colon = t.find(':');
      if (colon == std::string::npos) return DataLineError(path, number, "class needs `:`");
      WordClass c;
      c.name = Trim(t.substr(1, colon - 1));
      for (const std::string& phrase : SplitOn(t.substr(colon + 1), ',')) {
        std::vector<Word> words;
        for (std::string& w : SplitOn(phrase, ' ')) {
          words.push_back(MakeWord(std::move(w), vocabulary));
        }
        c.phrases.push_back(std::move(words));
      }
      if (c.name.empty() || c.phrases.empty()) return DataLineError(path, number, "empty class");
      if (set->class_index.count(c.name) != 0) {
        return DataLineError(path, number, "class @" + c.name + " defined twice");
      }
      set->class_index[c.name] = static_cast<int>(set->classes.size());
      set->classes.push_back(std::move(c));
    } else {
      return DataLineError(path, number, "expected `= rewrite` or `@class:`");
    }
    return OkStatus();
  }));
  std::stable_sort(set->rewrites.begin(), set->rewrites.end(),
                   [](const Rewrite& a, const Rewrite& b) { return a.from.size() > b.from.size(); });
  for (size_t i = 0; i < set->rewrites.size(); ++i) {
    Rewrite& r = set->rewrites[i];
    for (const std::string& w : r.from) r.from_ids.push_back(vocabulary->Add(w));
    for (const std::string& w : r.to) r.to_ids.push_back(vocabulary->Add(w));
    GroupOf(&set->rewrite_group, &set->rewrite_groups, r.from_ids[0])
        .push_back(static_cast<int>(i));
  }
  return OkStatus();
}

Result<Element> ParseElement(const RuleSet& set, std::string token, Vocabulary* vocabulary) {
  Element e;
  if (token.size() > 1 && token[0] == '~') {
    e.kind = Element::Kind::kGap;
    e.gap = std::atoi(token.c_str() + 1);
    if (e.gap <= 0 || e.gap > 8) return InvalidArgument("gap must be ~1..~8");
    return e;
  }
  if (token.size() > 1 && token.back() == '?') {
    e.optional = true;
    token.pop_back();
  }
  if (token[0] == '@' && token.find('|') == std::string::npos) {
    e.kind = Element::Kind::kClass;
    e.word_class = set.ClassIndex(std::string_view(token).substr(1));
    if (e.word_class < 0) return InvalidArgument("unknown class " + token);
    return e;
  }
  for (std::string& alt : SplitOn(token, '|')) {
    if (alt[0] == '@') {
      // A class inside alternatives: expand its one-word phrases.
      const int cls = set.ClassIndex(std::string_view(alt).substr(1));
      if (cls < 0) return InvalidArgument("unknown class " + alt);
      for (const auto& phrase : set.classes[static_cast<size_t>(cls)].phrases) {
        if (phrase.size() != 1) return InvalidArgument(alt + " has multi-word phrases; use it alone");
        e.words.push_back(phrase[0]);
      }
    } else {
      e.words.push_back(MakeWord(std::move(alt), vocabulary));
    }
  }
  if (e.words.empty()) return InvalidArgument("empty element");
  return e;
}

void IndexRule(RuleSet* set, int index, Vocabulary* vocabulary) {
  const Rule& rule = set->rules[static_cast<size_t>(index)];
  const Element& first = rule.elements[0];
  auto add_word = [&](const Word& w) {
    if (w.prefix) {
      if (set->prefix_first.empty() || set->prefix_first.back() != index) {
        set->prefix_first.push_back(index);
      }
      return;
    }
    auto& list = GroupOf(&set->first_word_group, &set->first_word_rules, vocabulary->Add(w.text));
    if (list.empty() || list.back() != index) list.push_back(index);
    auto& squashed =
        GroupOf(&set->first_word_group, &set->first_word_rules, vocabulary->Add(w.squashed));
    if (squashed.empty() || squashed.back() != index) squashed.push_back(index);
  };
  if (first.kind == Element::Kind::kWords) {
    for (const Word& w : first.words) add_word(w);
  } else {
    for (const auto& phrase : set->classes[static_cast<size_t>(first.word_class)].phrases) {
      add_word(phrase[0]);
    }
  }
}

Status LoadPatterns(const std::string& path, RuleSet* set, Vocabulary* vocabulary) {
  RETURN_IF_ERROR(ForEachDataLine(
      path, "risk patterns", [&](const std::string& line, int number) -> Status {
    const std::vector<std::string> cols = SplitOn(line, '\t');
    if (cols.size() != 4) return DataLineError(path, number, "expected 4 TAB-separated columns");
    Rule rule;
    rule.id = cols[0];
    const size_t colon = cols[1].find(':');
    if (colon == std::string::npos) return DataLineError(path, number, "expected level:category");
    auto level = ParseLevel(cols[1].substr(0, colon));
    if (!level.ok()) return DataLineError(path, number, level.status().message());
    auto category = ParseCategory(cols[1].substr(colon + 1));
    if (!category.ok()) return DataLineError(path, number, category.status().message());
    auto kind = ParseKind(cols[2]);
    if (!kind.ok()) return DataLineError(path, number, kind.status().message());
    rule.level = *level;
    rule.category = *category;
    rule.kind = *kind;
    for (std::string& token : SplitOn(cols[3], ' ')) {
      auto e = ParseElement(*set, std::move(token), vocabulary);
      if (!e.ok()) return DataLineError(path, number, e.status().message());
      rule.elements.push_back(std::move(e).value());
    }
    if (rule.elements.empty()) return DataLineError(path, number, "empty pattern");
    if (rule.elements[0].optional || rule.elements[0].kind == Element::Kind::kGap) {
      return DataLineError(path, number, "a pattern must start with a required word or class");
    }
    set->rules.push_back(std::move(rule));
    IndexRule(set, static_cast<int>(set->rules.size() - 1), vocabulary);
    return OkStatus();
  }));
  return OkStatus();
}

bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }

// Whether the words of `phrase` match keys starting at `pos`.
bool PhraseAt(const std::vector<Word>& phrase, const std::vector<Key>& keys, size_t pos) {
  if (pos + phrase.size() > keys.size()) return false;
  for (size_t i = 0; i < phrase.size(); ++i) {
    if (!WordMatches(phrase[i], keys[pos + i])) return false;
  }
  return true;
}

void IndexClasses(RuleSet* set) {
  for (size_t cls = 0; cls < set->classes.size(); ++cls) {
    WordClass& c = set->classes[cls];
    c.indexed = std::all_of(c.phrases.begin(), c.phrases.end(),
                            [](const std::vector<Word>& p) { return !p.empty() && !p[0].prefix; });
    if (!c.indexed) continue;
    for (size_t i = 0; i < c.phrases.size(); ++i) {
      uint32_t& list = set->phrases_by_first.Mutable(c.phrases[i][0].id);
      if (list == 0) {
        set->phrase_lists.emplace_back();
        list = static_cast<uint32_t>(set->phrase_lists.size());
      }
      set->phrase_lists[list - 1].push_back({static_cast<int32_t>(cls), static_cast<uint32_t>(i)});
    }
  }
}

// Calls f(phrase) for every phrase of `c` that may match at keys[pos], in file order, until
// f returns true; returns whether one did. The phrases skipped are exactly those whose first
// word cannot match the key (see WordMatches: a whole word matches a key that is not
// elongated only by id).
template <typename F>
bool ForPhrasesAt(const RuleSet& set, int cls, const std::vector<Key>& keys, size_t pos, F&& f) {
  const WordClass& c = set.classes[static_cast<size_t>(cls)];
  if (!c.indexed || (pos < keys.size() && keys[pos].elongated)) {
    for (const auto& phrase : c.phrases) {
      if (f(phrase)) return true;
    }
    return false;
  }
  if (pos >= keys.size() || !keys[pos].is_word) return false;  // no phrase can match
  const uint32_t list = set.phrases_by_first.At(keys[pos].word_id);
  if (list == 0) return false;
  for (const ClassPhrase& p : set.phrase_lists[list - 1]) {
    if (p.word_class == cls && f(c.phrases[p.phrase])) return true;
  }
  return false;
}

// RuleSet::requirements (after IndexClasses). A plain word matches a key that is not
// elongated only by id (WordMatches), and so does the first word of an indexed class's
// phrases (ForPhrasesAt); prefix words and other classes give no requirement.
void IndexRequirements(RuleSet* set) {
  set->requirements.clear();
  set->requirement_begin.assign(1, 0);
  for (const Rule& rule : set->rules) {
    for (const Element& e : rule.elements) {
      if (e.optional || e.kind == Element::Kind::kGap) continue;
      Requirement q;
      if (e.kind == Element::Kind::kWords) {
        if (e.words.empty() ||
            std::any_of(e.words.begin(), e.words.end(), [](const Word& w) { return w.prefix; })) {
          continue;
        }
        for (const Word& w : e.words) q.ids.Add(w.id);
      } else {
        const WordClass& c = set->classes[static_cast<size_t>(e.word_class)];
        if (!c.indexed || c.phrases.empty()) continue;
        for (const auto& phrase : c.phrases) q.ids.Add(phrase[0].id);
      }
      set->requirements.push_back(q);
    }
    set->requirement_begin.push_back(static_cast<uint32_t>(set->requirements.size()));
  }
}

bool MatchFrom(const RuleSet& set, const Rule& rule, size_t ei, const std::vector<Key>& keys,
               size_t pos, size_t* end) {
  if (ei == rule.elements.size()) {
    *end = pos;
    return true;
  }
  const Element& e = rule.elements[ei];
  switch (e.kind) {
    case Element::Kind::kGap:
      for (size_t g = 0; g <= static_cast<size_t>(e.gap); ++g) {
        if (g > 0 && (pos + g > keys.size() || !keys[pos + g - 1].is_word ||
                      (set.gap_stop_class >= 0 &&
                       ClassAt(set, set.gap_stop_class, keys, pos + g - 1) > 0))) {
          break;
        }
        if (MatchFrom(set, rule, ei + 1, keys, pos + g, end)) return true;
      }
      return false;
    case Element::Kind::kWords:
      if (pos < keys.size()) {
        for (const Word& w : e.words) {
          if (WordMatches(w, keys[pos])) {
            if (MatchFrom(set, rule, ei + 1, keys, pos + 1, end)) return true;
            break;
          }
        }
      }
      return e.optional && MatchFrom(set, rule, ei + 1, keys, pos, end);
    case Element::Kind::kClass:
      if (ForPhrasesAt(set, e.word_class, keys, pos, [&](const std::vector<Word>& phrase) {
            return PhraseAt(phrase, keys, pos) &&
                   MatchFrom(set, rule, ei + 1, keys, pos + phrase.size(), end);
          })) {
        return true;
      }
      return e.optional && MatchFrom(set, rule, ei + 1, keys, pos, end);
  }
  return false;
}

}  // namespace

int RuleSet::ClassIndex(std::string_view name) const {
  const auto it = class_index.find(std::string(name));
  return it == class_index.end() ? -1 : it->second;
}

std::string Squash(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (char c : word) {
    if (!out.empty() && out.back() == c && ((c >= 'a' && c <= 'z'))) continue;
    out.push_back(c);
  }
  return out;
}

Result<RuleSet> LoadRuleSet(const std::string& lexicon_path, const std::string& patterns_path,
                            Vocabulary* vocabulary) {
  RuleSet set;
  set.vocabulary = vocabulary;
  RETURN_IF_ERROR(LoadLexicon(lexicon_path, &set, vocabulary));
  RETURN_IF_ERROR(LoadPatterns(patterns_path, &set, vocabulary));
  IndexClasses(&set);
  IndexRequirements(&set);
  return set;
}

size_t ClassAt(const RuleSet& set, int cls, const std::vector<Key>& keys, size_t pos) {
  size_t best = 0;
  ForPhrasesAt(set, cls, keys, pos, [&](const std::vector<Word>& phrase) {
    if (phrase.size() > best && PhraseAt(phrase, keys, pos)) best = phrase.size();
    return false;
  });
  return best;
}

bool MatchRule(const RuleSet& set, const Rule& rule, const std::vector<Key>& keys, size_t pos,
               size_t* end) {
  return MatchFrom(set, rule, 0, keys, pos, end);
}

void SentenceKeys(const RuleSet& set, const Document& doc, const TokenWords& words,
                  const Sentence& s, std::vector<Key>* out) {
  std::vector<Key>& keys = *out;
  keys.reserve(keys.size() + s.end_token - s.first_token + 4);
  size_t i = s.first_token;
  while (i < s.end_token) {
    const Token& tok = doc.tokens[i];
    const bool word = tok.kind != TokenKind::kPunct;
    if (word) {
      if (const uint32_t group = set.rewrite_group.At(words[i]); group != 0) {
        bool done = false;
        for (int ri : set.rewrite_groups[group - 1]) {
          const Rewrite& r = set.rewrites[static_cast<size_t>(ri)];
          if (i + r.from.size() > s.end_token) continue;
          bool all = true;
          for (size_t k = 1; k < r.from.size() && all; ++k) {
            all = words[i + k] == r.from_ids[k];
          }
          if (!all) continue;
          const Span span{tok.span.begin, doc.tokens[i + r.from.size() - 1].span.end};
          for (size_t k = 0; k < r.to.size(); ++k) {
            Key& key = keys.emplace_back();
            key.text = r.to[k];
            key.word_id = r.to_ids[k];
            key.is_word = true;
            key.span = span;
          }
          i += r.from.size();
          done = true;
          break;
        }
        if (done) continue;
      }
    }
    Key& k = keys.emplace_back();  // built in place: no move of its string
    k.text = tok.base;
    k.word_id = words[i];
    k.is_word = word;
    k.span = tok.span;
    if (tok.elongated) {
      k.elongated = true;
      k.squashed = Squash(tok.base);
    }
    k.capitalised = i > s.first_token && !tok.text.empty() && IsUpperAscii(tok.text[0]) &&
                    !tok.all_caps && tok.base != "i" && !tok.base.starts_with("i'");
    ++i;
  }
}

}  // namespace interlude::text::risk_internal
