// DistortionAnalyzer: finds cognitive distortions (Burns' categories, ../shared/CLINICAL.md
// §14, with catastrophising and blame split into self and other) in a tokenized text, each
// finding with the words that caused it, a confidence and the id of the pattern that matched.
// Patterns are authored in data/text/distortions.txt (format in its header and in
// docs/distortions.md); matching is a token-sequence matcher indexed by first word, with no
// regular expressions, one sentence at a time. Each token is turned into a vocabulary id once
// per Analyze (contractions expanded) and each pattern element's alternatives are held in a
// trie (the first elements of all rules in one shared trie), so trying the rules at a position
// is a walk over ids, not a string comparison per alternative.
//
// Thread-safety: Load builds an immutable analyzer; Analyze is const and shares no state
// between threads (its scratch space is per thread, reused between calls), so one analyzer
// may be shared by any number of threads.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "text/analysis.h"
#include "text/document.h"
#include "text/vocabulary.h"
#include "text/word_index.h"

namespace interlude::text {

// Parses a snake_case distortion name ("all_or_nothing"). Returns false if unknown.
bool ParseDistortionName(std::string_view name, Distortion* out);

// Splits one token's base form into the words patterns see: contractions expanded
// ("i'm" -> "i", "am"; "don't" -> "do", "not"; "mom's" -> "mom", "'s"), apostrophe-less
// forms too ("dont", "im"); any other word unchanged. Exposed for tests.
std::vector<std::string> ExpandContraction(std::string_view base);

class DistortionAnalyzer {
 public:
  // Reads `data_root`/text/distortions.txt. NotFound if the file is missing;
  // InvalidArgument naming the line for a malformed class, macro, rule or guard.
  static Result<std::unique_ptr<DistortionAnalyzer>> Load(const std::string& data_root);

  // Parses patterns from text (the file format); `origin` names the source in errors.
  static Result<std::unique_ptr<DistortionAnalyzer>> FromText(std::string_view text,
                                                              const std::string& origin);

  // The findings in `doc`, in text order: per sentence at most one finding per type (the
  // most confident rule), none after a guard ("I used to think ..."). Never fails.
  std::vector<DistortionFinding> Analyze(const Document& doc) const;
  // The same into `*findings` (cleared first), so a caller can reuse its storage.
  void Analyze(const Document& doc, std::vector<DistortionFinding>* findings) const;

  size_t rule_count() const { return rules_.size(); }

  // Adds every surface form to `shared` (the Analyzer's vocabulary, which must outlive this
  // analyser), so that Analyze finds the forms of a document interned with it by token id
  // instead of hashing each token's base again. Loading only; results are unchanged.
  void ShareVocabulary(Vocabulary* shared);

