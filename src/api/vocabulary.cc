// Emotion words (8 per quadrant) and suggested tags.
#include "api/vocabulary.h"

#include <algorithm>
#include <array>

namespace interlude::api {
namespace {

constexpr std::array<EmotionWord, 32> kEmotions = {{
    // Unpleasant, high energy.
    {"angry", false, Energy::kHigh}, {"anxious", false, Energy::kHigh},
    {"stressed", false, Energy::kHigh}, {"frustrated", false, Energy::kHigh},
    {"irritated", false, Energy::kHigh}, {"overwhelmed", false, Energy::kHigh},
    {"panicky", false, Energy::kHigh}, {"restless", false, Energy::kHigh},
    // Unpleasant, low energy.
    {"sad", false, Energy::kLow}, {"lonely", false, Energy::kLow},
    {"tired", false, Energy::kLow}, {"hopeless", false, Energy::kLow},
    {"numb", false, Energy::kLow}, {"disappointed", false, Energy::kLow},
    {"ashamed", false, Energy::kLow}, {"guilty", false, Energy::kLow},
    // Pleasant, high energy.
    {"excited", true, Energy::kHigh}, {"joyful", true, Energy::kHigh},
    {"proud", true, Energy::kHigh}, {"energised", true, Energy::kHigh},
    {"hopeful", true, Energy::kHigh}, {"motivated", true, Energy::kHigh},
    {"amused", true, Energy::kHigh}, {"confident", true, Energy::kHigh},
    // Pleasant, low energy.
    {"calm", true, Energy::kLow}, {"content", true, Energy::kLow},
    {"relaxed", true, Energy::kLow}, {"grateful", true, Energy::kLow},
    {"peaceful", true, Energy::kLow}, {"relieved", true, Energy::kLow},
    {"safe", true, Energy::kLow}, {"loved", true, Energy::kLow},
}};

constexpr std::array<std::string_view, 18> kTags = {
    "sleep",  "exercise", "walk",     "outdoors", "work",    "school",
    "family", "friends",  "partner",  "alone",    "therapy", "medication",
    "caffeine", "alcohol", "screens", "creative", "chores",  "music"};

}  // namespace

std::span<const EmotionWord> EmotionVocabulary() { return kEmotions; }
std::span<const std::string_view> SuggestedTags() { return kTags; }

bool IsKnownEmotion(std::string_view word) {
  return std::any_of(kEmotions.begin(), kEmotions.end(),
                     [&](const EmotionWord& e) { return e.word == word; });
}

}  // namespace interlude::api
