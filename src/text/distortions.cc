// The distortion pattern loader and matcher. Each token is mapped to vocabulary ids with
// one hash lookup (contractions pre-expanded); rules are indexed by the words and classes
// that can start them, so a sentence costs one lookup per token plus the few rules whose
// first word is present. Matching is a small backtracking walk over pattern elements.
#include "text/distortions.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace interlude::text {
namespace {

constexpr std::array<Distortion, 13> kAllDistortions = {
    Distortion::kAllOrNothing,        Distortion::kOvergeneralization,
    Distortion::kMentalFilter,        Distortion::kDiscountingPositive,
    Distortion::kMindReading,         Distortion::kFortuneTelling,
    Distortion::kCatastrophizing,     Distortion::kMagnification,
    Distortion::kEmotionalReasoning,  Distortion::kShouldStatements,
    Distortion::kLabeling,            Distortion::kPersonalization,
    Distortion::kBlaming,
};

struct Expansion {
  std::string_view form;
  std::string_view first;
  std::string_view second;
};

// Apostrophe-less and slang forms, as written in journals and chat.
constexpr std::array<Expansion, 36> kWholeForms = {{
    {"im", "i", "am"},          {"ive", "i", "have"},        {"dont", "do", "not"},
    {"cant", "can", "not"},     {"cannot", "can", "not"},    {"didnt", "did", "not"},
    {"doesnt", "does", "not"},  {"isnt", "is", "not"},       {"wasnt", "was", "not"},
    {"werent", "were", "not"},  {"arent", "are", "not"},     {"shouldnt", "should", "not"},
    {"wouldnt", "would", "not"}, {"couldnt", "could", "not"}, {"wont", "will", "not"},
    {"havent", "have", "not"},  {"hasnt", "has", "not"},     {"youre", "you", "are"},
    {"theyre", "they", "are"},  {"thats", "that", "is"},     {"whats", "what", "is"},
    {"gonna", "going", "to"},   {"wanna", "want", "to"},     {"gotta", "got", "to"},
    {"shouldve", "should", "have"}, {"couldve", "could", "have"}, {"wouldve", "would", "have"},
    {"ill", "ill", ""},         {"hes", "he", "is"},         {"shes", "she", "is"},
    {"mustnt", "must", "not"},  {"ain't", "is", "not"},      {"can't", "can", "not"},
    {"won't", "will", "not"},   {"shan't", "shall", "not"},  {"everythings", "everything", "is"},
}};

// Words whose "'s" is "is" rather than a possessive.
constexpr std::array<std::string_view, 24> kIsStems = {
    "it",       "that",     "he",       "she",     "there",   "what",   "who",   "where",
    "here",     "everything", "nothing", "everyone", "everybody", "this", "life", "someone",
    "somebody", "nobody",   "how",      "why",     "when",    "one",    "something", "today"};

constexpr std::array<std::string_view, 7> kBarriers = {"but", "however", "though", "although",
                                                       ";",   ":",       "yet"};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::vector<std::string_view> SplitFields(std::string_view s) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < s.size()) {
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
    if (pos >= s.size()) break;
    size_t end = pos;
    while (end < s.size() && s[end] != ' ' && s[end] != '\t') ++end;
    out.push_back(s.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (true) {
    const size_t next = s.find(sep, pos);
    out.push_back(s.substr(pos, next == std::string_view::npos ? std::string_view::npos
                                                                 : next - pos));
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return out;
}

}  // namespace

bool ParseDistortionName(std::string_view name, Distortion* out) {
  for (const Distortion d : kAllDistortions) {
    if (DistortionName(d) == name) {
      *out = d;
      return true;
    }
  }
  return false;
}

std::vector<std::string> ExpandContraction(std::string_view base) {
  for (const Expansion& e : kWholeForms) {
    if (e.form == base) {
      std::vector<std::string> out{std::string(e.first)};
      if (!e.second.empty()) out.emplace_back(e.second);
      return out;
    }
  }
  const size_t apos = base.rfind('\'');
  if (apos == std::string_view::npos || base.size() < 2) return {std::string(base)};
  if (apos == base.size() - 1) {  // "parents'"
    return {std::string(base.substr(0, apos)), "'s"};
  }
  if (apos == 0) return {std::string(base)};
  const std::string_view suffix = base.substr(apos + 1);
  std::string_view stem = base.substr(0, apos);
  if (suffix == "t" && stem.size() >= 2 && stem.back() == 'n') {  // "n't"
    stem.remove_suffix(1);
    if (stem == "ca") return {"can", "not"};
    if (stem == "wo") return {"will", "not"};
    if (stem == "sha") return {"shall", "not"};
    if (stem == "ai") return {"is", "not"};
    return {std::string(stem), "not"};
  }
  if (suffix == "m") return {std::string(stem), "am"};
  if (suffix == "re") return {std::string(stem), "are"};
  if (suffix == "ll") return {std::string(stem), "will"};
  if (suffix == "ve") return {std::string(stem), "have"};
  if (suffix == "d") return {std::string(stem), "would"};
  if (suffix == "s") {
    for (const std::string_view s : kIsStems) {
      if (s == stem) return {std::string(stem), "is"};
    }
    return {std::string(stem), "'s"};
  }
  return {std::string(base)};
}

int DistortionAnalyzer::WordId(const std::string& word) {
  const auto it = word_ids_.find(word);
  if (it != word_ids_.end()) return it->second;
  const int id = static_cast<int>(words_.size());
  words_.push_back(word);
  word_ids_.emplace(word, id);
  word_classes_.push_back(0);
  return id;
}

Result<DistortionAnalyzer::Element> DistortionAnalyzer::ParseElement(std::string_view text) {
  Element e;
  if (text.size() >= 2 && text[0] == '*') {
    int n = 0;
    const auto r = std::from_chars(text.data() + 1, text.data() + text.size(), n);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size() || n < 0 || n > 20) {
      return InvalidArgument("bad gap `" + std::string(text) + "`");
    }
    e.kind = ElementKind::kGap;
    e.gap = n;
    return e;
  }
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    e.optional = true;
    text = text.substr(1, text.size() - 2);
  } else if (text.size() >= 2 && text[0] == '~') {
    e.kind = ElementKind::kNotAhead;
    text.remove_prefix(1);
  } else if (text.size() >= 2 && text[0] == '!') {
    e.kind = ElementKind::kNotOne;
    text.remove_prefix(1);
  }
  for (const std::string_view alt : Split(text, '|')) {
    if (alt.empty()) return InvalidArgument("empty alternative in `" + std::string(text) + "`");
    Phrase phrase;
    for (const std::string_view part : Split(alt, '_')) {
      if (part.empty()) return InvalidArgument("empty word in `" + std::string(alt) + "`");
      if (part[0] == '@' && part.size() > 1) {
        const auto it = class_ids_.find(std::string(part.substr(1)));
        if (it == class_ids_.end()) {
          return InvalidArgument("unknown class `" + std::string(part) + "`");
        }
        phrase.push_back({true, it->second});
      } else {
        for (const std::string& w : ExpandContraction(FoldCase(part))) {
          phrase.push_back({false, WordId(w)});
        }
      }
    }
    e.alternatives.push_back(std::move(phrase));
  }
  return e;
}

