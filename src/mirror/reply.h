// Reply: what the mirror says back — a few sentences, each labelled with the
// motivational-interviewing act it performs (../shared/CLINICAL.md §8), so that the MITI
// ratios (reflections to questions, share of complex reflections) are counted from the
// engine's own labels, and so the web can show the parts differently.
//
// Thread-safety: plain values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "nlohmann/json.hpp"

namespace interlude::mirror {

enum class Act {
  kSimpleReflection,   // repeats or lightly rephrases what was said
  kComplexReflection,  // names the feeling or meaning beneath what was said
  kAffirmation,        // recognises something the person did or a strength
  kQuestion,           // an open question (at most one per reply)
  kInvitation,         // gently invites another view of a thinking trap
  kSummary,            // gathers several things said
  kInformation,        // a fact, an offer of an exercise, or where to find help
};
std::string_view ActName(Act act);  // "simple_reflection", ..., "information"
// False for any other name.
bool ParseAct(std::string_view name, Act& out);

struct ReplySentence {
  std::string text;
  Act act = Act::kSimpleReflection;
  // The template (or rule) the sentence came from, for variety and explanation; never shown.
  std::string template_id;
};

struct Reply {
  std::vector<ReplySentence> sentences;
  // The sentences joined by single spaces.
  std::string Text() const;
  bool empty() const { return sentences.empty(); }
};

// {"text": ..., "sentences": [{"text", "act"}]} (template ids are not part of the API).
nlohmann::json ReplyToJson(const Reply& reply);

}  // namespace interlude::mirror
