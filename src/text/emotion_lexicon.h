// PhraseLexicon: the matcher shared by the emotion and theme analysers. It reads an authored
// `phrase<TAB>label<TAB>weight` file, tokenises every phrase with the same Tokenize() the
// documents go through (so lexicon and text agree on case folding, apostrophes and emoji),
// and finds, left to right and longest phrase first, the entries in a Document. Phrase words
// are ids of the shared Vocabulary: a lookup is one table read per token id (the token's
// `base` interned once per text), a phrase's further words are compared as ids; no regular
// expressions.
//
// Single words also match their regular inflections (-s, -es, -ed, -d, -ing, -ly, y->ied/
// ies/ily/iness, e-drop before -ing); a form written out in the file wins over a generated
// one. Elongated words ("happyy") and emoji with modifiers (skin tones, VS16) fall back to
// their plain form. The label "none" marks a blocking phrase: it consumes its tokens and
// yields nothing ("no worries" so that "worries" is not read).
//
// Thread-safety: immutable after Load() (which adds words to the vocabulary, so it runs
// before the vocabulary is shared); Match() is const and safe from many threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "text/document.h"
#include "text/vocabulary.h"

namespace interlude::text {

struct LexiconHit {
  size_t first = 0;  // token range [first, end) in Document::tokens
  size_t end = 0;
  int label = 0;     // index into PhraseLexicon::labels()
  double weight = 0;
};

class PhraseLexicon {
 public:
  // Reads `path`. `labels` is the closed label set (empty: any label, numbered in order of
  // first appearance). NotFound if the file is missing; InvalidArgument naming the line for
  // a malformed line, an unknown label or a weight outside [0, 1]. The phrase words are
  // added to `vocabulary`, which must outlive the lexicon.
  static Result<PhraseLexicon> Load(const std::string& path, std::vector<std::string> labels,
                                    Vocabulary* vocabulary);

  // What Match() records for each token in `consumed`.
  static constexpr unsigned char kFree = 0;     // in no matched phrase
  static constexpr unsigned char kBlocked = 1;  // in a blocking ("none") phrase
  static constexpr unsigned char kHit = 2;      // in a phrase that yielded a hit

  // Every hit in `doc`, in text order. `consumed`, if given, is resized to the token count
  // and marks each token kFree, kBlocked or kHit.
  std::vector<LexiconHit> Match(const Document& doc, std::vector<unsigned char>* consumed) const;
  // The same, with the token ids already at hand (`words` of `doc` in this vocabulary).
  std::vector<LexiconHit> Match(const Document& doc, const TokenWords& words,
                                std::vector<unsigned char>* consumed) const;
  // The same into `*hits` (cleared first), so a caller can reuse its storage.
  void Match(const Document& doc, const TokenWords& words, std::vector<unsigned char>* consumed,
             std::vector<LexiconHit>* hits) const;

  const std::vector<std::string>& labels() const { return labels_; }
  const Vocabulary& vocabulary() const { return *vocabulary_; }
  size_t size() const { return entry_count_; }

 private:
  struct Target {
    int label = -1;  // -1: blocking ("none")
    double weight = 0;
  };
  struct Phrase {
    std::vector<int32_t> rest;  // vocabulary ids of the tokens' bases after the first
    std::vector<Target> targets;
  };

  // The phrases of one group in flat arrays (built by Flatten once loaded), so matching reads
  // a few contiguous arrays instead of a vector per group and two per phrase.
  struct FlatPhrase {
    uint32_t rest_begin = 0;  // [rest_begin, + rest_size) of flat_rest_
    uint32_t rest_size = 0;
    uint32_t targets_begin = 0;  // [targets_begin, + targets_size) of flat_targets_
    uint32_t targets_size = 0;
  };

  // The group (index + 1 into groups_) of the phrases that may start at `token`, or 0.
  uint32_t Find(const Token& token, int32_t word) const;
  uint32_t FindWord(std::string_view base) const;
  void Add(Vocabulary* vocabulary, std::string_view first, std::vector<int32_t> rest,
           Target target, bool generated);
  void Flatten();

  const Vocabulary* vocabulary_ = nullptr;
  // First token's word id -> index + 1 into groups_ (0: no phrase starts with it); each
  // group holds the phrases starting with that word, longest first.
  WordTable<uint32_t> group_of_;
  std::vector<std::vector<Phrase>> groups_;
  std::vector<uint32_t> group_begin_;  // group index -> first of its flat_phrases_; one more
  std::vector<FlatPhrase> flat_phrases_;
  std::vector<int32_t> flat_rest_;
  std::vector<Target> flat_targets_;
  std::vector<std::string> labels_;
  size_t entry_count_ = 0;
};

}  // namespace interlude::text
