// Phase names and the stored form of a companion conversation's state (companion.h).
#include <array>
#include <utility>

#include "mirror/companion.h"

namespace interlude::mirror {
namespace {

constexpr std::array<std::pair<Phase, std::string_view>, 6> kPhaseNames = {{
    {Phase::kOpening, "opening"},
    {Phase::kExploring, "exploring"},
    {Phase::kFocusing, "focusing"},
    {Phase::kExercise, "exercise"},
    {Phase::kSummary, "summary"},
    {Phase::kNextStep, "next_step"},
}};

// A bound on each list read back, so a tampered or corrupt state stays small.
constexpr size_t kMaxListItems = 20;

std::vector<std::string> StringList(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  const auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const nlohmann::json& item : *it) {
    if (item.is_string() && out.size() < kMaxListItems) {
      out.push_back(item.get<std::string>());
    }
  }
  return out;
}

int IntOr(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return 0;
  const auto v = it->get<long long>();
  return v < 0 ? 0 : v > 1000000 ? 1000000 : static_cast<int>(v);
}

bool BoolOr(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

std::string StringOr(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string_view PhaseName(Phase phase) {
  for (const auto& [p, name] : kPhaseNames) {
    if (p == phase) return name;
  }
  return "opening";
}

nlohmann::json CompanionState::ToJson() const {
  return {
      {"phase", std::string(PhaseName(phase))},
      {"turns", turns},
      {"turns_since_summary", turns_since_summary},
      {"substantive_turns", substantive_turns},
      {"topics", topics},
      {"feelings", feelings},
      {"wants", wants},
      {"key_phrases", key_phrases},
      {"offered_exercise", offered_exercise},
      {"offered_title", offered_title},
      {"exercise_accepted", exercise_accepted},
      {"safety_took_a_turn", safety_took_a_turn},
      {"check_in_pending", check_in_pending},
      {"professional_help_mentioned", professional_help_mentioned},
      {"recent_templates", recent_templates},
  };
}

CompanionState CompanionState::FromJson(const nlohmann::json& j) {
  CompanionState s;
  if (!j.is_object()) return s;
  const std::string phase = StringOr(j, "phase");
  for (const auto& [p, name] : kPhaseNames) {
    if (name == phase) s.phase = p;
  }
  s.turns = IntOr(j, "turns");
  s.turns_since_summary = IntOr(j, "turns_since_summary");
  s.substantive_turns = IntOr(j, "substantive_turns");
  s.topics = StringList(j, "topics");
  s.feelings = StringList(j, "feelings");
  s.wants = StringList(j, "wants");
  s.key_phrases = StringList(j, "key_phrases");
  s.offered_exercise = StringOr(j, "offered_exercise");
  s.offered_title = StringOr(j, "offered_title");
  s.exercise_accepted = BoolOr(j, "exercise_accepted");
  s.safety_took_a_turn = BoolOr(j, "safety_took_a_turn");
  s.check_in_pending = BoolOr(j, "check_in_pending");
  s.professional_help_mentioned = BoolOr(j, "professional_help_mentioned");
  s.recent_templates = StringList(j, "recent_templates");
  return s;
}

}  // namespace interlude::mirror
