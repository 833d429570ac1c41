// The safety response: what a write's API answer carries when risk was found —
// `safety: {tier, reasons[], message, resources[], actions[]}` — chosen from the Assessment,
// the person's country and the concerns:
//   SAFE-050 low:      a gentle check-in line and a link to resources (action "resources").
//   SAFE-051 moderate: the locale's crisis lines, the screener and safety plan offered.
//   SAFE-052 high:     the emergency number and crisis lines first (call and text), plain
//                      hopeful wording, then the safety plan (and the clinician alert,
//                      which the API raises).
//   SAFE-053 third-party risk: resources for helping someone else.
//   SAFE-054 abuse or unsafe at home: domestic-abuse resources for the locale.
//   SAFE-055 harm to others: the crisis line and emergency number, no screener.
// Messages come from data/safety/messages.txt and every one passes the safe-messaging
// checker when loaded (SAFE-060), so nothing unchecked reaches a person.
//
// Thread-safety: immutable after Load; Build may run concurrently.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "nlohmann/json.hpp"
#include "safety/helplines.h"
#include "safety/safe_messaging.h"
#include "safety/tier.h"

namespace interlude::safety {

// Actions the client offers, in order: "call_emergency", "crisis_lines", "safety_plan",
// "screener", "resources", "helping_others", "abuse_support", "check_in".
struct SafetyResponse {
  Tier tier = Tier::kNone;
  std::vector<Reason> reasons;
  std::string message;  // one or two plain sentences; empty for tier none
  std::vector<Resource> resources;
  std::vector<std::string> actions;
  // {tier, reasons:[{rule, code}], message, resources:[{kind, name, phone?, sms?,
  //  sms_keyword?, url?, hours?, note?}], actions:[...], country}
  nlohmann::json ToJson() const;
  std::string country;  // whose resources these are ("" = international)
};

// {kind, name, phone?, sms?, sms_keyword?, url?, hours?, note?}: empty fields are left out.
nlohmann::json ResourceJson(const Resource& resource);

class ResponseBuilder {
 public:
  // Loads data_root/safety/messages.txt and checks every message with `checker`.
  // NotFound / InvalidArgument (file:line) for a missing or malformed file or a missing
  // message key; FailedPrecondition naming the key and rule when a message fails the checker.
  static Result<std::unique_ptr<ResponseBuilder>> Load(const std::string& data_root,
                                                       const SafeMessagingChecker& checker,
                                                       const HelplineDirectory& helplines);

  // The response for `assessment` for a person in `country` (ISO alpha-2 or "").
  SafetyResponse Build(const Assessment& assessment, std::string_view country) const;

  ~ResponseBuilder();

 private:
  explicit ResponseBuilder(const HelplineDirectory& helplines);
  const HelplineDirectory& helplines_;
  struct Messages;
  std::unique_ptr<Messages> messages_;
};

}  // namespace interlude::safety
