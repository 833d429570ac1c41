// Conversation safety: a chat is assessed across turns, not message by message.
//   SAFE-040: each user message is read alone and together with the person's previous
//             messages in the conversation (the last few, joined), so risk disclosed over
//             several messages ("I have the pills." ... "Tonight.") is caught.
//   SAFE-041: once a turn was high, a retraction ("never mind", "you misunderstood",
//             "forget it", "just kidding", "I'm fine") does not close it: the turn stays at
//             least moderate and the screener is offered, until a screener result closes it.
//   SAFE-042: while a high turn is open, a message that speaks of carrying it out ("I am
//             going to take them all tonight", "doing it right now", "goodbye") and is not a
//             retraction is high: the plan refers back to what was said without naming it.
// The state is small and serialisable; the caller keeps it (sealed) with the conversation.
//
// Thread-safety: pure functions over an immutable Analyzer.
#pragma once

#include <span>
#include <string>

#include "nlohmann/json.hpp"
#include "safety/tier.h"
#include "text/analyzer.h"

namespace interlude::safety {

struct ConversationSafetyState {
  Tier highest = Tier::kNone;       // highest tier reached in this conversation
  bool open_high = false;           // a high turn not yet closed by a screener
  nlohmann::json ToJson() const;
  // Unknown or malformed JSON gives the default state (never fails: safety must not stop).
  static ConversationSafetyState FromJson(const nlohmann::json& j);
};

// How many previous user messages are read together with the current one.
inline constexpr size_t kConversationWindow = 3;

// The assessment of the newest user message. `user_messages` are this conversation's user
// messages, oldest first, the newest last (non-empty). Updates `state`.
Assessment AssessTurn(const text::Analyzer& analyzer, std::span<const std::string> user_messages,
                      ConversationSafetyState& state);

// Marks a screener result in this conversation: a screener below high closes an open high.
void CloseWithScreener(Tier screener_tier, ConversationSafetyState& state);

}  // namespace interlude::safety