 private:
  struct Atom {
    bool is_class = false;
    int id = -1;  // word id or class index
  };
  using Phrase = std::vector<Atom>;
  enum class ElementKind { kAlternatives, kGap, kNotAhead, kNotOne };
  struct Element {
    ElementKind kind = ElementKind::kAlternatives;
    bool optional = false;
    int gap = 0;
    std::vector<Phrase> alternatives;
    uint32_t trie = 0;  // root in trie_ of the alternatives (not for kGap nor a first element)
  };
  struct Rule {
    std::string id;
    Distortion type = Distortion::kAllOrNothing;
    double confidence = 0;
    bool guard = false;
    std::vector<Element> elements;
    // Rules whose first elements are written the same share this id. The first elements of
    // all rules and guards form one trie (first_trie_), walked once per position.
    uint32_t first_key = 0;
    // [requirements_begin, requirements_end) of requirements_: the rule's later elements
    // that must match a unit (see Requirement).
    uint32_t requirements_begin = 0, requirements_end = 0;
  };
  // A later element of a rule that is plain, not optional alternatives: it can only match
  // where some alternative's first word (a bit of `words`, a Bloom filter of word ids) or
  // first class (a bit of `classes`) is in the sentence. A rule with a requirement that the
  // sentence cannot meet is not tried: the findings are the same, found with less work.
  struct Requirement {
    std::array<uint64_t, 4> words{};
    uint64_t classes = 0;
  };
  // A sentence's words (the same Bloom filter) and classes, for the requirements above.
  struct SentenceWords {
    std::array<uint64_t, 4> words{};
    uint64_t classes = 0;
  };
  static uint32_t WordBit(int word) {
    return static_cast<uint32_t>(
        (static_cast<uint64_t>(static_cast<uint32_t>(word)) * 0x9E3779B97F4A7C15ULL) >> 56);
  }
  bool MayMatch(const SentenceWords& sentence, uint32_t begin, uint32_t end) const {
    for (uint32_t i = begin; i < end; ++i) {
      const Requirement& r = requirements_[i];
      if ((r.classes & sentence.classes) == 0 && (r.words[0] & sentence.words[0]) == 0 &&
          (r.words[1] & sentence.words[1]) == 0 && (r.words[2] & sentence.words[2]) == 0 &&
          (r.words[3] & sentence.words[3]) == 0) {
        return false;
      }
    }
    return true;
  }
  // One node of a trie over an element's alternatives: a position in a sentence is tested
  // against all alternatives in one walk instead of one attempt per alternative. Flat: the
  // node's edges are ranges of trie_words_ (sorted by word id) and trie_classes_.
  struct TrieEdge {
    int atom = -1;       // word id or class index
    uint32_t child = 0;  // index into trie_
  };
  struct TrieNode {
    uint32_t words_begin = 0, words_end = 0;
    uint32_t classes_begin = 0, classes_end = 0;
    int end = -1;  // the first alternative (index) whose phrase ends here, or -1
    uint32_t first_ends_begin = 0, first_ends_end = 0;  // range of first_ends_ (first trie)
  };
  // In the first trie: the alternative `alternative` of the first elements `key` ends here.
  struct FirstEnd {
    uint32_t key = 0;
    uint32_t alternative = 0;
  };
  // A trie node while the tries are built (BuildIndex), before it is flattened.
  struct BuildNode {
    std::vector<TrieEdge> words;
    std::vector<TrieEdge> classes;
    int end = -1;
    std::vector<FirstEnd> first_ends;
  };
  // An alternative of an element that matched at some position, and its length in units.
  struct PhraseMatch {
    uint32_t alternative = 0;
    uint32_t length = 0;
  };
  // A first-element match, linked to the next of the same key in ascending alternative order.
  struct FirstMatch {
    uint32_t alternative = 0;
    uint32_t length = 0;
    int next = -1;  // index into MatchState::first_matches, -1 at the end
  };
  struct Unit {
    int word = -1;       // vocabulary id, -1 if the word is in no pattern
    uint32_t token = 0;  // index into Document::tokens
  };
  // The words (vocabulary ids, -1 for none) one surface form stands for.
  struct SurfaceUnits {
    int ids[2] = {-1, -1};
    int count = 0;
  };
  // Per-Analyze scratch, kept per thread and analyser between calls (Scratch): the current
  // sentence's units and a stack of phrase matches shared by the levels of the backtracking
  // walk (each level uses the range above its caller's).
  struct Hit {
    const Rule* rule;
    size_t begin;  // [begin, end) in units
    size_t end;
  };
  struct MatchState {
    uint64_t owner = 0;  // DistortionAnalyzer::instance_ the sizes below are for
    std::vector<Unit> units;
    std::vector<PhraseMatch> matches;
    // The first-element matches at the current position, per Rule::first_key: valid for a
    // key whose first_stamp equals stamp (bumped for each position).
    std::vector<FirstMatch> first_matches;
    std::vector<uint32_t> first_stamp;
    std::vector<int> first_head;  // key -> its first match in first_matches
    uint32_t stamp = 0;
    std::vector<Hit> hits;  // the current sentence's rule matches
  };

  DistortionAnalyzer();
  // This thread's scratch for this analyser, its stamps valid (see MatchState).
  MatchState& Scratch() const;

