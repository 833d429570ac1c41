// The safe-messaging checker (safe_messaging.h): word patterns from
// data/safety/safe_messaging.txt matched over the tokens of the checked text.
#include "safety/safe_messaging.h"

#include <array>
#include <map>

#include "base/ascii.h"
#include "text/data_file.h"
#include "text/document.h"

namespace interlude::safety {
namespace {

constexpr std::array<std::string_view, 6> kCategories = {
    "method_detail", "stigmatising_term", "fatalistic", "secrecy", "claims_human", "judgemental",
};

// How many words before a match are searched for a negation (`unless_negated` rules).
constexpr size_t kNegationWindow = 3;

bool IsWordToken(const text::Token& t) {
  return t.kind == text::TokenKind::kWord || t.kind == text::TokenKind::kNumber;
}

bool IsNegation(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kWords = {"not",    "never", "no",    "nothing",
                                                              "nobody", "isnt",  "arent", "dont",
                                                              "doesnt", "wont",  "cant",  "wasnt"};
  for (std::string_view w : kWords) {
    if (word == w) return true;
  }
  return word.size() > 3 && word.substr(word.size() - 3) == "n't";
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string_view::npos ? at : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

}  // namespace

namespace safe_messaging_internal {

// One alternative of a pattern word: a whole word, or a prefix when written `word*`.
struct Alternative {
  std::string word;
  bool prefix = false;
};

// One position of a pattern: `*` (any one word) or a list of alternatives (`a|b|c*`).
struct Atom {
  bool any = false;
  std::vector<Alternative> alternatives;
};

}  // namespace safe_messaging_internal

using safe_messaging_internal::Alternative;
using safe_messaging_internal::Atom;

struct SafeMessagingChecker::Pattern {
  std::string rule;
  std::string category;
  std::vector<Atom> atoms;
  bool unless_negated = false;
};

namespace {

bool AtomMatches(const Atom& atom, const text::Token& token) {
  if (!IsWordToken(token)) return false;
  if (atom.any) return true;
  for (const Alternative& alt : atom.alternatives) {
    if (alt.prefix ? token.base.rfind(alt.word, 0) == 0 : token.base == alt.word) return true;
  }
  return false;
}

// Parses `pattern` words; false when a word is empty or does not reduce to one word token.
bool ParsePattern(std::string_view text, std::vector<Atom>& atoms) {
  for (std::string_view part : Split(TrimAscii(text), ' ')) {
    if (part.empty()) continue;
    Atom atom;
    if (part == "*") {
      atom.any = true;
      atoms.push_back(std::move(atom));
      continue;
    }
    for (std::string_view alt_text : Split(part, '|')) {
      Alternative alt;
      if (!alt_text.empty() && alt_text.back() == '*') {
        alt.prefix = true;
        alt_text.remove_suffix(1);
      }
      const text::Document doc = text::Tokenize(alt_text);
      if (doc.tokens.size() != 1 || !IsWordToken(doc.tokens[0])) return false;
      alt.word = doc.tokens[0].base;
      atom.alternatives.push_back(std::move(alt));
    }
    atoms.push_back(std::move(atom));
  }
  return !atoms.empty();
}

}  // namespace

SafeMessagingChecker::~SafeMessagingChecker() = default;

Result<std::unique_ptr<SafeMessagingChecker>> SafeMessagingChecker::Load(
    const std::string& data_root) {
  const std::string path = data_root + "/safety/safe_messaging.txt";
  auto checker = std::unique_ptr<SafeMessagingChecker>(new SafeMessagingChecker());
  std::map<std::string, std::string> category_of_rule;
  RETURN_IF_ERROR(text::ForEachDataLine(
      path, "safe-messaging rules", [&](const std::string& line, int number) -> Status {
        const std::vector<std::string_view> f = Split(line, '\t');
        if (f.size() < 3 || f.size() > 4) {
          return text::DataLineError(
              path, number, "expected `SAFE-nnn<TAB>category<TAB>pattern[<TAB>unless_negated]`");
        }
        Pattern p;
        p.rule = std::string(TrimAscii(f[0]));
        p.category = std::string(TrimAscii(f[1]));
        if (p.rule.size() != 8 || p.rule.rfind("SAFE-", 0) != 0 ||
            p.rule.find_first_not_of("0123456789", 5) != std::string::npos) {
          return text::DataLineError(path, number, "rule id must be SAFE-nnn");
        }
        bool known = false;
        for (std::string_view c : kCategories) known = known || c == p.category;
        if (!known) return text::DataLineError(path, number, "unknown category " + p.category);
        auto [it, inserted] = category_of_rule.emplace(p.rule, p.category);
        if (!inserted && it->second != p.category) {
          return text::DataLineError(path, number, p.rule + " already has category " + it->second);
        }
        if (!ParsePattern(f[2], p.atoms)) {
          return text::DataLineError(path, number, "malformed pattern");
        }
        if (f.size() == 4) {
          if (TrimAscii(f[3]) != "unless_negated") {
            return text::DataLineError(path, number, "unknown flag (only unless_negated)");
          }
          p.unless_negated = true;
        }
        checker->patterns_.push_back(std::move(p));
        return OkStatus();
      }));
  if (checker->patterns_.empty()) return InvalidArgument(path + ":0: no rules");
  return checker;
}

std::vector<Violation> SafeMessagingChecker::Check(std::string_view text) const {
  std::vector<Violation> out;
  const text::Document doc = text::Tokenize(text);
  const std::vector<text::Token>& tokens = doc.tokens;
  for (size_t start = 0; start < tokens.size(); ++start) {
    if (!IsWordToken(tokens[start])) continue;
    for (const Pattern& p : patterns_) {
      if (start + p.atoms.size() > tokens.size()) continue;
      bool matched = true;
      for (size_t k = 0; k < p.atoms.size() && matched; ++k) {
        matched = AtomMatches(p.atoms[k], tokens[start + k]);
      }
      if (!matched) continue;
      if (p.unless_negated) {
        bool negated = false;
        size_t seen = 0;
        for (size_t i = start; i > 0 && seen < kNegationWindow && !negated; --i) {
          const text::Token& t = tokens[i - 1];
          if (t.sentence != tokens[start].sentence) break;
          if (!IsWordToken(t)) continue;
          ++seen;
          negated = IsNegation(t.base);
        }
        if (negated) continue;
      }
      const size_t last = start + p.atoms.size() - 1;
      out.push_back({p.rule, p.category, tokens[start].span.begin, tokens[last].span.end});
      break;  // one violation per starting word: the first rule that matches
    }
  }
  return out;
}

Status SafeMessagingChecker::Require(std::string_view text) const {
  const std::vector<Violation> found = Check(text);
  if (found.empty()) return OkStatus();
  return FailedPrecondition("safe-messaging rule " + found.front().rule + " (" +
                            found.front().category + ") failed");
}

}  // namespace interlude::safety