Status DistortionAnalyzer::ParseLine(std::string_view line, int number,
                                     const std::string& origin) {
  const auto fail = [&](const std::string& why) {
    return InvalidArgument(origin + ":" + std::to_string(number) + ": " + why);
  };
  std::vector<std::string_view> fields = SplitFields(line);
  if (fields.empty()) return OkStatus();
  const std::string_view kind = fields[0];
  if (kind == "class") {
    if (fields.size() < 3) return fail("a class needs a name and words");
    const std::string name(fields[1]);
    if (class_ids_.count(name) > 0) return fail("class defined twice: " + name);
    if (class_ids_.size() >= 64) return fail("more than 64 classes");
    const int cls = static_cast<int>(class_ids_.size());
    class_ids_.emplace(name, cls);
    for (size_t i = 2; i < fields.size(); ++i) {
      const std::vector<std::string> parts = ExpandContraction(FoldCase(fields[i]));
      if (parts.size() != 1) return fail("class words must be single words: " +
                                         std::string(fields[i]));
      const int id = WordId(parts[0]);
      word_classes_[static_cast<size_t>(id)] |= uint64_t{1} << cls;
    }
    return OkStatus();
  }
  if (kind == "define") {
    if (fields.size() != 3 || fields[1].size() < 2 || fields[1][0] != '$') {
      return fail("expected `define $NAME alternatives`");
    }
    macros_[std::string(fields[1])] = std::string(fields[2]);
    return OkStatus();
  }
  const bool guard = kind == "guard";
  if (!guard && kind != "rule") return fail("unknown line kind `" + std::string(kind) + "`");
  const size_t first_element = guard ? 2 : 4;
  if (fields.size() <= first_element) return fail("a rule needs an id, type, confidence, pattern");
  Rule rule;
  rule.id = std::string(fields[1]);
  rule.guard = guard;
  if (!guard) {
    if (!ParseDistortionName(fields[2], &rule.type)) {
      return fail("unknown distortion type `" + std::string(fields[2]) + "`");
    }
    const std::string conf(fields[3]);
    char* end = nullptr;
    rule.confidence = std::strtod(conf.c_str(), &end);
    if (end == conf.c_str() || *end != '\0' || rule.confidence <= 0 || rule.confidence > 1) {
      return fail("confidence must be in (0, 1]");
    }
  }
  for (size_t i = first_element; i < fields.size(); ++i) {
    std::string text(fields[i]);
    // Expand macros ($NAME), longest names first so $A does not eat $AB.
    for (size_t pos = text.find('$'); pos != std::string::npos; pos = text.find('$', pos)) {
      size_t end = pos + 1;
      while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) != 0 ||
                                   text[end] == '_')) {
        ++end;
      }
      // Macro names are upper case; stop at the first '_' followed by lower case.
      std::string name = text.substr(pos, end - pos);
      while (!name.empty() && macros_.count(name) == 0) name.pop_back();
      if (name.size() < 2) return fail("unknown macro in `" + text + "`");
      const std::string& value = macros_[name];
      text.replace(pos, name.size(), value);
      pos += value.size();
    }
    Result<Element> e = ParseElement(text);
    if (!e.ok()) return fail(e.status().message());
    rule.elements.push_back(std::move(e).value());
  }
  const Element& first = rule.elements.front();
  if (first.kind != ElementKind::kAlternatives || first.optional) {
    return fail("a rule must start with a plain word, phrase or class");
  }
  (guard ? guards_ : rules_).push_back(std::move(rule));
  return OkStatus();
}

