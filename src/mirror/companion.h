// Companion: the chat for the moments between sessions, open to anonymous people. It
// listens with motivational-interviewing skills (open questions, affirmations, simple and
// complex reflections, a summary every few turns), keeps track of what was said (topics,
// feelings, what the person wants), and moves through the phases
//   opening -> exploring -> focusing -> exercise (or a piece of psychoeducation)
//   -> summary -> next step (including, where it fits, how to find professional help).
// It recognises greetings, goodbyes, thanks, venting, asking for advice, asking what it is
// (answered truthfully: an automated companion, not a person and not a therapist) and
// off-topic requests (declined politely). Risk is not handled here: the API assesses every
// user turn with safety/ first and, when the safety layer takes the turn, does not call
// Respond (it calls NoteSafetyTurn).
//
// Replies follow the writer's style like reflections do; every sentence passes the
// safe-messaging checker. Deterministic for the same state, message and seed.
//
// Thread-safety: immutable after Load; Respond may run concurrently (state is the caller's).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "mirror/reply.h"
#include "nlohmann/json.hpp"
#include "safety/safe_messaging.h"
#include "text/analysis.h"

namespace interlude::mirror {

enum class Phase { kOpening, kExploring, kFocusing, kExercise, kSummary, kNextStep };
std::string_view PhaseName(Phase phase);  // "opening", ...

// What the person's message is doing, as the companion reads it.
enum class Intent {
  kGreeting,
  kGoodbye,
  kThanks,
  kVenting,       // telling what happened or how they feel (the default for substantive text)
  kAskingAdvice,  // "what should I do?"
  kAskingWhatItIs,  // "are you a real person?", "are you a bot?", "are you a therapist?"
  kOffTopic,      // "write my essay", "what's the capital of France"
  kAgreement,     // "yes", "ok, let's try" (to an offer)
  kDecline,       // "no thanks", "not now"
};
std::string_view IntentName(Intent intent);

// The slots (kinds of sentence) data/mirror/companion.txt may fill.
const std::set<std::string>& CompanionSlots();

// An exercise the caller recommends for this moment (mirror/recommender.h), which the
// companion may offer when the conversation reaches the exercise phase.
struct ExerciseOffer {
  std::string id;      // e.g. "paced_breathing"
  std::string title;   // "Slow breathing"
  std::string reason;  // why it was chosen, in plain words
};

// Everything the companion remembers of one conversation; sealed with it by the caller.
struct CompanionState {
  Phase phase = Phase::kOpening;
  int turns = 0;                        // user turns answered so far
  int turns_since_summary = 0;
  std::vector<std::string> topics;      // themes mentioned (text::ThemeScore names), first first
  std::vector<std::string> feelings;    // emotion names mentioned, first first
  std::vector<std::string> wants;       // what the person said they want, in their words (short)
  std::vector<std::string> key_phrases; // salient phrases of theirs, newest last (bounded)
  std::string offered_exercise;         // id of the last exercise offered, if any
  std::string offered_title;            // its title, as offered (said again when it starts)
  bool exercise_accepted = false;
  bool safety_took_a_turn = false;      // the safety layer answered some turn
  bool check_in_pending = false;        // the next reply checks in gently (after safety)
  int substantive_turns = 0;            // turns that told something (venting, advice)
  bool professional_help_mentioned = false;  // where to find help was said once (per chat)
  std::vector<std::string> recent_templates;  // newest last, bounded by kTemplateMemory
  nlohmann::json ToJson() const;
  // Unknown or malformed JSON gives the default state (never fails).
  static CompanionState FromJson(const nlohmann::json& j);
};

struct CompanionRequest {
  std::string_view text;  // the person's message
  const text::Analysis* analysis = nullptr;  // of `text` (required)
  // Exercises recommended for this moment, best first (may be empty: then psychoeducation).
  std::vector<ExerciseOffer> offers;
  std::uint64_t seed = 0;
};

struct CompanionTurn {
  Reply reply;
  Intent intent = Intent::kVenting;
  // Set when this reply offers (or starts) an exercise; the web shows a button for it.
  std::optional<ExerciseOffer> exercise;
  bool suggests_professional_help = false;
};

class Companion {
 public:
  // Reads data_root/mirror/companion.txt. InvalidArgument naming file and line for a
  // malformed line or a template that fails `checker`. The checker must outlive it.
  static Result<std::unique_ptr<Companion>> Load(const std::string& data_root,
                                                 const safety::SafeMessagingChecker& checker);
  ~Companion();

  // The first message of a new conversation: a short welcome that says what it is (an
  // automated companion, not a person or a therapist) and asks an open question.
  Reply Opening(std::uint64_t seed) const;

  // Answers one user message and advances `state`.
  CompanionTurn Respond(const CompanionRequest& request, CompanionState& state) const;

  // Records that the safety layer answered this turn instead (so the next reply can check
  // in gently and the summary can mention it without content).
  static void NoteSafetyTurn(CompanionState& state);

  // A short summary of the conversation for the person (and, if they choose, a linked
  // clinician): topics, feelings and what they want, in plain words. Empty state -> "".
  std::string Summary(const CompanionState& state) const;

 private:
  Companion();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace interlude::mirror
