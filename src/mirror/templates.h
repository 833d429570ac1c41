// Templates: the sentences the mirror can say, as data (data/mirror/reflections.txt and
// data/mirror/companion.txt), and the machinery both composers share to use them:
//
//   * parsing: `id<TAB>slot<TAB>act<TAB>when<TAB>text` lines, and `@table<TAB>key<TAB>...`
//     lines (feeling words, theme words, cue lists);
//   * conditions: `when` is `-` or a comma-separated list, each of which must hold; each
//     item is a flag (`neg`, `terse`) or `name:a|b` (holds when the flag `name:a` or
//     `name:b` is set), and a leading `!` negates it;
//   * placeholders: `{phrase}`, `{feeling}`, ... filled from the context's values; a
//     template whose placeholders cannot all be filled is not a candidate;
//   * choosing: candidate sentences for each part of a reply are scored together by LSM
//     against the writer, length fit and a seeded tie-break, never repeating a recent
//     template, and the chosen sentences are passed through the safe-messaging checker.
//
// Every template is checked against the safe-messaging checker at load, with each
// placeholder filled by a neutral word.
//
// Thread-safety: TemplateSet is immutable after Load; the rest are values.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "mirror/reply.h"
#include "mirror/style_target.h"
#include "safety/safe_messaging.h"

namespace interlude::mirror {

struct Template {
  std::string id;
  std::string slot;  // what part of a reply it can be ("reflection", "question", ...)
  Act act = Act::kSimpleReflection;
  std::vector<std::string> when;  // conditions, all of which must hold
  std::string text;               // with {placeholders}
  std::vector<std::string> placeholders;
  FunctionCounts counts_full;        // of the text without placeholders, full forms
  FunctionCounts counts_contracted;  // the same with contractions
  int line = 0;
  std::uint64_t id_hash = 0;  // HashString(id), for seeded tie-breaks
  bool sounds = false;        // says "sounds" ("It sounds like", "That sounds hard"): one a reply
};

// What is known about the moment a reply is for: flags for the conditions and values for
// the placeholders.
struct TemplateContext {
  std::set<std::string> flags;
  std::map<std::string, std::string> values;
  bool Holds(std::string_view condition) const;
  bool HoldsAll(const std::vector<std::string>& conditions) const;
};

class TemplateSet {
 public:
  // Reads `path`. `slots` lists the slot names allowed in the file. InvalidArgument naming
  // file and line for a malformed line, an unknown slot or act, a duplicate id, an unknown
  // placeholder (not in `placeholders`), or a template that fails `checker`.
  static Result<TemplateSet> Load(const std::string& path, const std::set<std::string>& slots,
                                  const std::set<std::string>& placeholders,
                                  const safety::SafeMessagingChecker& checker,
                                  const StyleCounter& counter);

  const std::vector<Template>& templates() const { return templates_; }
  // The templates of one slot, in file order.
  std::vector<const Template*> OfSlot(std::string_view slot) const;
  // The rows of a `@name` table (each row: the fields after the name).
  const std::vector<std::vector<std::string>>& Table(const std::string& name) const;

 private:
  std::vector<Template> templates_;
  std::map<std::string, std::vector<std::vector<std::string>>> tables_;
};

// `text` with its placeholders filled from `values`; false when one has no value.
bool FillTemplate(const std::string& text, const std::map<std::string, std::string>& values,
                  std::string& out);

// A candidate sentence for one part of a reply.
struct Candidate {
  const Template* source = nullptr;
  std::string text;  // filled, in the writer's register
  FunctionCounts counts;
};

// One way to build a reply: a list of parts, each a list of candidates.
using Shape = std::vector<const std::vector<Candidate>*>;

struct Choice {
  std::vector<const Candidate*> sentences;
  double score = -1;
};

// The best combination over all shapes (one candidate per part, no template twice, none in
// `banned`), scored by LSM against the writer + length fit + a seeded tie-break, with
// `bonus` added per candidate (e.g. for the act wanted). Sentences the checker rejects are
// excluded and the choice is made again. Empty when no shape can be filled.
struct ChooseOptions {
  const StyleTarget* target = nullptr;
  std::uint64_t seed = 0;
  const std::set<std::string>* banned = nullptr;
  const safety::SafeMessagingChecker* checker = nullptr;
  double length_weight = 0.15;
  // Added for each affirmation in a combination: recognising what the person did is worth
  // a little style match (MITI counts affirmations as MI-adherent).
  double affirmation_bonus = 0.06;
};
Choice ChooseBest(const std::vector<Shape>& shapes, const ChooseOptions& options);

// Builds the candidates of `slot`'s templates whose conditions hold and placeholders fill,
// skipping banned ids; each rendered in the target's register and counted.
std::vector<Candidate> BuildCandidates(const TemplateSet& set, std::string_view slot,
                                       const TemplateContext& context, const StyleTarget& target,
                                       const StyleCounter& counter,
                                       const std::set<std::string>* banned);

// The chosen sentences as a Reply (finishing touches applied to the last one).
Reply ToReply(const Choice& choice, const StyleTarget& target);

}  // namespace interlude::mirror
