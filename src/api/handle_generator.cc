// Handle word lists: calm, neutral words only (nothing that could read as a judgement).
#include "api/handle_generator.h"

#include <array>

#include "base/random.h"

namespace interlude::api {
namespace {

constexpr std::array<const char*, 48> kAdjectives = {
    "quiet",  "gentle", "bright", "steady", "warm",   "calm",   "amber",  "silver",
    "misty",  "sunny",  "golden", "hidden", "little", "patient", "soft",  "still",
    "clear",  "early",  "evening", "morning", "autumn", "winter", "spring", "summer",
    "river",  "forest", "meadow", "harbor", "coastal", "mountain", "valley", "cloud",
    "velvet", "cedar",  "maple",  "willow", "copper", "ivory",  "azure",  "coral",
    "hazel",  "linen",  "mellow", "brave",  "kind",   "curious", "humble", "nimble"};

constexpr std::array<const char*, 48> kAnimals = {
    "heron",  "otter",  "sparrow", "badger", "fox",    "owl",     "wren",   "finch",
    "robin",  "hare",   "deer",    "seal",   "whale",  "dolphin", "turtle", "lynx",
    "swift",  "crane",  "kestrel", "puffin", "beaver", "marten",  "panda",  "koala",
    "lark",   "dove",   "salmon",  "trout",  "moth",   "bee",     "stork",  "ibis",
    "gecko",  "newt",   "pika",    "quokka", "tern",   "plover",  "egret",  "bison",
    "yak",    "llama",  "alpaca",  "mole",   "vole",   "shrew",   "ferret", "magpie"};

}  // namespace

std::string NewHandle() {
  std::string h = kAdjectives[RandomBelow(static_cast<std::uint32_t>(kAdjectives.size()))];
  h += '-';
  h += kAnimals[RandomBelow(static_cast<std::uint32_t>(kAnimals.size()))];
  h += '-';
  h += std::to_string(1000 + RandomBelow(9000));
  return h;
}

bool LooksLikeHandle(const std::string& text) {
  if (text.empty() || text.size() > 64) return false;
  for (const char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace interlude::api