  Status ParseLine(std::string_view line, int number, const std::string& origin);
  Result<Element> ParseElement(std::string_view text);
  int WordId(std::string_view word);
  void BuildIndex();
  // Adds `alternatives` to the trie at `root` (a new one if root < 0) and returns the root.
  // With key >= 0 the ends are recorded as FirstEnd{key, ...}, else in BuildNode::end.
  static uint32_t BuildTrie(const std::vector<Phrase>& alternatives, int key, int root,
                            std::vector<BuildNode>& nodes);

  void AppendUnits(const Document& doc, size_t first, size_t end, std::vector<Unit>& units) const;
  // Pushes onto `matches`, in trie order, every alternative below `node` that matches
  // units[pos + depth ...] (`depth` units already matched on the way to `node`).
  void CollectMatches(uint32_t node, const std::vector<Unit>& units, size_t pos, uint32_t depth,
                      std::vector<PhraseMatch>& matches) const;
  // The edge of `node` for vocabulary word `word`, or null.
  const TrieEdge* FindWordEdge(const TrieNode& node, int word) const;
  // Records in `state` every first element that matches at units[pos] (first trie walk).
  void CollectFirstMatches(uint32_t node, MatchState& state, size_t pos, uint32_t depth) const;
  // Whether any alternative below `node` matches at units[pos + depth].
  bool AnyMatch(uint32_t node, const std::vector<Unit>& units, size_t pos, size_t depth) const;
  // Whether rule.elements[element...] match from units[pos]; *end is set to where the first
  // match (alternatives tried in pattern order, gaps shortest first) ends.
  bool MatchFrom(const Rule& rule, size_t element, MatchState& state, size_t pos,
                 size_t* end) const;
  // MatchFrom(rule, 0, ...), with the first element's matches shared through `state`.
  bool MatchRule(const Rule& rule, MatchState& state, size_t pos, size_t* end) const;
  bool IsBarrier(const Unit& unit) const;

  WordIndex vocabulary_;                           // word <-> id
  std::vector<uint64_t> word_classes_;             // id -> bit mask of classes
  std::unordered_map<std::string, int> class_ids_;
  std::unordered_map<std::string, std::string> macros_;
  WordIndex surface_forms_;                        // token base -> index into surface_units_
  std::vector<SurfaceUnits> surface_units_;        // the words each surface form expands to
  const Vocabulary* shared_ = nullptr;             // see ShareVocabulary
  WordTable<SurfaceUnits> shared_units_;           // shared id -> its surface form's units
                                                   // (count 0: not a surface form)
  std::vector<Rule> rules_;                        // findings rules
  std::vector<Rule> guards_;
  std::vector<TrieNode> trie_;                     // the tries of all elements
  std::vector<TrieEdge> trie_words_;
  std::vector<TrieEdge> trie_classes_;
  uint32_t first_keys_ = 0;  // distinct Rule::first_key values
  uint32_t first_trie_ = 0;  // root in trie_ of all first elements
  std::vector<FirstEnd> first_ends_;
  std::vector<std::vector<uint32_t>> candidates_;  // word id -> rules starting with it
  std::vector<std::vector<uint32_t>> guard_candidates_;  // (both while loading only)
  // The same, flat: per word id, its guards then its rules, each with its first key, so a
  // position skips the rules whose first element did not match without reading them.
  struct Starter {
    uint32_t index = 0;  // into guards_ or rules_
    uint32_t first_key = 0;
    uint32_t requirements_begin = 0, requirements_end = 0;  // the rule's (see Rule)
    // The next starter of the same range with another first_key: when this one's first
    // element did not match, neither did theirs up to there.
    uint32_t next_key = 0;
  };
  struct StarterRange {
    uint32_t begin = 0, mid = 0, end = 0;  // starters_: [begin, mid) guards, [mid, end) rules
  };
  std::vector<StarterRange> starter_ranges_;  // by word id
  std::vector<Starter> starters_;
  std::vector<Requirement> requirements_;
  std::vector<uint32_t> first_root_;  // word id -> first_trie_'s word edge child + 1, or 0
  uint64_t instance_ = 0;             // unique per analyser: keys the per-thread scratch
  std::vector<bool> barrier_;  // word id -> gaps stop here
};

}  // namespace interlude::text
