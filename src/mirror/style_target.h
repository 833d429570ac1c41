// Style matching for the mirror's replies: what the writer's own style asks of a reply
// (length, casing, contractions, emoji, final punctuation; read from text::StyleProfile and
// the text) and the function-word counts that let a composer score many candidate replies
// by Language Style Matching (../shared/CLINICAL.md §7) without re-analysing each one:
// counts of sentences add up, so a reply's profile is the sum of its sentences'.
//
// Thread-safety: StyleCounter is immutable after Load (safe to share); the rest are values
// and pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "text/analysis.h"
#include "text/style.h"

namespace interlude::mirror {

// Words and the nine LSM function-word categories of a piece of text, as counts.
struct FunctionCounts {
  int words = 0;
  // personal, impersonal, articles, auxiliary, adverbs, prepositions, conjunctions,
  // negations, quantifiers (the order of text::StyleProfile).
  std::array<int, 9> categories{};
  FunctionCounts& operator+=(const FunctionCounts& other);
};

// The StyleProfile of text with these counts (only `words` and the nine LSM rates set).
text::StyleProfile ProfileOf(const FunctionCounts& counts);

// LSM between text with `counts` and the writer's profile (text::LsmScore).
double LsmAgainst(const FunctionCounts& counts, const text::StyleProfile& writer);

// Counts function words with the engine's own lists (data/text/function_words.txt).
class StyleCounter {
 public:
  // NotFound / InvalidArgument as text::StyleAnalyzer::Load.
  static Result<std::unique_ptr<StyleCounter>> Load(const std::string& data_root);
  FunctionCounts Count(std::string_view text) const;

 private:
  StyleCounter() = default;
  std::unique_ptr<text::StyleAnalyzer> style_;
};

// What the writer's style asks of a reply.
struct StyleTarget {
  int writer_words = 0;
  double target_words = 12;  // preferred reply length in words
  bool lower_case = false;   // the writer writes in lower case: so does the reply
  bool contractions = true;  // "you're" (false: "you are", for formal writers)
  bool formal = false;       // a formal register (no contractions, no emoji)
  bool terse = false;        // very short fragments ("Bad day. Fight with Sam.")
  bool emoji = false;        // the writer uses emoji: one may close the reply
  bool final_period = true;  // false when the writer ends without a full stop
  bool exclaims = false;     // the writer uses exclamation marks
  double compound = 0;       // the writer's sentiment, for the choice of emoji
  const text::StyleProfile* profile = nullptr;  // the writer's (outlives the target)
};

// The target for replying to `text` with its `analysis` (which must outlive the target).
StyleTarget TargetFor(std::string_view text, const text::Analysis& analysis);

// The preferred reply length for a writer of `words` words.
double TargetWords(int words);

// `sentence` (written with full forms: "you are", "it is") in the writer's register:
// contracted for writers who contract, lower-cased for lower-case writers.
std::string ApplyRegister(std::string_view sentence, const StyleTarget& target);

// The final touches on the joined reply: final full stop, exclamation, emoji.
void ApplyFinish(std::string& last_sentence, const StyleTarget& target, bool positive_close);

// 1 when `words` equals the target, falling linearly to 0 at twice (or zero) the target.
double LengthFit(int words, double target);

// A 64-bit mix of two values (splitmix64), for seeded, deterministic tie-breaks.
std::uint64_t Mix(std::uint64_t a, std::uint64_t b);
std::uint64_t HashString(std::string_view s);

// Replaces first-person words with second-person ones ("my boss" -> "your boss", "I'm" ->
// "you're"), for paraphrasing the writer's phrase back to them.
std::string FlipPerson(std::string_view phrase);

}  // namespace interlude::mirror
