// Mood insights (care/insights.h): the pure computation for one person with three years of
// check-ins at five a day, and for a caseload of 150 such people, on one thread. The data are
// built once outside the timed loop (reading and decrypting rows is measured elsewhere:
// request_path_bench.cc); the timed part is the whole summary, with and without its JSON.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "care/insights.h"
#include "care/mood_calendar.h"

namespace interlude {
namespace {

constexpr int kDays = 1096;  // three years
constexpr int kPerDay = 5;
constexpr int kCaseload = 150;
const std::int64_t kFirstDay = care::DayFromCivil(2023, 1, 2);

// A person: a slow drift, a weekly wave, noise; UTC+0 in winter and +60 in summer (a
// daylight-saving shift twice a year); a dozen tags and an entry most days.
care::MoodData Person(std::uint32_t seed) {
  static const char* kTags[] = {"sleep", "walk",   "work",    "friends", "family", "gym",
                                "rain",  "coffee", "reading", "late",    "music",  "cooking"};
  static const char* kThemes[] = {"work", "family", "sleep", "friends", "health", "money"};
  std::mt19937 rng(seed);
  std::normal_distribution<double> noise(0.0, 1.0);
  care::MoodData data;
  data.Reserve(static_cast<size_t>(kDays * kPerDay), static_cast<size_t>(kDays));
  double level = 4.0;
  for (int d = 0; d < kDays; ++d) {
    const std::int64_t day = kFirstDay + d;
    const int day_of_year = d % 365;
    const int tz = (day_of_year > 85 && day_of_year < 300) ? 60 : 0;
    level += 0.05 * noise(rng);
    level = std::clamp(level, 2.5, 5.5);
    const double weekly = care::WeekdayOfDay(day) >= 5 ? 0.5 : 0.0;
    for (int k = 0; k < kPerDay; ++k) {
      const int minute = 7 * 60 + k * 210 + static_cast<int>(rng() % 60);
      const UnixMillis at = day * care::kMillisPerDay + (minute - tz) * care::kMillisPerMinute;
      const int valence =
          std::clamp(static_cast<int>(std::lround(level + weekly + noise(rng))), 1, 7);
      const int energy = std::clamp(static_cast<int>(std::lround(3 + 0.8 * noise(rng))), 1, 5);
      (void)data.AddCheckin(at, tz, valence, energy);
      if (rng() % 3 == 0) data.AddCheckinTag(kTags[rng() % 12]);
      if (rng() % 5 == 0) data.AddCheckinTag(kTags[rng() % 12]);
    }
    if (rng() % 4 != 0) {
      (void)data.AddEntry(day * care::kMillisPerDay + 21 * 3600000 - tz * care::kMillisPerMinute,
                          std::nullopt);
      data.AddEntryTheme(kThemes[rng() % 6]);
      if (rng() % 2 == 0) data.AddEntryTheme(kThemes[rng() % 6]);
    }
  }
  return data;
}

care::InsightsRequest ThreeYears() {
  care::InsightsRequest req;
  req.from = care::RangeBound{kFirstDay * care::kMillisPerDay, true};
  req.to = care::RangeBound{(kFirstDay + kDays - 1) * care::kMillisPerDay, true};
  req.now = (kFirstDay + kDays) * care::kMillisPerDay;
  return req;
}

care::InsightsRequest LastNinetyDays() {
  care::InsightsRequest req;
  req.now = (kFirstDay + kDays - 1) * care::kMillisPerDay + 20 * 3600000;
  return req;
}

void BM_InsightsOnePerson(benchmark::State& state) {
  const care::MoodData data = Person(1);
  const care::InsightsRequest req = state.range(0) == 0 ? ThreeYears() : LastNinetyDays();
  for (auto _ : state) {
    auto s = care::ComputeInsights(data, req);
    benchmark::DoNotOptimize(s);
  }
  state.counters["checkins"] = static_cast<double>(data.checkins().size());
}
BENCHMARK(BM_InsightsOnePerson)
    ->Arg(0)
    ->Arg(1)
    ->ArgNames({"last90"})
    ->Unit(benchmark::kMillisecond);

void BM_InsightsOnePersonJson(benchmark::State& state) {
  const care::MoodData data = Person(1);
  const care::InsightsRequest req = ThreeYears();
  size_t bytes = 0;
  for (auto _ : state) {
    auto json = care::BuildInsightsJson(data, req);
    bytes = json->size();
    benchmark::DoNotOptimize(json);
  }
  state.counters["json_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_InsightsOnePersonJson)->Unit(benchmark::kMillisecond);

void BM_InsightsCaseload(benchmark::State& state) {
  std::vector<care::MoodData> people;
  people.reserve(kCaseload);
  for (int i = 0; i < kCaseload; ++i) people.push_back(Person(static_cast<std::uint32_t>(100 + i)));
  const care::InsightsRequest req = ThreeYears();
  const bool json = state.range(0) == 1;
  for (auto _ : state) {
    for (const care::MoodData& p : people) {
      if (json) {
        auto out = care::BuildInsightsJson(p, req);
        benchmark::DoNotOptimize(out);
      } else {
        auto s = care::ComputeInsights(p, req);
        benchmark::DoNotOptimize(s);
      }
    }
  }
  state.counters["people"] = kCaseload;
}
BENCHMARK(BM_InsightsCaseload)->Arg(0)->Arg(1)->ArgNames({"json"})->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace interlude