void DistortionAnalyzer::BuildIndex() {
  const size_t n = words_.size();
  const auto build = [&](const std::vector<Rule>& rules, std::vector<std::vector<uint32_t>>& out) {
    out.assign(n, {});
    for (size_t r = 0; r < rules.size(); ++r) {
      for (const Phrase& p : rules[r].elements.front().alternatives) {
        const Atom& a = p.front();
        if (!a.is_class) {
          out[static_cast<size_t>(a.id)].push_back(static_cast<uint32_t>(r));
          continue;
        }
        for (size_t w = 0; w < n; ++w) {
          if ((word_classes_[w] >> a.id) & 1U) out[w].push_back(static_cast<uint32_t>(r));
        }
      }
    }
    for (auto& v : out) {
      std::sort(v.begin(), v.end());
      v.erase(std::unique(v.begin(), v.end()), v.end());
    }
  };
  build(rules_, candidates_);
  build(guards_, guard_candidates_);
  barrier_.assign(n, false);
  for (const std::string_view b : kBarriers) {
    const auto it = word_ids_.find(std::string(b));
    if (it != word_ids_.end()) barrier_[static_cast<size_t>(it->second)] = true;
  }
  // Surface forms: every vocabulary word, plus the whole-word contraction table.
  for (size_t w = 0; w < n; ++w) surface_[words_[w]] = {static_cast<int>(w)};
  for (const Expansion& e : kWholeForms) {
    std::vector<int> ids;
    for (const std::string& part : ExpandContraction(e.form)) {
      const auto it = word_ids_.find(part);
      ids.push_back(it == word_ids_.end() ? -1 : it->second);
    }
    surface_[std::string(e.form)] = std::move(ids);
  }
}

Result<std::unique_ptr<DistortionAnalyzer>> DistortionAnalyzer::FromText(
    std::string_view text, const std::string& origin) {
  std::unique_ptr<DistortionAnalyzer> a(new DistortionAnalyzer());
  for (const std::string_view b : kBarriers) a->WordId(std::string(b));
  int number = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    ++number;
    const std::string_view line = Trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty() || line[0] == '#') continue;
    RETURN_IF_ERROR(a->ParseLine(line, number, origin));
  }
  if (a->rules_.empty()) return InvalidArgument(origin + ": no rules");
  a->BuildIndex();
  return a;
}

