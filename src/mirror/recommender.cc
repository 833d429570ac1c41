// Recommender (recommender.h): a fit-to-the-moment Beta prior per exercise, updated with the
// person's answers, ranked by Thompson sampling over our own seeded sampler.
#include "mirror/recommender.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numbers>

namespace interlude::mirror {
namespace {

// The prior (docs/coping.md "The model"). mean = base + fit terms, clamped; a + b = strength.
constexpr double kBaseMean = 0.10;       // an exercise that fits nothing in particular
constexpr double kEmotionWeight = 0.35;  // times the emotion fit (0..1)
constexpr double kThemeWeight = 0.20;    // times the theme fit (0..1)
constexpr double kTimeWeight = 0.10;     // + when its times include now, - when they exclude it
constexpr double kMinMean = 0.03;
constexpr double kMaxMean = 0.90;
constexpr double kStrength = 4;  // the prior is worth four answers
// High distress: crisis-survival skills get a high, firmer prior; long or multi-session
// exercises a low one.
constexpr double kCrisisBoost = 0.30;
constexpr double kCrisisMinMean = 0.65;
constexpr double kCrisisStrength = 8;
constexpr double kLongExerciseFactor = 0.4;
constexpr int kLongMinutes = 15;
// How much a listed emotion counts by its place in the exercise's list: the first suits best.
constexpr double kEmotionRankWeights[] = {1.0, 0.6, 0.35, 0.2};
constexpr double kEmotionRankFloor = 0.1;
// Tempering: the draw is from Beta(k a, k b), the posterior as if the prior and every answer
// counted k times. Same mean, about 1/sqrt(k) the spread: less exploration, so among ~28
// exercises the one that helps is settled on sooner (docs/coping.md has the figures).
constexpr double kTemper = 6;
// Reasons name emotions and themes at least this strong.
constexpr double kReasonMin = 0.2;

double EmotionRankWeight(size_t rank) {
  return rank < std::size(kEmotionRankWeights) ? kEmotionRankWeights[rank] : kEmotionRankFloor;
}

// The emotion's rank in the exercise's list, or -1.
int EmotionRank(const Exercise& e, std::string_view name) {
  for (size_t i = 0; i < e.emotions.size(); ++i) {
    if (e.emotions[i] == name) return static_cast<int>(i);
  }
  return -1;
}

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool IsLong(const Exercise& e) { return e.sessions > 1 || e.minutes >= kLongMinutes; }

// +1 when the exercise's times include now, -1 when they exclude it, 0 when either is any.
int TimeFit(const Exercise& e, const Moment& m) {
  const std::string_view now = TimeOfDay(m.hour);
  if (now.empty() || e.times.empty()) return 0;
  return Contains(e.times, now) ? 1 : -1;
}

double EmotionFit(const Exercise& e, const Moment& m) {
  double fit = 0;
  for (const text::EmotionScore& s : m.emotions) {
    const int rank = EmotionRank(e, text::EmotionName(s.emotion));
    if (rank >= 0) fit += std::clamp(s.intensity, 0.0, 1.0) * EmotionRankWeight(size_t(rank));
  }
  return std::min(fit, 1.0);
}

double ThemeFit(const Exercise& e, const Moment& m) {
  double fit = 0;
  for (const text::ThemeScore& t : m.themes) {
    if (Contains(e.themes, t.theme)) fit += std::clamp(t.weight, 0.0, 1.0);
  }
  return std::min(fit, 1.0);
}

// --- The sampler. splitmix64 (Steele, Lea & Flood 2014) for bits; everything above it is
// ours, so draws do not depend on a standard library's distribution implementations.

std::uint64_t SplitMix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Uniform in the open interval (0, 1).
double Uniform(std::uint64_t& state) {
  return (static_cast<double>(SplitMix64(state) >> 11) + 0.5) * 0x1.0p-53;
}

double Normal(std::uint64_t& state) {
  const double u1 = Uniform(state);
  const double u2 = Uniform(state);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

// Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 via Gamma(shape + 1) * U^(1/shape).
double Gamma(double shape, std::uint64_t& state) {
  if (shape < 1) {
    const double g = Gamma(shape + 1, state);
    return g * std::pow(Uniform(state), 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x = 0, v = 0;
    do {
      x = Normal(state);
      v = 1.0 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const double u = Uniform(state);
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

// FNV-1a, to give each exercise its own stream: adding an exercise to the library does not
// change the draws of the others.
std::uint64_t Hash(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

// --- Reasons, in plain words.

std::string_view EmotionWord(text::Emotion e) {
  switch (e) {
    case text::Emotion::kJoy: return "happy";
    case text::Emotion::kSadness: return "low";
    case text::Emotion::kAnger: return "angry";
    case text::Emotion::kFear: return "anxious";
    case text::Emotion::kDisgust: return "disgusted";
    case text::Emotion::kSurprise: return "shaken";
    case text::Emotion::kShame: return "ashamed";
    case text::Emotion::kLoneliness: return "lonely";
    case text::Emotion::kGratitude: return "grateful";
    case text::Emotion::kHope: return "hopeful";
    case text::Emotion::kCalm: return "calm";
    case text::Emotion::kStress: return "stressed";
  }
  return "";
}

std::string ThemeWords(std::string_view theme) {
  static constexpr std::pair<std::string_view, std::string_view> kWords[] = {
      {"body_eating", "food and your body"},
      {"faith", "faith"},
      {"family", "your family"},
      {"friends", "your friends"},
      {"health", "your health"},
      {"hobbies", "the things you enjoy doing"},
      {"housing", "your home"},
      {"loss_grief", "loss"},
      {"money", "money"},
      {"news_world", "the news"},
      {"parenting", "being a parent"},
      {"partner", "your relationship"},
      {"pets", "your pets"},
      {"school", "school or study"},
      {"self_image", "how you see yourself"},
      {"sleep", "sleep"},
      {"social", "being with other people"},
      {"substance_use", "drinking or drugs"},
      {"therapy", "therapy"},
      {"work", "work"},
  };
  for (const auto& [name, words] : kWords) {
    if (name == theme) return std::string(words);
  }
  std::string out(theme);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

std::string_view TimeSentence(std::string_view time) {
  if (time == "morning") return "It suits the morning.";
  if (time == "day") return "It suits this time of day.";
  if (time == "evening") return "It suits the evening.";
  return "It suits the night hours.";
}

std::string OutcomeReason(int helped, int not_helped) {
  const int tried = helped + not_helped;
  if (tried == 1) {
    return helped == 1 ? "It helped you the one time you tried it."
                       : "You said it didn't help last time. It may suit a different moment.";
  }
  if (helped == tried) {
    return "It helped you each of the " + std::to_string(tried) + " times you tried it.";
  }
  if (helped == 0) {
    return "It hasn't helped you yet in " + std::to_string(tried) +
           " tries. It is here in case today is different.";
  }
  return "It helped you " + std::to_string(helped) + " of the " + std::to_string(tried) +
         " times you tried it.";
}

std::vector<std::string> Reasons(const Exercise& e, const Moment& m, int helped, int not_helped) {
  std::vector<std::string> reasons;
  if (helped + not_helped > 0) reasons.push_back(OutcomeReason(helped, not_helped));
  if (m.high_distress && e.for_crisis) {
    reasons.emplace_back("It can help you get through a hard moment.");
  }
  // Up to two matched emotions, strongest first.
  std::vector<std::pair<double, text::Emotion>> emotions;
  for (const text::EmotionScore& s : m.emotions) {
    if (s.intensity >= kReasonMin && EmotionRank(e, text::EmotionName(s.emotion)) >= 0) {
      emotions.emplace_back(s.intensity, s.emotion);
    }
  }
  std::stable_sort(emotions.begin(), emotions.end(),
                   [](const auto& x, const auto& y) { return x.first > y.first; });
  if (!emotions.empty()) {
    std::string r = "It suits feeling " + std::string(EmotionWord(emotions[0].second));
    if (emotions.size() > 1 && emotions[1].second != emotions[0].second) {
      r += " or " + std::string(EmotionWord(emotions[1].second));
    }
    reasons.push_back(r + ".");
  }
  // The strongest matched theme.
  const text::ThemeScore* best = nullptr;
  for (const text::ThemeScore& t : m.themes) {
    if (t.weight >= kReasonMin && Contains(e.themes, t.theme) &&
        (best == nullptr || t.weight > best->weight)) {
      best = &t;
    }
  }
  if (best != nullptr) {
    reasons.push_back("It fits what you wrote about " + ThemeWords(best->theme) + ".");
  }
  if (TimeFit(e, m) > 0) reasons.emplace_back(TimeSentence(TimeOfDay(m.hour)));
  if (helped + not_helped == 0) reasons.emplace_back("Something new to try.");
  return reasons;
}

}  // namespace

std::string_view TimeOfDay(int hour) {
  if (hour < 0 || hour > 23) return "";
  if (hour >= 5 && hour <= 11) return "morning";
  if (hour >= 12 && hour <= 16) return "day";
  if (hour >= 17 && hour <= 21) return "evening";
  return "night";
}

BetaPrior PriorFor(const Exercise& exercise, const Moment& moment) {
  double mean = kBaseMean + kEmotionWeight * EmotionFit(exercise, moment) +
                kThemeWeight * ThemeFit(exercise, moment) + kTimeWeight * TimeFit(exercise, moment);
  double strength = kStrength;
  if (moment.high_distress) {
    if (exercise.for_crisis) {
      mean = std::max(mean + kCrisisBoost, kCrisisMinMean);
      strength = kCrisisStrength;
    } else if (IsLong(exercise)) {
      mean *= kLongExerciseFactor;
    }
  }
  mean = std::clamp(mean, kMinMean, kMaxMean);
  return {mean * strength, (1 - mean) * strength};
}

double SampleBeta(double a, double b, std::uint64_t& rng) {
  const double x = Gamma(a, rng);
  const double y = Gamma(b, rng);
  if (x + y <= 0) return a / (a + b);  // both underflowed (tiny shapes): fall back to the mean
  return x / (x + y);
}

std::vector<Suggestion> Recommend(const ExerciseLibrary& library, const Moment& moment,
                                  const std::map<std::string, ExerciseOutcomes>& outcomes,
                                  std::uint64_t seed, size_t count) {
  struct Ranked {
    Suggestion s;
    bool lead = false;  // a crisis-survival exercise when distress is high
  };
  std::vector<Ranked> ranked;
  ranked.reserve(library.all().size());
  for (const Exercise& e : library.all()) {
    int helped = 0, not_helped = 0;
    if (const auto it = outcomes.find(e.id); it != outcomes.end()) {
      helped = std::max(it->second.helped, 0);
      not_helped = std::max(it->second.not_helped, 0);
    }
    const BetaPrior prior = PriorFor(e, moment);
    const double a = prior.a + helped;
    const double b = prior.b + not_helped;
    std::uint64_t rng = seed ^ (Hash(e.id) * 0x9e3779b97f4a7c15ULL);
    Ranked r;
    r.s.id = e.id;
    r.s.sampled = SampleBeta(kTemper * a, kTemper * b, rng);
    r.s.expected = a / (a + b);
    r.s.reasons = Reasons(e, moment, helped, not_helped);
    r.lead = moment.high_distress && e.for_crisis;
    ranked.push_back(std::move(r));
  }
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& x, const Ranked& y) {
    if (x.lead != y.lead) return x.lead;
    if (x.s.sampled != y.s.sampled) return x.s.sampled > y.s.sampled;
    return x.s.id < y.s.id;
  });
  std::vector<Suggestion> out;
  for (size_t i = 0; i < ranked.size() && i < count; ++i) out.push_back(std::move(ranked[i].s));
  return out;
}

}  // namespace interlude::mirror
