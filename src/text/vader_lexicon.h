// VaderLexicon: the VADER valence lexicon (the `vader_lexicon.txt` that the npm package
// `vader-sentiment` ships) merged with the rule words of the reference implementation
// (boosters and dampeners, negations, the handful of words the rules test by name), in one
// open-addressing hash table keyed by lower-case string_view. One lookup per token gives
// everything the rules need to know about a word, so scoring does no other searching.
//
// Optionally, an emoji description file in the reference's format (`emoji_utf8_lexicon.txt`,
// `emoji<TAB>description` per line) beside the lexicon: when present, single-code-point
// emoji are translated to their descriptions before scoring, as vaderSentiment 3.3 does.
//
// Thread-safety: immutable after Load; every const method is safe from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"

namespace interlude::text::vader {

// Words the rules test by name (`Keyword` of a WordInfo). kNone for every other word.
enum class Keyword : uint8_t {
  kNone,
  kBut,
  kNo,
  kKind,
  kOf,
  kLeast,
  kAt,
  kVery,
  kNever,
  kSo,
  kThis,
  kWithout,
  kDoubt,
  kOr,
  kNor,
  // Journal mode only.
  kHowever,
  kAlthough,
  kThough,
  kYet,
  kAll,
  kEven,
  kNot,
  kModal,  // would, could, should, might, if: irrealis
  kOpinionVerb,  // think, feel, believe, ...: "I don't think it's good" negates "good"
};

// What the rules know about one lower-case word.
struct WordInfo {
  double valence = 0;       // mean human rating, -4..4 (meaningful when in_lexicon)
  double booster = 0;       // +0.293 booster, -0.293 dampener (meaningful when is_booster)
  bool in_lexicon = false;  // a key of vader_lexicon.txt
  bool is_booster = false;  // a key of the reference's BOOSTER_DICT
  bool negates = false;     // a word of the reference's NEGATE list
  Keyword keyword = Keyword::kNone;
  uint8_t idiom_word = 0;   // 1-based id among the words of multi-word idioms, 0 if none
};

// Multi-word keys of the reference's SPECIAL_CASES (valence replaces the word's) and of
// BOOSTER_DICT ("kind of": the valence is added), as sequences of idiom-word ids.
struct IdiomKey {
  uint8_t words[3] = {0, 0, 0};
  uint8_t length = 0;
  double value = 0;
};

// FNV-1a over the bytes (the table's hash).
inline constexpr uint64_t kHashSeed = 1469598103934665603ull;
inline uint64_t HashStep(uint64_t h, char c) {
  return (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
}
inline uint64_t HashWord(std::string_view s) {
  uint64_t h = kHashSeed;
  for (const char c : s) h = HashStep(h, c);
  return h;
}

class VaderLexicon {
 public:
  // Reads the lexicon (`word<TAB>mean<TAB>...` per line, as the reference reads it) and,
  // if present, `emoji_utf8_lexicon.txt` in the same folder. FailedPrecondition naming
  // `make setup` when the lexicon file is missing; DataLoss when it holds no entries.
  static Result<std::unique_ptr<VaderLexicon>> Load(const std::string& lexicon_path);

  // The information for a lower-case word; a shared all-default WordInfo when unknown.
  const WordInfo& Find(std::string_view lower_word) const {
    return Find(lower_word, HashWord(lower_word));
  }
  // The same, with `hash` == HashWord(lower_word) computed by the caller.
  const WordInfo& Find(std::string_view lower_word, uint64_t hash) const;

  const std::vector<IdiomKey>& special_cases() const { return special_cases_; }
  const std::vector<IdiomKey>& booster_bigrams() const { return booster_bigrams_; }

  // The description of a single-code-point emoji, or nullptr (always nullptr when no emoji
  // file was found).
  const std::string* EmojiDescription(char32_t code_point) const;
  bool has_emoji() const { return !emoji_.empty(); }

  size_t lexicon_size() const { return lexicon_entries_; }

 private:
  VaderLexicon() = default;
  WordInfo& Insert(std::string_view lower_word);
  void Rehash(size_t capacity);
  uint8_t IdiomWordId(std::string_view word);

  struct Slot {
    uint64_t hash = 0;
    uint32_t key_offset = 0;
    uint32_t key_length = 0;
    uint32_t info = 0;  // index into infos_ + 1; 0 = empty slot
  };
  std::string keys_;  // every key, concatenated
  std::vector<WordInfo> infos_;
  std::vector<Slot> slots_;  // power-of-two size, linear probing
  size_t mask_ = 0;
  size_t lexicon_entries_ = 0;
  uint8_t next_idiom_word_ = 1;
  std::vector<IdiomKey> special_cases_;
  std::vector<IdiomKey> booster_bigrams_;
  std::unordered_map<char32_t, std::string> emoji_;
};

}  // namespace interlude::text::vader
