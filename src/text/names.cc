// Stable snake_case names of the analysis enums (the JSON vocabulary of `interlude analyze`).
#include "text/analysis.h"

namespace interlude::text {

std::string_view EmotionName(Emotion e) {
  switch (e) {
    case Emotion::kJoy: return "joy";
    case Emotion::kSadness: return "sadness";
    case Emotion::kAnger: return "anger";
    case Emotion::kFear: return "fear";
    case Emotion::kDisgust: return "disgust";
    case Emotion::kSurprise: return "surprise";
    case Emotion::kShame: return "shame";
    case Emotion::kLoneliness: return "loneliness";
    case Emotion::kGratitude: return "gratitude";
    case Emotion::kHope: return "hope";
    case Emotion::kCalm: return "calm";
    case Emotion::kStress: return "stress";
  }
  return "joy";
}

bool ParseEmotion(std::string_view name, Emotion& out) {
  for (int i = 0; i < kEmotionCount; ++i) {
    const auto e = static_cast<Emotion>(i);
    if (EmotionName(e) == name) {
      out = e;
      return true;
    }
  }
  return false;
}

std::string_view EkmanName(Ekman e) {
  switch (e) {
    case Ekman::kNeutral: return "neutral";
    case Ekman::kJoy: return "joy";
    case Ekman::kSadness: return "sadness";
    case Ekman::kAnger: return "anger";
    case Ekman::kFear: return "fear";
    case Ekman::kDisgust: return "disgust";
    case Ekman::kSurprise: return "surprise";
  }
  return "neutral";
}

std::string_view DistortionName(Distortion d) {
  switch (d) {
    case Distortion::kAllOrNothing: return "all_or_nothing";
    case Distortion::kOvergeneralization: return "overgeneralization";
    case Distortion::kMentalFilter: return "mental_filter";
    case Distortion::kDiscountingPositive: return "discounting_positive";
    case Distortion::kMindReading: return "mind_reading";
    case Distortion::kFortuneTelling: return "fortune_telling";
    case Distortion::kCatastrophizing: return "catastrophizing";
    case Distortion::kMagnification: return "magnification";
    case Distortion::kEmotionalReasoning: return "emotional_reasoning";
    case Distortion::kShouldStatements: return "should_statements";
    case Distortion::kLabeling: return "labeling";
    case Distortion::kPersonalization: return "personalization";
    case Distortion::kBlaming: return "blaming";
  }
  return "all_or_nothing";
}

std::string_view RiskLevelName(RiskLevel level) {
  switch (level) {
    case RiskLevel::kNone: return "none";
    case RiskLevel::kLow: return "low";
    case RiskLevel::kModerate: return "moderate";
    case RiskLevel::kHigh: return "high";
  }
  return "none";
}

std::string_view RiskCategoryName(RiskCategory c) {
  switch (c) {
    case RiskCategory::kNone: return "none";
    case RiskCategory::kPassiveDeathWish: return "passive_death_wish";
    case RiskCategory::kSuicidalIdeation: return "suicidal_ideation";
    case RiskCategory::kMethod: return "method";
    case RiskCategory::kIntent: return "intent";
    case RiskCategory::kPlan: return "plan";
    case RiskCategory::kPreparatory: return "preparatory";
    case RiskCategory::kRecentAttempt: return "recent_attempt";
    case RiskCategory::kSelfHarm: return "self_harm";
    case RiskCategory::kHarmToOthers: return "harm_to_others";
    case RiskCategory::kAbuseOrUnsafe: return "abuse_or_unsafe";
    case RiskCategory::kThirdParty: return "third_party";
    case RiskCategory::kPastRisk: return "past_risk";
  }
  return "none";
}

}  // namespace interlude::text
