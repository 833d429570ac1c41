// The distortion pattern loader and matcher. Each token is mapped to vocabulary ids with
// one flat-table lookup (contractions pre-expanded, or expanded without allocating); rules are
// indexed by the words and classes that can start them, so a sentence costs one lookup per
// token plus the few rules whose first word is present. Matching is a small backtracking walk
// over pattern elements; each element's alternatives are a trie of word ids and classes, and
// the alternatives that match at a position are tried in pattern order, as written. The
// first elements of all rules share one trie, walked once per position for every candidate.
#include "text/distortions.h"

#include <algorithm>
#include <array>
#include <atomic>
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

namespace {

// The one or two words `base` expands to (see ExpandContraction), as views into `base` or
// into static strings, so the matcher can expand a token without allocating.
struct Expanded {
  std::array<std::string_view, 2> words;
  int count = 1;
};

// With `whole_forms` false the kWholeForms table is not consulted (the matcher's surface
// forms already hold every one of them).
Expanded ExpandContractionView(std::string_view base, bool whole_forms = true) {
  const auto one = [](std::string_view a) { return Expanded{{a, {}}, 1}; };
  const auto two = [](std::string_view a, std::string_view b) { return Expanded{{a, b}, 2}; };
  for (size_t i = 0; whole_forms && i < kWholeForms.size(); ++i) {
    const Expansion& e = kWholeForms[i];
    if (e.form == base) return e.second.empty() ? one(e.first) : two(e.first, e.second);
  }
  const size_t apos = base.rfind('\'');
  if (apos == std::string_view::npos || base.size() < 2) return one(base);
  if (apos == base.size() - 1) return two(base.substr(0, apos), "'s");  // "parents'"
  if (apos == 0) return one(base);
  const std::string_view suffix = base.substr(apos + 1);
  std::string_view stem = base.substr(0, apos);
  if (suffix == "t" && stem.size() >= 2 && stem.back() == 'n') {  // "n't"
    stem.remove_suffix(1);
    if (stem == "ca") return two("can", "not");
    if (stem == "wo") return two("will", "not");
    if (stem == "sha") return two("shall", "not");
    if (stem == "ai") return two("is", "not");
    return two(stem, "not");
  }
  if (suffix == "m") return two(stem, "am");
  if (suffix == "re") return two(stem, "are");
  if (suffix == "ll") return two(stem, "will");
  if (suffix == "ve") return two(stem, "have");
  if (suffix == "d") return two(stem, "would");
  if (suffix == "s") {
    for (const std::string_view s : kIsStems) {
      if (s == stem) return two(stem, "is");
    }
    return two(stem, "'s");
  }
  return one(base);
}

}  // namespace

std::vector<std::string> ExpandContraction(std::string_view base) {
  const Expanded e = ExpandContractionView(base);
  std::vector<std::string> out;
  for (int i = 0; i < e.count; ++i) out.emplace_back(e.words[static_cast<size_t>(i)]);
  return out;
}

