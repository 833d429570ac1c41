// Intent: what a companion message is doing (greeting, goodbye, thanks, venting, asking for
// advice, asking what the companion is, off-topic, agreeing to or declining an offer), read
// from word patterns in data/mirror/companion.txt (`@intent` rows) and the engine's analysis.
//
// Pattern rows: `@intent<TAB>name<TAB>max_words<TAB>pattern`. A pattern is lower-case words
// matched as a run anywhere in the message (apostrophes dropped, so "what's" is "whats");
// `a|b` is either word and `*` any one word. `max_words` > 0 limits the rule to messages of
// at most that many words (a "thanks" inside a long message is not a thank-you).
// Precedence: asking_what_it_is, off_topic (only when the message carries no feeling or
// theme), asking_advice, decline, agreement, goodbye, thanks, greeting; else venting.
//
// Thread-safety: IntentRules is immutable after construction.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "mirror/companion.h"
#include "text/analysis.h"

namespace interlude::mirror {

// The message's words: lower case ASCII, apostrophes dropped, split on everything else.
std::vector<std::string> MessageWords(std::string_view text);

class IntentRules {
 public:
  // From the rows of an `@intent` table (each: name, max_words, pattern). InvalidArgument
  // naming `path` for an unknown intent name, a bad number or an empty pattern.
  static Result<IntentRules> FromRows(const std::vector<std::vector<std::string>>& rows,
                                      const std::string& path);

  // The intent of `text` (analysis: of the same text, for feelings and themes).
  Intent Classify(std::string_view text, const text::Analysis& analysis) const;

  // True when some rule of `intent` matches `text` (ignoring precedence).
  bool Matches(Intent intent, std::string_view text) const;

 private:
  struct Rule {
    Intent intent;
    size_t max_words = 0;
    std::vector<std::vector<std::string>> atoms;  // alternatives per position; {"*"} any
  };
  static bool RuleMatches(const Rule& rule, const std::vector<std::string>& words);
  std::vector<Rule> rules_;
};

bool ParseIntent(std::string_view name, Intent& out);

}  // namespace interlude::mirror