Result<std::unique_ptr<DistortionAnalyzer>> DistortionAnalyzer::Load(
    const std::string& data_root) {
  const std::string path = data_root + "/text/distortions.txt";
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("distortion patterns not found: " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return FromText(buffer.str(), path);
}

void DistortionAnalyzer::AppendUnits(const Document& doc, size_t first, size_t end,
                                     std::vector<Unit>& units) const {
  for (size_t t = first; t < end; ++t) {
    const Token& token = doc.tokens[t];
    const auto tok = static_cast<uint32_t>(t);
    const auto it = surface_.find(std::string_view(token.base));
    if (it != surface_.end()) {
      for (const int id : it->second) units.push_back({id, tok});
      continue;
    }
    if (token.kind == TokenKind::kWord && token.base.find('\'') != std::string::npos) {
      for (const std::string& part : ExpandContraction(token.base)) {
        const auto w = word_ids_.find(part);
        units.push_back({w == word_ids_.end() ? -1 : w->second, tok});
      }
      continue;
    }
    units.push_back({-1, tok});
  }
}

bool DistortionAnalyzer::IsBarrier(const Unit& unit) const {
  return unit.word >= 0 && barrier_[static_cast<size_t>(unit.word)];
}

int DistortionAnalyzer::MatchPhrase(const Phrase& phrase, const std::vector<Unit>& units,
                                    size_t pos) const {
  if (pos + phrase.size() > units.size()) return -1;
  for (size_t i = 0; i < phrase.size(); ++i) {
    const int w = units[pos + i].word;
    if (w < 0) return -1;
    const Atom& a = phrase[i];
    if (a.is_class) {
      if (((word_classes_[static_cast<size_t>(w)] >> a.id) & 1U) == 0) return -1;
    } else if (a.id != w) {
      return -1;
    }
  }
  return static_cast<int>(phrase.size());
}

bool DistortionAnalyzer::MatchFrom(const Rule& rule, size_t element,
                                   const std::vector<Unit>& units, size_t pos,
                                   size_t* end) const {
  if (element == rule.elements.size()) {
    *end = pos;
    return true;
  }
  const Element& e = rule.elements[element];
  switch (e.kind) {
    case ElementKind::kGap:
      for (int k = 0; k <= e.gap; ++k) {
        const size_t at = pos + static_cast<size_t>(k);
        if (at > units.size()) break;
        if (k > 0 && IsBarrier(units[at - 1])) break;
        if (MatchFrom(rule, element + 1, units, at, end)) return true;
      }
      return false;
    case ElementKind::kNotAhead:
      for (const Phrase& p : e.alternatives) {
        if (MatchPhrase(p, units, pos) > 0) return false;
      }
      return MatchFrom(rule, element + 1, units, pos, end);
    case ElementKind::kNotOne:
      if (pos >= units.size()) return false;
      for (const Phrase& p : e.alternatives) {
        if (MatchPhrase(p, units, pos) > 0) return false;
      }
      return MatchFrom(rule, element + 1, units, pos + 1, end);
    case ElementKind::kAlternatives:
      for (const Phrase& p : e.alternatives) {
        const int n = MatchPhrase(p, units, pos);
        if (n > 0 && MatchFrom(rule, element + 1, units, pos + static_cast<size_t>(n), end)) {
          return true;
        }
      }
      return e.optional && MatchFrom(rule, element + 1, units, pos, end);
  }
  return false;
}

std::vector<DistortionFinding> DistortionAnalyzer::Analyze(const Document& doc) const {
  std::vector<DistortionFinding> findings;
  std::vector<Unit> units;
  struct Hit {
    const Rule* rule;
    size_t begin;
    size_t end;
  };
  std::vector<Hit> hits;
  for (const Sentence& sentence : doc.sentences) {
    units.clear();
    AppendUnits(doc, sentence.first_token, std::min(sentence.end_token, doc.tokens.size()),
                units);
    hits.clear();
    size_t guard_end = units.size() + 1;
    for (size_t pos = 0; pos < units.size(); ++pos) {
      const int w = units[pos].word;
      if (w < 0) continue;
      const auto wi = static_cast<size_t>(w);
      for (const uint32_t g : guard_candidates_[wi]) {
        size_t end = 0;
        if (MatchFrom(guards_[g], 0, units, pos, &end)) guard_end = std::min(guard_end, end);
      }
      for (const uint32_t r : candidates_[wi]) {
        size_t end = 0;
        if (MatchFrom(rules_[r], 0, units, pos, &end)) hits.push_back({&rules_[r], pos, end});
      }
    }
    // One finding per type per sentence: the most confident, then the earliest.
    std::array<const Hit*, kAllDistortions.size()> best{};
    for (const Hit& h : hits) {
      if (h.begin >= guard_end) continue;
      const Hit*& slot = best[static_cast<size_t>(h.rule->type)];
      if (slot == nullptr || h.rule->confidence > slot->rule->confidence) slot = &h;
    }
    // "They think I'm stupid" is the writer's guess about others (mind reading), not a label
    // the writer gives themself: a labeling hit inside a mind-reading hit is dropped.
    const Hit*& label = best[static_cast<size_t>(Distortion::kLabeling)];
    const Hit* mind = best[static_cast<size_t>(Distortion::kMindReading)];
    if (label != nullptr && mind != nullptr && label->begin >= mind->begin &&
        label->end <= mind->end) {
      label = nullptr;
    }
    const size_t first_finding = findings.size();
    for (const Hit* h : best) {
      if (h == nullptr) continue;
      const Token& a = doc.tokens[units[h->begin].token];
      const Token& b = doc.tokens[units[h->end - 1].token];
      findings.push_back({h->rule->type, Span{a.span.begin, b.span.end}, h->rule->confidence,
                          h->rule->id});
    }
    std::sort(findings.begin() + static_cast<std::ptrdiff_t>(first_finding), findings.end(),
              [](const DistortionFinding& x, const DistortionFinding& y) {
                return x.evidence.begin < y.evidence.begin;
              });
  }
  return findings;
}

}  // namespace interlude::text