int DistortionAnalyzer::WordId(std::string_view word) {
  const int id = vocabulary_.Insert(word);
  if (word_classes_.size() < vocabulary_.size()) word_classes_.resize(vocabulary_.size(), 0);
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

uint32_t DistortionAnalyzer::BuildTrie(const std::vector<Phrase>& alternatives, int key,
                                       int root, std::vector<BuildNode>& nodes) {
  if (root < 0) {
    root = static_cast<int>(nodes.size());
    nodes.emplace_back();
  }
  for (size_t alt = 0; alt < alternatives.size(); ++alt) {
    auto node = static_cast<uint32_t>(root);
    for (const Atom& atom : alternatives[alt]) {
      // `nodes` may grow below: index it afresh, never hold a reference across a push.
      const std::vector<TrieEdge>& edges =
          atom.is_class ? nodes[node].classes : nodes[node].words;
      const auto it = std::find_if(edges.begin(), edges.end(),
                                   [&](const TrieEdge& edge) { return edge.atom == atom.id; });
      if (it != edges.end()) {
        node = it->child;
        continue;
      }
      const auto child = static_cast<uint32_t>(nodes.size());
      (atom.is_class ? nodes[node].classes : nodes[node].words).push_back({atom.id, child});
      nodes.emplace_back();
      node = child;
    }
    // A repeated alternative behaves exactly like its first occurrence, which is tried
    // earlier: only the first is kept.
    const auto alternative = static_cast<uint32_t>(alt);
    if (key < 0) {
      if (nodes[node].end < 0) nodes[node].end = static_cast<int>(alt);
      continue;
    }
    std::vector<FirstEnd>& ends = nodes[node].first_ends;
    if (std::none_of(ends.begin(), ends.end(), [&](const FirstEnd& e) {
          return e.key == static_cast<uint32_t>(key);
        })) {
      ends.push_back({static_cast<uint32_t>(key), alternative});
    }
  }
  return static_cast<uint32_t>(root);
}

namespace {

std::atomic<uint64_t> next_instance{1};

}  // namespace

DistortionAnalyzer::DistortionAnalyzer() : instance_(next_instance.fetch_add(1)) {}

void DistortionAnalyzer::BuildIndex() {
  const size_t n = vocabulary_.size();
  std::vector<BuildNode> nodes;
  // Spelling of a first element's alternatives -> first_key.
  std::unordered_map<std::string, uint32_t> first_keys;
  first_trie_ = BuildTrie({}, -1, -1, nodes);
  const auto build = [&](std::vector<Rule>& rules, std::vector<std::vector<uint32_t>>& out) {
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
      std::string spelling;
      for (const Phrase& p : rules[r].elements.front().alternatives) {
        for (const Atom& a : p) {  // (appended piece by piece: g++ 12 -O3 -Wrestrict misfires
                                   // on "@" + std::string)
          if (a.is_class) spelling += '@';
          spelling += std::to_string(a.id);
          spelling += '_';
        }
        spelling += "|";
      }
      const auto [first, added] = first_keys.try_emplace(spelling, first_keys_);
      if (added) {
        BuildTrie(rules[r].elements.front().alternatives, static_cast<int>(first_keys_),
                  static_cast<int>(first_trie_), nodes);
        ++first_keys_;
      }
      rules[r].first_key = first->second;
      rules[r].requirements_begin = static_cast<uint32_t>(requirements_.size());
      for (size_t i = 1; i < rules[r].elements.size(); ++i) {
        Element& e = rules[r].elements[i];
        if (e.kind != ElementKind::kGap) e.trie = BuildTrie(e.alternatives, -1, -1, nodes);
        if (e.kind != ElementKind::kAlternatives || e.optional) continue;
        Requirement& q = requirements_.emplace_back();
        for (const Phrase& p : e.alternatives) {
          const Atom& a = p.front();  // (ParseElement allows no empty alternative)
          if (a.is_class) {
            q.classes |= uint64_t{1} << a.id;
          } else {
            const uint32_t bit = WordBit(a.id);
            q.words[bit >> 6] |= uint64_t{1} << (bit & 63);
          }
        }
      }
      rules[r].requirements_end = static_cast<uint32_t>(requirements_.size());
    }
    for (auto& v : out) {
      std::sort(v.begin(), v.end());
      v.erase(std::unique(v.begin(), v.end()), v.end());
    }
  };
  build(rules_, candidates_);
  build(guards_, guard_candidates_);
  for (BuildNode& node : nodes) {
    std::sort(node.words.begin(), node.words.end(),
              [](const TrieEdge& x, const TrieEdge& y) { return x.atom < y.atom; });
    TrieNode& flat = trie_.emplace_back();
    flat.words_begin = static_cast<uint32_t>(trie_words_.size());
    trie_words_.insert(trie_words_.end(), node.words.begin(), node.words.end());
    flat.words_end = static_cast<uint32_t>(trie_words_.size());
    flat.classes_begin = static_cast<uint32_t>(trie_classes_.size());
    trie_classes_.insert(trie_classes_.end(), node.classes.begin(), node.classes.end());
    flat.classes_end = static_cast<uint32_t>(trie_classes_.size());
    flat.end = node.end;
    flat.first_ends_begin = static_cast<uint32_t>(first_ends_.size());
    first_ends_.insert(first_ends_.end(), node.first_ends.begin(), node.first_ends.end());
    flat.first_ends_end = static_cast<uint32_t>(first_ends_.size());
  }
  starter_ranges_.assign(n, StarterRange{});
  for (size_t w = 0; w < n; ++w) {
    StarterRange& range = starter_ranges_[w];
    range.begin = static_cast<uint32_t>(starters_.size());
    for (const uint32_t g : guard_candidates_[w]) {
      const Rule& guard = guards_[g];
      starters_.push_back({g, guard.first_key, guard.requirements_begin, guard.requirements_end});
    }
    range.mid = static_cast<uint32_t>(starters_.size());
    for (const uint32_t r : candidates_[w]) {
      const Rule& rule = rules_[r];
      starters_.push_back({r, rule.first_key, rule.requirements_begin, rule.requirements_end});
    }
    range.end = static_cast<uint32_t>(starters_.size());
    // next_key, within the guards and within the rules.
    const auto link = [&](uint32_t begin, uint32_t end) {
      for (uint32_t k = end; k-- > begin;) {
        const bool same = k + 1 < end && starters_[k + 1].first_key == starters_[k].first_key;
        starters_[k].next_key = same ? starters_[k + 1].next_key : k + 1;
      }
    };
    link(range.begin, range.mid);
    link(range.mid, range.end);
  }
  candidates_ = {};
  guard_candidates_ = {};
  first_root_.assign(n, 0);
  const TrieNode& root = trie_[first_trie_];
  for (uint32_t i = root.words_begin; i < root.words_end; ++i) {
    first_root_[static_cast<size_t>(trie_words_[i].atom)] = trie_words_[i].child + 1;
  }
  barrier_.assign(n, false);
  for (const std::string_view b : kBarriers) {
    const int id = vocabulary_.Find(b);
    if (id >= 0) barrier_[static_cast<size_t>(id)] = true;
  }
  // Surface forms: every vocabulary word, plus the whole-word contraction table (which
  // replaces a vocabulary word of the same spelling).
  for (size_t w = 0; w < n; ++w) {
    const int form = surface_forms_.Insert(vocabulary_.word(static_cast<int>(w)));
    surface_units_.resize(surface_forms_.size());
    surface_units_[static_cast<size_t>(form)] = SurfaceUnits{{static_cast<int>(w), -1}, 1};
  }
  for (const Expansion& e : kWholeForms) {
    const Expanded parts = ExpandContractionView(e.form);
    SurfaceUnits units;
    units.count = parts.count;
    for (size_t i = 0; i < static_cast<size_t>(parts.count); ++i) {
      units.ids[i] = vocabulary_.Find(parts.words[i]);
    }
    const int form = surface_forms_.Insert(e.form);
    surface_units_.resize(surface_forms_.size());
    surface_units_[static_cast<size_t>(form)] = units;
  }
}

