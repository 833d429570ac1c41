// Analysis: everything the language engine finds in one text, each finding with the span
// of the words that caused it. Version-numbered so stored analyses can be recomputed when
// the engine changes.
//
// Thread-safety: plain values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "text/document.h"

namespace interlude::text {

// Bumped whenever any analyser's output for the same text may change.
// 2: distortion_signal; 3: its learned model; 4: that model retrained (all Babacan rows,
// negation-marked words, a threshold per length band); 5: in texts of 20+ words the model
// alone decides the signal (the cues are its features there), a floor on calm comments.
inline constexpr int kAnalysisVersion = 5;

struct Sentiment {
  double compound = 0;  // -1..1
  double positive = 0;  // proportions, sum to 1 (or all 0 for empty text)
  double neutral = 0;
  double negative = 0;
};

enum class Emotion {
  kJoy,
  kSadness,
  kAnger,
  kFear,        // fear and anxiety
  kDisgust,
  kSurprise,
  kShame,       // shame and guilt
  kLoneliness,
  kGratitude,
  kHope,
  kCalm,
  kStress,      // overwhelm and stress
};
inline constexpr int kEmotionCount = 12;
std::string_view EmotionName(Emotion e);  // "joy", "sadness", ..., "stress"
// The emotion named `name` (an EmotionName); false for any other name.
bool ParseEmotion(std::string_view name, Emotion& out);

enum class Ekman { kNeutral, kJoy, kSadness, kAnger, kFear, kDisgust, kSurprise };
std::string_view EkmanName(Ekman e);  // "neutral", "joy", ... (GoEmotions' ekman labels)

struct EmotionScore {
  Emotion emotion;
  double intensity = 0;  // 0..1
  std::vector<Span> evidence;
};

struct ThemeScore {
  std::string theme;  // "work", "family", ... (data/text/themes.txt)
  double weight = 0;  // 0..1
  std::vector<Span> evidence;
};

enum class Distortion {
  kAllOrNothing,
  kOvergeneralization,
  kMentalFilter,
  kDiscountingPositive,
  kMindReading,
  kFortuneTelling,
  kCatastrophizing,
  kMagnification,
  kEmotionalReasoning,
  kShouldStatements,
  kLabeling,
  kPersonalization,  // self-blame
  kBlaming,          // other-blame
};
std::string_view DistortionName(Distortion d);  // snake_case: "all_or_nothing", ...

struct DistortionFinding {
  Distortion type;
  Span evidence;
  double confidence = 0;  // 0..1
  std::string rule;       // the pattern id that matched, for explanation
};

// One cue of the "possible distortion" signal (src/text/possible_distortion.h): looser
// wording that often carries a distortion ("I hate how weak I am", "no one understands").
struct DistortionCue {
  Distortion lean;  // the kind of distortion the cue most often goes with
  Span evidence;    // the words that matched
  double weight = 0;  // 0..1
  std::string rule;   // the cue id (PDS-...), for explanation
};

// The recall-oriented signal beside the precise typed findings: whether some sentence of the
// text may hold a distortion. For aggregate views and evaluation, not for prompts.
struct DistortionSignal {
  bool present = false;  // score >= kPossibleDistortionThreshold, or the model's threshold met
  double score = 0;      // 0..1, the best sentence's combined cue weight
  std::vector<DistortionCue> cues;  // that sentence's cues, in text order
  // The learned model (src/text/distortion_model.h): its probability (0 when not run) and
  // the words with the largest positive contributions, in text order.
  double model_probability = 0;
  std::vector<Span> model_evidence;
};

enum class RiskLevel { kNone, kLow, kModerate, kHigh };
std::string_view RiskLevelName(RiskLevel level);  // "none", "low", "moderate", "high"

enum class RiskCategory {
  kNone,
  kPassiveDeathWish,   // "I wish I could sleep and not wake up"
  kSuicidalIdeation,   // active thoughts of killing oneself
  kMethod,             // a method named in a suicidal context
  kIntent,             // "I'm going to do it"
  kPlan,               // when/where/how decided
  kPreparatory,        // "I have the pills counted out", goodbye letters, giving things away
  kRecentAttempt,      // an attempt in the recent past
  kSelfHarm,           // non-suicidal self-injury (current or recent)
  kHarmToOthers,       // the writer may harm someone
  kAbuseOrUnsafe,      // the writer is being hurt or unsafe at home
  kThirdParty,         // someone else is at risk (not the writer's own risk)
  kPastRisk,           // history only ("two years ago I tried to overdose")
};
std::string_view RiskCategoryName(RiskCategory c);  // snake_case

struct RiskFinding {
  RiskLevel level = RiskLevel::kNone;
  RiskCategory category = RiskCategory::kNone;
  Span evidence;
  std::string rule;  // pattern id (also the safety rule id where one applies)
};

struct RiskAssessment {
  RiskLevel level = RiskLevel::kNone;           // the highest finding
  RiskCategory category = RiskCategory::kNone;  // of the highest finding
  std::vector<RiskFinding> findings;
};

// Rates are per 100 words, as in LIWC.
struct StyleProfile {
  size_t words = 0;
  size_t sentences = 0;
  // The nine Language Style Matching categories (../shared/CLINICAL.md §7.2).
  double personal_pronouns = 0;
  double impersonal_pronouns = 0;
  double articles = 0;
  double auxiliary_verbs = 0;
  double common_adverbs = 0;
  double prepositions = 0;
  double conjunctions = 0;
  double negations = 0;
  double quantifiers = 0;
  // Register.
  double first_person = 0;
  double contractions = 0;
  double words_per_sentence = 0;
  double letters_per_word = 0;
  double exclamations = 0;  // per sentence
  double questions = 0;     // per sentence
  double emoji = 0;         // per 100 words (emoji and emoticons)
  double lowercase_start = 0;  // share of sentences that start lower case (0..1)
  double all_caps_words = 0;
  double formality = 0;        // 0 (chatty) .. 1 (formal)
};

struct Analysis {
  int version = kAnalysisVersion;
  Sentiment sentiment;
  std::vector<EmotionScore> emotions;  // strongest first; only those found
  Ekman ekman = Ekman::kNeutral;
  std::vector<ThemeScore> themes;      // strongest first
  std::vector<DistortionFinding> distortions;
  DistortionSignal distortion_signal;
  RiskAssessment risk;
  StyleProfile style;
  std::vector<std::string> key_phrases;  // in the writer's words, most salient first
};

}  // namespace interlude::text
