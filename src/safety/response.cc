// Building the safety response (response.h): SAFE-050..055 choose the message, resources
// and actions; SAFE-060 checks every message when loaded.
#include "safety/response.h"

#include <algorithm>
#include <array>
#include <map>

#include "base/ascii.h"
#include "text/data_file.h"

namespace interlude::safety {
namespace {

// Every key messages.txt must define (and the only ones it may).
constexpr std::array<std::string_view, 12> kMessageKeys = {
    "low",         "check_in",     "moderate",          "high",
    "third_party", "abuse",        "harm_to_others",    "retraction",
    "open_high",   "screener_low", "screener_moderate", "screener_high",
};

// The client's actions in the order it offers them.
constexpr std::array<std::string_view, 8> kActionOrder = {
    "call_emergency", "crisis_lines",   "safety_plan",   "screener",
    "resources",      "helping_others", "abuse_support", "check_in",
};

constexpr std::string_view kEmergencyPlaceholder = "{emergency}";

bool HasCode(const Assessment& a, std::string_view code) {
  return std::any_of(a.reasons.begin(), a.reasons.end(),
                     [&](const Reason& r) { return r.code == code; });
}

bool FromScreener(const Assessment& a) {
  return std::any_of(a.reasons.begin(), a.reasons.end(), [](const Reason& r) {
    return r.rule == "SAFE-030" || r.rule == "SAFE-031" || r.rule == "SAFE-032";
  });
}

// Collects resource kinds and actions without duplicates.
struct Plan {
  std::vector<ResourceKind> kinds;
  std::vector<std::string_view> actions;
  void Kinds(std::initializer_list<ResourceKind> list) {
    for (ResourceKind k : list) {
      if (std::find(kinds.begin(), kinds.end(), k) == kinds.end()) kinds.push_back(k);
    }
  }
  void Actions(std::initializer_list<std::string_view> list) {
    for (std::string_view a : list) {
      if (std::find(actions.begin(), actions.end(), a) == actions.end()) actions.push_back(a);
    }
  }
};

// What the writer's own risk calls for (SAFE-050..052).
void PlanSelf(const Assessment& a, Plan& plan) {
  using K = ResourceKind;
  switch (a.tier) {
    case Tier::kNone: break;
    case Tier::kLow:  // SAFE-050
      plan.Kinds({K::kCrisis, K::kText});
      plan.Actions({"resources", "check_in"});
      break;
    case Tier::kModerate:  // SAFE-051
      plan.Kinds({K::kCrisis, K::kText});
      plan.Actions({"crisis_lines", "safety_plan"});
      break;
    case Tier::kHigh:  // SAFE-052
      plan.Kinds({K::kEmergency, K::kCrisis, K::kText});
      plan.Actions({"call_emergency", "crisis_lines", "safety_plan"});
      break;
  }
  if (a.offer_screener) plan.Actions({"screener"});
  if (FromScreener(a)) plan.Actions({"safety_plan"});  // any positive screener (§6.2)
}

// SAFE-054: domestic-abuse resources; the emergency number first when high.
void PlanAbuse(const Assessment& a, Plan& plan) {
  using K = ResourceKind;
  if (a.tier == Tier::kHigh) {
    plan.Kinds({K::kEmergency, K::kAbuse});
    plan.Actions({"call_emergency", "abuse_support"});
  } else {
    plan.Kinds({K::kAbuse, K::kEmergency});
    plan.Actions({"abuse_support"});
  }
}

// SAFE-055: the crisis line and the emergency number, no screener.
void PlanHarmToOthers(const Assessment& a, Plan& plan) {
  using K = ResourceKind;
  if (a.tier == Tier::kHigh) {
    plan.Kinds({K::kEmergency, K::kCrisis});
  } else {
    plan.Kinds({K::kCrisis, K::kEmergency});
  }
  plan.Actions({"call_emergency", "crisis_lines"});
}

// SAFE-053: resources for helping someone else.
void PlanThirdParty(Plan& plan) {
  plan.Kinds({ResourceKind::kHelpingOthers, ResourceKind::kCrisis});
  plan.Actions({"helping_others", "resources"});
}

}  // namespace

struct ResponseBuilder::Messages {
  std::map<std::string, std::string, std::less<>> by_key;
};

ResponseBuilder::ResponseBuilder(const HelplineDirectory& helplines) : helplines_(helplines) {}
ResponseBuilder::~ResponseBuilder() = default;

Result<std::unique_ptr<ResponseBuilder>> ResponseBuilder::Load(const std::string& data_root,
                                                               const SafeMessagingChecker& checker,
                                                               const HelplineDirectory& helplines) {
  const std::string path = data_root + "/safety/messages.txt";
  auto messages = std::make_unique<Messages>();
  RETURN_IF_ERROR(text::ForEachDataLine(
      path, "safety messages", [&](const std::string& line, int number) -> Status {
        const size_t tab = line.find('\t');
        if (tab == std::string::npos) {
          return text::DataLineError(path, number, "expected `key<TAB>message`");
        }
        const std::string key(TrimAscii(std::string_view(line).substr(0, tab)));
        const std::string message(TrimAscii(std::string_view(line).substr(tab + 1)));
        if (std::find(kMessageKeys.begin(), kMessageKeys.end(), key) == kMessageKeys.end()) {
          return text::DataLineError(path, number, "unknown message key `" + key + "`");
        }
        if (message.empty()) return text::DataLineError(path, number, "empty message");
        // Only {emergency} may be filled in.
        std::string rest = message;
        for (size_t at = rest.find(kEmergencyPlaceholder); at != std::string::npos;
             at = rest.find(kEmergencyPlaceholder)) {
          rest.erase(at, kEmergencyPlaceholder.size());
        }
        if (rest.find('{') != std::string::npos || rest.find('}') != std::string::npos) {
          return text::DataLineError(path, number, "unknown placeholder (only {emergency})");
        }
        if (!messages->by_key.emplace(key, message).second) {
          return text::DataLineError(path, number, "duplicate message key `" + key + "`");
        }
        // SAFE-060: nothing unchecked reaches a person.
        const std::vector<Violation> found = checker.Check(message);
        if (!found.empty()) {
          return FailedPrecondition("safety message `" + key + "` fails safe-messaging rule " +
                                    found.front().rule + " (" + found.front().category + ")");
        }
        return OkStatus();
      }));
  for (std::string_view key : kMessageKeys) {
    if (messages->by_key.find(key) == messages->by_key.end()) {
      return InvalidArgument(path + ":0: missing message `" + std::string(key) + "`");
    }
  }
  auto builder = std::unique_ptr<ResponseBuilder>(new ResponseBuilder(helplines));
  builder->messages_ = std::move(messages);
  return builder;
}

SafetyResponse ResponseBuilder::Build(const Assessment& assessment,
                                      std::string_view country) const {
  const CountryHelplines& lines = helplines_.For(country);
  SafetyResponse out;
  out.tier = assessment.tier;
  out.reasons = assessment.reasons;
  out.country = lines.country;
  if (assessment.tier == Tier::kNone) return out;

  const Concerns& c = assessment.concerns;
  const bool self = c.self || !(c.abuse || c.harm_to_others || c.third_party);
  const bool high = assessment.tier == Tier::kHigh;

  // The message and the leading resources follow the concern that matters most here.
  std::string key;
  Plan plan;
  if (FromScreener(assessment)) {
    key = "screener_" + std::string(TierName(assessment.tier));
  } else if (HasCode(assessment, "retraction_after_high")) {
    key = "retraction";
  } else if (HasCode(assessment, "open_high") && !high) {
    key = "open_high";
  } else if (self && high) {
    key = "high";
  } else if (c.abuse) {
    key = "abuse";
  } else if (c.harm_to_others) {
    key = "harm_to_others";
  } else if (self) {
    key = assessment.tier == Tier::kLow && HasCode(assessment, "recent_high_24h")
              ? "check_in"
              : std::string(TierName(assessment.tier));
  } else {
    key = "third_party";
  }
  const bool abuse_first = key == "abuse";
  const bool harm_first = key == "harm_to_others";
  if (abuse_first) PlanAbuse(assessment, plan);
  if (harm_first) PlanHarmToOthers(assessment, plan);
  if (self) PlanSelf(assessment, plan);
  if (c.abuse && !abuse_first) PlanAbuse(assessment, plan);
  if (c.harm_to_others && !harm_first) PlanHarmToOthers(assessment, plan);
  if (c.third_party) PlanThirdParty(plan);
  plan.Kinds({ResourceKind::kDirectory});

  // The emergency number in words for the message.
  const Resource* emergency = lines.First(ResourceKind::kEmergency);
  std::string emergency_words = "your local emergency number";
  if (emergency != nullptr) {
    emergency_words = !emergency->phone.empty() ? emergency->phone : emergency->note;
  }
  const auto found = messages_->by_key.find(key);
  std::string message = found == messages_->by_key.end() ? std::string() : found->second;
  for (size_t at = message.find(kEmergencyPlaceholder); at != std::string::npos;
       at = message.find(kEmergencyPlaceholder, at + emergency_words.size())) {
    message.replace(at, kEmergencyPlaceholder.size(), emergency_words);
  }
  out.message = std::move(message);

  for (ResourceKind kind : plan.kinds) {
    for (const Resource& r : lines.resources) {
      if (r.kind == kind) out.resources.push_back(r);
    }
  }
  for (std::string_view action : kActionOrder) {
    if (std::find(plan.actions.begin(), plan.actions.end(), action) != plan.actions.end()) {
      out.actions.emplace_back(action);
    }
  }
  return out;
}

nlohmann::json ResourceJson(const Resource& r) {
  nlohmann::json item = {{"kind", std::string(ResourceKindName(r.kind))}, {"name", r.name}};
  const auto add = [&item](const char* key, const std::string& value) {
    if (!value.empty()) item[key] = value;
  };
  add("phone", r.phone);
  add("sms", r.sms);
  add("sms_keyword", r.sms_keyword);
  add("url", r.url);
  add("hours", r.hours);
  add("note", r.note);
  return item;
}

nlohmann::json SafetyResponse::ToJson() const {
  nlohmann::json reasons_json = nlohmann::json::array();
  for (const Reason& r : reasons) reasons_json.push_back({{"rule", r.rule}, {"code", r.code}});
  nlohmann::json resources_json = nlohmann::json::array();
  for (const Resource& r : resources) resources_json.push_back(ResourceJson(r));
  return nlohmann::json{{"tier", std::string(TierName(tier))},
                        {"reasons", std::move(reasons_json)},
                        {"message", message},
                        {"resources", std::move(resources_json)},
                        {"actions", actions},
                        {"country", country}};
}

}  // namespace interlude::safety