Result<std::unique_ptr<DistortionAnalyzer>> DistortionAnalyzer::FromText(
    std::string_view text, const std::string& origin) {
  std::unique_ptr<DistortionAnalyzer> a(new DistortionAnalyzer());
  for (const std::string_view b : kBarriers) a->WordId(b);
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

void DistortionAnalyzer::ShareVocabulary(Vocabulary* shared) {
  shared_ = shared;
  for (size_t form = 0; form < surface_forms_.size(); ++form) {
    shared_units_.Mutable(shared->Add(surface_forms_.word(static_cast<int>(form)))) =
        surface_units_[form];
  }
  // Every other word the vocabulary holds so far is one unit in no pattern, unless it has an
  // apostrophe (AppendUnits expands those, for word tokens only). Words added later are
  // looked up as before.
  for (int32_t id = 0; static_cast<size_t>(id) < shared->size(); ++id) {
    if (shared_units_.At(id).count > 0) continue;
    const std::string_view word = shared->word(id);
    if (word.find('\'') != std::string_view::npos) continue;
    shared_units_.Mutable(id) = SurfaceUnits{{-1, -1}, 1};
  }
}

void DistortionAnalyzer::AppendUnits(const Document& doc, size_t first, size_t end,
                                     std::vector<Unit>& units) const {
  const bool interned = shared_ != nullptr && doc.vocabulary == shared_;
  for (size_t t = first; t < end; ++t) {
    const Token& token = doc.tokens[t];
    const auto tok = static_cast<uint32_t>(t);
    if (interned) {
      const SurfaceUnits s = shared_units_.At(token.word_id);
      if (s.count > 0) {
        units.push_back({s.ids[0], tok});
        if (s.count > 1) units.push_back({s.ids[1], tok});
        continue;
      }
    } else if (const int form = surface_forms_.Find(token.base); form >= 0) {
      const SurfaceUnits& s = surface_units_[static_cast<size_t>(form)];
      for (size_t i = 0; i < static_cast<size_t>(s.count); ++i) units.push_back({s.ids[i], tok});
      continue;
    }
    if (token.kind == TokenKind::kWord && token.apostrophe) {
      // (Every whole form is a surface form, found above.)
      const Expanded parts = ExpandContractionView(token.base, /*whole_forms=*/false);
      for (size_t i = 0; i < static_cast<size_t>(parts.count); ++i) {
        units.push_back({vocabulary_.Find(parts.words[i]), tok});
      }
      continue;
    }
    units.push_back({-1, tok});
  }
}

bool DistortionAnalyzer::IsBarrier(const Unit& unit) const {
  return unit.word >= 0 && barrier_[static_cast<size_t>(unit.word)];
}

const DistortionAnalyzer::TrieEdge* DistortionAnalyzer::FindWordEdge(const TrieNode& node,
                                                                     int word) const {
  const TrieEdge* first = trie_words_.data() + node.words_begin;
  const TrieEdge* last = trie_words_.data() + node.words_end;
  if (last - first <= 8) {  // most nodes: a short scan beats a binary search
    for (; first != last && first->atom <= word; ++first) {
      if (first->atom == word) return first;
    }
    return nullptr;
  }
  const TrieEdge* edge = std::lower_bound(
      first, last, word, [](const TrieEdge& e, int w) { return e.atom < w; });
  return edge != last && edge->atom == word ? edge : nullptr;
}

void DistortionAnalyzer::CollectMatches(uint32_t node_index, const std::vector<Unit>& units,
                                        size_t pos, uint32_t depth,
                                        std::vector<PhraseMatch>& matches) const {
  const TrieNode& node = trie_[node_index];
  if (node.end >= 0) matches.push_back({static_cast<uint32_t>(node.end), depth});
  const size_t at = pos + depth;
  if (at >= units.size()) return;
  const int w = units[at].word;
  if (w < 0) return;
  if (const TrieEdge* edge = FindWordEdge(node, w)) {
    CollectMatches(edge->child, units, pos, depth + 1, matches);
  }
  if (node.classes_begin == node.classes_end) return;
  const uint64_t classes = word_classes_[static_cast<size_t>(w)];
  if (classes == 0) return;
  for (uint32_t i = node.classes_begin; i < node.classes_end; ++i) {
    const TrieEdge& edge = trie_classes_[i];
    if ((classes >> edge.atom) & 1U) CollectMatches(edge.child, units, pos, depth + 1, matches);
  }
}

bool DistortionAnalyzer::AnyMatch(uint32_t node_index, const std::vector<Unit>& units,
                                  size_t pos, size_t depth) const {
  const TrieNode& node = trie_[node_index];
  if (node.end >= 0) return true;
  const size_t at = pos + depth;
  if (at >= units.size()) return false;
  const int w = units[at].word;
  if (w < 0) return false;
  const TrieEdge* edge = FindWordEdge(node, w);
  if (edge != nullptr && AnyMatch(edge->child, units, pos, depth + 1)) return true;
  const uint64_t classes = word_classes_[static_cast<size_t>(w)];
  if (classes == 0) return false;
  for (uint32_t i = node.classes_begin; i < node.classes_end; ++i) {
    const TrieEdge& e = trie_classes_[i];
    if (((classes >> e.atom) & 1U) && AnyMatch(e.child, units, pos, depth + 1)) return true;
  }
  return false;
}

bool DistortionAnalyzer::MatchFrom(const Rule& rule, size_t element, MatchState& state,
                                   size_t pos, size_t* end) const {
  if (element == rule.elements.size()) {
    *end = pos;
    return true;
  }
  const std::vector<Unit>& units = state.units;
  const Element& e = rule.elements[element];
  switch (e.kind) {
    case ElementKind::kGap:
      for (int k = 0; k <= e.gap; ++k) {
        const size_t at = pos + static_cast<size_t>(k);
        if (at > units.size()) break;
        if (k > 0 && IsBarrier(units[at - 1])) break;
        if (MatchFrom(rule, element + 1, state, at, end)) return true;
      }
      return false;
    case ElementKind::kNotAhead:
      if (AnyMatch(e.trie, units, pos, 0)) return false;
      return MatchFrom(rule, element + 1, state, pos, end);
    case ElementKind::kNotOne:
      if (pos >= units.size() || AnyMatch(e.trie, units, pos, 0)) return false;
      return MatchFrom(rule, element + 1, state, pos + 1, end);
    case ElementKind::kAlternatives: {
      // This level's matches occupy [first, last) of the shared stack; deeper levels push
      // above `last` and pop back, so read entries by index (the stack may reallocate).
      const size_t first = state.matches.size();
      CollectMatches(e.trie, units, pos, 0, state.matches);
      const size_t last = state.matches.size();
      if (last - first > 1) {
        std::sort(state.matches.begin() + static_cast<std::ptrdiff_t>(first),
                  state.matches.begin() + static_cast<std::ptrdiff_t>(last),
                  [](const PhraseMatch& x, const PhraseMatch& y) {
                    return x.alternative < y.alternative;
                  });
      }
      bool matched = false;
      for (size_t i = first; i < last && !matched; ++i) {
        matched = MatchFrom(rule, element + 1, state, pos + state.matches[i].length, end);
      }
      state.matches.resize(first);
      return matched || (e.optional && MatchFrom(rule, element + 1, state, pos, end));
    }
  }
  return false;
}

void DistortionAnalyzer::CollectFirstMatches(uint32_t node_index, MatchState& state,
                                             size_t pos, uint32_t depth) const {
  const TrieNode& node = trie_[node_index];
  std::vector<FirstMatch>& matches = state.first_matches;
  for (uint32_t i = node.first_ends_begin; i < node.first_ends_end; ++i) {
    const FirstEnd& e = first_ends_[i];
    const auto index = static_cast<int>(matches.size());
    matches.push_back({e.alternative, depth, -1});
    if (state.first_stamp[e.key] != state.stamp) {
      state.first_stamp[e.key] = state.stamp;
      state.first_head[e.key] = index;
      continue;
    }
    // Keep the key's list in ascending alternative order, the order the pattern gives.
    int* link = &state.first_head[e.key];
    while (*link >= 0 && matches[static_cast<size_t>(*link)].alternative < e.alternative) {
      link = &matches[static_cast<size_t>(*link)].next;
    }
    matches.back().next = *link;
    *link = index;
  }
  const size_t at = pos + depth;
  if (at >= state.units.size()) return;
  const int w = state.units[at].word;
  if (w < 0) return;
  if (node_index == first_trie_) {  // the root: a table instead of a search of many edges
    if (const uint32_t child = first_root_[static_cast<size_t>(w)]; child != 0) {
      CollectFirstMatches(child - 1, state, pos, depth + 1);
    }
  } else if (const TrieEdge* edge = FindWordEdge(node, w)) {
    CollectFirstMatches(edge->child, state, pos, depth + 1);
  }
  const uint64_t classes = word_classes_[static_cast<size_t>(w)];
  if (classes == 0) return;
  for (uint32_t i = node.classes_begin; i < node.classes_end; ++i) {
    const TrieEdge& edge = trie_classes_[i];
    if ((classes >> edge.atom) & 1U) CollectFirstMatches(edge.child, state, pos, depth + 1);
  }
}

bool DistortionAnalyzer::MatchRule(const Rule& rule, MatchState& state, size_t pos,
                                   size_t* end) const {
  // The first element is plain alternatives, never optional (ParseLine checks); its matches
  // at `pos` were collected for all rules at once.
  if (state.first_stamp[rule.first_key] != state.stamp) return false;
  for (int i = state.first_head[rule.first_key]; i >= 0;) {
    const FirstMatch& m = state.first_matches[static_cast<size_t>(i)];  // MatchFrom keeps it
    if (MatchFrom(rule, 1, state, pos + m.length, end)) return true;
    i = m.next;
  }
  return false;
}

DistortionAnalyzer::MatchState& DistortionAnalyzer::Scratch() const {
  // A few slots per thread: the Analyzer runs two analysers (typed findings and the
  // possible-distortion cues) per text, each finding its own slot again on the next call.
  thread_local std::array<MatchState, 4> slots;
  thread_local size_t next_slot = 0;
  MatchState* state = nullptr;
  for (MatchState& s : slots) {
    if (s.owner == instance_) state = &s;
  }
  if (state == nullptr) {
    state = &slots[next_slot];
    next_slot = (next_slot + 1) % slots.size();
    state->owner = instance_;
    state->first_stamp.assign(first_keys_, 0);
    state->first_head.assign(first_keys_, -1);
    state->stamp = 0;
  }
  return *state;
}

std::vector<DistortionFinding> DistortionAnalyzer::Analyze(const Document& doc) const {
  std::vector<DistortionFinding> findings;
  Analyze(doc, &findings);
  return findings;
}

void DistortionAnalyzer::Analyze(const Document& doc,
                                 std::vector<DistortionFinding>* findings_out) const {
  std::vector<DistortionFinding>& findings = *findings_out;
  findings.clear();
  MatchState& state = Scratch();
  std::vector<Unit>& units = state.units;
  std::vector<Hit>& hits = state.hits;
  for (const Sentence& sentence : doc.sentences) {
    units.clear();
    AppendUnits(doc, sentence.first_token, std::min(sentence.end_token, doc.tokens.size()),
                units);
    hits.clear();
    SentenceWords present;
    for (const Unit& u : units) {
      if (u.word < 0) continue;
      const uint32_t bit = WordBit(u.word);
      present.words[bit >> 6] |= uint64_t{1} << (bit & 63);
      present.classes |= word_classes_[static_cast<size_t>(u.word)];
    }
    size_t guard_end = units.size() + 1;
    for (size_t pos = 0; pos < units.size(); ++pos) {
      const int w = units[pos].word;
      if (w < 0) continue;
      const auto wi = static_cast<size_t>(w);
      const StarterRange range = starter_ranges_[wi];
      if (range.begin == range.end) continue;
      // Forget the first-element matches of the previous position (and of earlier calls:
      // their stamps are all lower, until the stamp wraps and they are cleared).
      if (++state.stamp == 0) {
        std::fill(state.first_stamp.begin(), state.first_stamp.end(), 0);
        state.stamp = 1;
      }
      state.first_matches.clear();
      CollectFirstMatches(first_trie_, state, pos, 0);
      // (A rule whose first key did not match here cannot match: MatchRule would say so.)
      for (uint32_t k = range.begin; k < range.mid;) {
        const Starter& g = starters_[k];
        if (state.first_stamp[g.first_key] != state.stamp) {
          k = g.next_key;
          continue;
        }
        ++k;
        if (!MayMatch(present, g.requirements_begin, g.requirements_end)) continue;
        size_t end = 0;
        if (MatchRule(guards_[g.index], state, pos, &end)) guard_end = std::min(guard_end, end);
      }
      for (uint32_t k = range.mid; k < range.end;) {
        const Starter& r = starters_[k];
        if (state.first_stamp[r.first_key] != state.stamp) {
          k = r.next_key;
          continue;
        }
        ++k;
        if (!MayMatch(present, r.requirements_begin, r.requirements_end)) continue;
        size_t end = 0;
        if (MatchRule(rules_[r.index], state, pos, &end)) {
          hits.push_back({&rules_[r.index], pos, end});
        }
      }
    }
    if (hits.empty()) continue;
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
}

}  // namespace interlude::text
