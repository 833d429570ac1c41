// Conversation safety: SAFE-040 (risk read across the last few messages), SAFE-041 (a
// retraction does not close a high turn) and SAFE-042 (carrying on with it stays high) —
// see conversation.h and docs/safety.md.
#include "safety/conversation.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "safety/tier_policy.h"
#include "text/document.h"

namespace interlude::safety {
namespace {

// Retraction phrases, matched as whole words on the case-folded message (curly apostrophes
// straightened, missing apostrophes tolerated by listing both spellings).
constexpr std::array<std::string_view, 28> kRetractions = {
    "never mind",
    "nevermind",
    "nvm",
    "you misunderstood",
    "you misunderstand",
    "misunderstood me",
    "forget it",
    "forget i said",
    "forget what i said",
    "just kidding",
    "jk",
    "i was joking",
    "it was a joke",
    "only joking",
    "i'm fine",
    "im fine",
    "i am fine",
    "i'm ok",
    "im ok",
    "i'm okay",
    "im okay",
    "i am ok",
    "i am okay",
    "i didn't mean it",
    "i didnt mean it",
    "ignore that",
    "ignore what i said",
    "it doesn't matter",
};

// SAFE-042: words of carrying out what was said, matched like the retractions. After a high
// turn, "I am going to take them all tonight" refers back to the pills without naming them,
// so the engine alone reads nothing in it.
constexpr std::array<std::string_view, 18> kCarryingOn = {
    "going to",       "gonna",          "i will",       "i'll",        "do it",
    "doing it",       "take them",      "take it",      "take all",    "tonight",
    "right now",      "goodbye",        "bye forever",  "it'll be over", "it will be over",
    "end it",         "no going back",  "won't be here",
};

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' ||
         (static_cast<unsigned char>(c) >= 0x80);
}

std::string Fold(std::string_view message) {
  std::string folded = text::FoldCase(message);
  // Straighten U+2019 (right single quotation mark) to an ASCII apostrophe.
  std::string out;
  out.reserve(folded.size());
  for (size_t i = 0; i < folded.size(); ++i) {
    if (folded.compare(i, 3, "\xE2\x80\x99") == 0) {
      out.push_back('\'');
      i += 2;
    } else {
      out.push_back(folded[i]);
    }
  }
  return out;
}

template <size_t N>
bool ContainsPhrase(std::string_view message, const std::array<std::string_view, N>& phrases) {
  const std::string folded = Fold(message);
  for (std::string_view phrase : phrases) {
    for (size_t pos = folded.find(phrase); pos != std::string::npos;
         pos = folded.find(phrase, pos + 1)) {
      const size_t end = pos + phrase.size();
      const bool starts = pos == 0 || !IsWordChar(folded[pos - 1]);
      const bool ends = end == folded.size() || !IsWordChar(folded[end]);
      if (starts && ends) return true;
    }
  }
  return false;
}

bool IsRetraction(std::string_view message) { return ContainsPhrase(message, kRetractions); }
bool IsCarryingOn(std::string_view message) { return ContainsPhrase(message, kCarryingOn); }

// The text-only assessment of `text`; none when the text cannot be analysed (safety never
// stops a conversation).
Assessment AssessOne(const text::Analyzer& analyzer, std::string_view message) {
  auto analysis = analyzer.Analyze(message);
  if (!analysis.ok()) return Assessment{};
  return AssessText(analysis->risk);
}

std::string Join(std::span<const std::string> messages) {
  std::string out;
  for (const std::string& m : messages) {
    if (!out.empty()) out += "\n";
    out += m;
  }
  return out;
}

}  // namespace

nlohmann::json ConversationSafetyState::ToJson() const {
  return nlohmann::json{{"highest", std::string(TierName(highest))}, {"open_high", open_high}};
}

ConversationSafetyState ConversationSafetyState::FromJson(const nlohmann::json& j) {
  ConversationSafetyState state;
  if (!j.is_object()) return state;
  const auto highest = j.find("highest");
  const auto open = j.find("open_high");
  if (highest == j.end() || open == j.end() || !highest->is_string() || !open->is_boolean()) {
    return state;
  }
  Tier tier = Tier::kNone;
  if (!ParseTier(highest->get_ref<const std::string&>(), tier)) return state;
  state.highest = tier;
  state.open_high = open->get<bool>();
  return state;
}

Assessment AssessTurn(const text::Analyzer& analyzer, std::span<const std::string> user_messages,
                      ConversationSafetyState& state) {
  if (user_messages.empty()) return Assessment{};
  const std::string& newest = user_messages.back();
  Assessment result = AssessOne(analyzer, newest);

  // SAFE-040: the newest message read together with the previous few. The joined reading
  // counts only when it is stronger than both the newest message alone and the previous
  // messages alone, i.e. when the risk is in the combination (an earlier high turn must not
  // make every later message high; SAFE-041 handles what follows a high turn).
  const size_t previous = std::min(kConversationWindow, user_messages.size() - 1);
  if (previous > 0) {
    const auto before = user_messages.subspan(user_messages.size() - 1 - previous, previous);
    const auto window = user_messages.subspan(user_messages.size() - 1 - previous);
    const Assessment joined = AssessOne(analyzer, Join(window));
    if (joined.tier > result.tier) {
      const Assessment earlier = AssessOne(analyzer, Join(before));
      if (joined.tier > earlier.tier) {
        result = Combine(result, joined);
        result.Raise(joined.tier, "SAFE-040", "risk_across_messages");
      }
    }
  }

  // SAFE-041: while a high turn is open, a retraction stays at least moderate and every
  // other turn at least low, and the screener stays offered until a screener closes it.
  if (state.open_high && result.tier < Tier::kHigh) {
    if (IsRetraction(newest)) {
      result.Raise(Tier::kModerate, "SAFE-041", "retraction_after_high");
    } else if (IsCarryingOn(newest)) {
      // SAFE-042: speaking of carrying it out, while a high turn is open, is high.
      result.Raise(Tier::kHigh, "SAFE-042", "carrying_on_after_high");
    } else {
      result.Raise(Tier::kLow, "SAFE-041", "open_high");
    }
    result.concerns.self = true;
    result.offer_screener = true;
  }

  state.highest = MaxTier(state.highest, result.tier);
  if (result.tier == Tier::kHigh && result.concerns.self) state.open_high = true;
  return result;
}

void CloseWithScreener(Tier screener_tier, ConversationSafetyState& state) {
  state.highest = MaxTier(state.highest, screener_tier);
  if (screener_tier < Tier::kHigh) state.open_high = false;
}

}  // namespace interlude::safety
