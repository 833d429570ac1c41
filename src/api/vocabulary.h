// The fixed emotion vocabulary for check-ins, laid out by pleasantness and energy (the
// circumplex model of affect), and suggested activity tags.
//
// Thread-safety: immutable static data.
#pragma once

#include <span>
#include <string_view>

namespace interlude::api {

enum class Energy { kLow, kHigh };

struct EmotionWord {
  std::string_view word;
  bool pleasant;
  Energy energy;
};

std::span<const EmotionWord> EmotionVocabulary();
std::span<const std::string_view> SuggestedTags();

// True when `word` is in the emotion vocabulary.
bool IsKnownEmotion(std::string_view word);

}  // namespace interlude::api
