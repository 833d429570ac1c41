// Risk rules: the parsed form of data/text/risk_lexicon.txt (rewrites and word classes) and
// data/text/risk_patterns.txt (rules), plus the matcher that runs a rule over one sentence's
// words. Used only by RiskAnalyzer (text/risk.h); the file formats are described in the
// headers of the data files themselves.
//
// Words are compared by their ids in a Vocabulary (text/vocabulary.h): every pattern, class
// and rewrite word is added to it while loading, so a key and a word are equal exactly when
// their ids are; only `word*` prefixes and elongated keys compare strings.
//
// Thread-safety: a RuleSet is immutable after LoadRuleSet; every function here is pure and
// may be called from many threads on the same RuleSet.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "text/analysis.h"
#include "text/document.h"
#include "text/vocabulary.h"

namespace interlude::text::risk_internal {

// One word of a pattern or class phrase.
struct Word {
  std::string text;      // case-folded, as written in the data file (without `*`)
  std::string squashed;  // `text` with every letter run cut to one ("kill" -> "kil")
  bool prefix = false;   // `word*`: matches any word starting with `text`
  int32_t id = Vocabulary::kNoWord;  // vocabulary id of `text` (not set for a prefix)
};

struct Element {
  enum class Kind { kWords, kClass, kGap };
  Kind kind = Kind::kWords;
  std::vector<Word> words;  // kWords: the alternatives
  int word_class = -1;      // kClass: index into RuleSet::classes
  bool optional = false;
  int gap = 0;              // kGap: up to this many words
};

enum class RuleKind { kSelf, kSelfExplicit, kContext, kVictim, kOther, kThird, kPast, kBlock };

struct Rule {
  std::string id;
  RiskLevel level = RiskLevel::kNone;
  RiskCategory category = RiskCategory::kNone;
  RuleKind kind = RuleKind::kSelf;
  std::vector<Element> elements;
};

struct WordClass {
  std::string name;
  std::vector<std::vector<Word>> phrases;
  // Whether RuleSet::phrases_by_first lists this class's phrases; false (every phrase is
  // tried) when one starts with a `word*` or is empty. Set by LoadRuleSet.
  bool indexed = false;
};

// A phrase of a class, listed under the id of its first word (RuleSet::phrases_by_first).
struct ClassPhrase {
  int32_t word_class = -1;
  uint32_t phrase = 0;  // index into WordClass::phrases
};

struct Rewrite {
  std::vector<std::string> from;
  std::vector<std::string> to;
  std::vector<int32_t> from_ids;  // vocabulary ids of `from` and `to`
  std::vector<int32_t> to_ids;
};

// One word (or punctuation mark) of a sentence as the rules see it: the token's base form,
// or the words of a rewrite, each keeping the span of the tokens it came from.
struct Key {
  std::string_view text;  // into the Document's token or into the RuleSet's rewrites
  int32_t word_id = Vocabulary::kNoWord;  // vocabulary id of `text`
  std::string squashed;   // set only for elongated tokens ("dieee" -> "die")
  bool elongated = false;
  bool is_word = false;     // words, numbers, hashtags, emoji; false for punctuation
  bool capitalised = false; // written with an upper-case first letter, not sentence-first
  Span span;
};

// A Bloom filter of word ids (256 bits).
struct WordBloom {
  std::array<uint64_t, 4> bits{};
  static uint32_t Bit(int32_t id) {
    return static_cast<uint32_t>(
        (static_cast<uint64_t>(static_cast<uint32_t>(id)) * 0x9E3779B97F4A7C15ULL) >> 56);
  }
  void Add(int32_t id) {
    const uint32_t bit = Bit(id);
    bits[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
  bool Meets(const WordBloom& other) const {
    return ((bits[0] & other.bits[0]) | (bits[1] & other.bits[1]) | (bits[2] & other.bits[2]) |
            (bits[3] & other.bits[3])) != 0;
  }
};

// An element of a rule that is not optional and matches a key that is not elongated only by
// its id: a word element without `word*` alternatives, or a class whose phrases all start
// with such a word. `ids` holds those ids; a sentence without an elongated key and without
// any of them cannot match the rule.
struct Requirement {
  WordBloom ids;
};

struct RuleSet {
  std::vector<WordClass> classes;
  std::unordered_map<std::string, int> class_index;
  const Vocabulary* vocabulary = nullptr;  // the ids of every Word, Rewrite and Key
  std::vector<Rewrite> rewrites;                                 // longest `from` first
  // Rewrites by the id of from[0]: rewrite_group -> index + 1 into rewrite_groups.
  WordTable<uint32_t> rewrite_group;
  std::vector<std::vector<int>> rewrite_groups;
  std::vector<Rule> rules;
  // Rules by the id of a first word (written or squashed): index + 1 into first_word_rules.
  WordTable<uint32_t> first_word_group;
  std::vector<std::vector<int>> first_word_rules;
  std::vector<int> prefix_first;  // rules whose first element has a `word*` alternative
  // Per rule, the elements that need a key of given ids in the sentence (see Requirement):
  // rule r's are [requirement_begin[r], requirement_begin[r + 1]). Set by LoadRuleSet.
  std::vector<Requirement> requirements;
  std::vector<uint32_t> requirement_begin;
  int gap_stop_class = -1;        // words a `~N` gap never skips (negators); -1 = none
  // The phrases of the indexed classes by the id of their first word (index + 1 into
  // phrase_lists; each list by class, then in file order), so a position is tried only
  // against the phrases it can start.
  WordTable<uint32_t> phrases_by_first;
  std::vector<std::vector<ClassPhrase>> phrase_lists;

  // Index of a class; -1 when absent.
  int ClassIndex(std::string_view name) const;
};

// Reads both files, adding their words to `vocabulary` (which must outlive the RuleSet).
// NotFound when a file is missing; InvalidArgument naming file and line for a malformed
// line, an unknown class, level or category, or a pattern that starts with an optional
// element or a gap.
Result<RuleSet> LoadRuleSet(const std::string& lexicon_path, const std::string& patterns_path,
                            Vocabulary* vocabulary);

// Every letter run cut to one letter ("killl" -> "kil").
std::string Squash(std::string_view word);

// The keys of one sentence, with the rewrites applied; `words` are the ids of doc's tokens
// in rules.vocabulary. Appends to *keys.
void SentenceKeys(const RuleSet& rules, const Document& doc, const TokenWords& words,
                  const Sentence& s, std::vector<Key>* keys);

// The rules whose first word is the word `id` (written or squashed), or null.
inline const std::vector<int>* RulesStartingWith(const RuleSet& rules, int32_t id) {
  const uint32_t group = rules.first_word_group.At(id);
  return group == 0 ? nullptr : &rules.first_word_rules[group - 1];
}

// Whether `word` matches `key`. (Inline: the matcher calls it for every alternative.)
inline bool WordMatches(const Word& word, const Key& key) {
  if (!key.is_word) return false;
  if (word.prefix) {
    return key.text.starts_with(word.text) ||
           (key.elongated && std::string_view(key.squashed).starts_with(word.squashed));
  }
  // Both ids come from the same vocabulary, which holds every word: equal ids, equal text.
  return key.word_id == word.id || (key.elongated && key.squashed == word.squashed);
}

// If a phrase of class `cls` starts at `pos`, returns its length (longest); else 0.
size_t ClassAt(const RuleSet& rules, int cls, const std::vector<Key>& keys, size_t pos);

// If `rule` matches starting at `pos`, sets *end (one past the last key) and returns true.
bool MatchRule(const RuleSet& rules, const Rule& rule, const std::vector<Key>& keys, size_t pos,
               size_t* end);

}  // namespace interlude::text::risk_internal
