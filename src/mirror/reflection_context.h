// What a reply may say about one message: the flags its templates' conditions test
// (sentiment, strongest emotion and theme, thinking traps, register, length) and the values
// of their placeholders, taken from the writer's own words (text::Analysis key phrases,
// emotion and distortion evidence) and from the plain-word tables in the template file.
// Shared by the reflection composer and the companion.
//
// Placeholders:
//   {phrase} {phrase2}  salient phrases of theirs, paraphrased (first person -> second)
//   {quote}             a salient phrase exactly as written
//   {feeling} {feeling_noun} {feeling2}  the strongest emotion(s) in plain words
//   {theme}             the strongest theme in plain words
//   {evidence}          the words of the first thinking-trap finding, as written
//   {did}               something the person did ("managed to say no"), paraphrased
//   {echo}              their first sentence said back in the second person ("you're fed up
//                       with being ignored at work"), only for a short plain statement: not
//                       when a thinking trap, self-criticism or risk language was found
// Nothing is quoted when the engine found any risk language in the text.
//
// Thread-safety: pure functions; EntryWords is immutable after construction.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "mirror/style_target.h"
#include "mirror/templates.h"
#include "safety/safe_messaging.h"
#include "text/analysis.h"

namespace interlude::mirror {

// The plain-word tables of a template file: @feeling, @theme, @did.
struct EntryWords {
  std::map<std::string, std::pair<std::string, std::string>> feelings;  // emotion -> adj, noun
  std::map<std::string, std::string> themes;                            // theme -> words
  std::vector<std::string> did_cues;                                    // lower case
  std::set<std::string> never_quote;  // @never_quote: words never said back (lower case)
  // False when `phrase` holds a word of never_quote.
  bool Quotable(std::string_view phrase) const;
  // Reads the tables; InvalidArgument naming `path` when a row is malformed.
  static Result<EntryWords> FromTables(const TemplateSet& set, const std::string& path);
};

// The placeholder names the context can fill.
const std::set<std::string>& EntryPlaceholders();

// Flags and values for replying to `text` (see the file comment). Values that fail the
// checker are left out (so templates needing them are not used).
TemplateContext BuildEntryContext(std::string_view text, const text::Analysis& analysis,
                                  const StyleTarget& target, const EntryWords& words,
                                  const safety::SafeMessagingChecker& checker);

// The salient phrases of `text` suitable for quoting back, best first (at most `max`), as
// written; empty when the text holds risk language. `clauses`, when given, says for each
// whether it reads as a clause ("my chest feels tight") rather than a noun phrase.
std::vector<std::string> SalientPhrases(std::string_view text, const text::Analysis& analysis,
                                        size_t max, std::vector<bool>* clauses = nullptr);

}  // namespace interlude::mirror
