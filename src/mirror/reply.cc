// Reply, Act names and the API form of a reply.
#include "mirror/reply.h"

#include <array>
#include <utility>

namespace interlude::mirror {
namespace {

constexpr std::array<std::pair<Act, std::string_view>, 7> kActNames = {{
    {Act::kSimpleReflection, "simple_reflection"},
    {Act::kComplexReflection, "complex_reflection"},
    {Act::kAffirmation, "affirmation"},
    {Act::kQuestion, "question"},
    {Act::kInvitation, "invitation"},
    {Act::kSummary, "summary"},
    {Act::kInformation, "information"},
}};

}  // namespace

std::string_view ActName(Act act) {
  for (const auto& [a, name] : kActNames) {
    if (a == act) return name;
  }
  return "information";
}

bool ParseAct(std::string_view name, Act& out) {
  for (const auto& [a, n] : kActNames) {
    if (n == name) {
      out = a;
      return true;
    }
  }
  return false;
}

std::string Reply::Text() const {
  std::string out;
  for (const ReplySentence& s : sentences) {
    if (!out.empty()) out += ' ';
    out += s.text;
  }
  return out;
}

nlohmann::json ReplyToJson(const Reply& reply) {
  nlohmann::json sentences = nlohmann::json::array();
  for (const ReplySentence& s : reply.sentences) {
    sentences.push_back({{"text", s.text}, {"act", std::string(ActName(s.act))}});
  }
  return {{"text", reply.Text()}, {"sentences", std::move(sentences)}};
}

}  // namespace interlude::mirror
