// Runs of a theme across consecutive entries, checked against the mood of their days.
#include "care/mood_rumination.h"

#include <algorithm>
#include <numeric>

#include "care/mood_calendar.h"
#include "care/mood_stats.h"

namespace interlude::care {
namespace {

struct Run {
  size_t begin = 0;  // position in the time-ordered entries
  size_t end = 0;    // one past the last
};

}  // namespace

std::string ThemeWords(const std::string& theme) {
  static const std::pair<const char*, const char*> kWords[] = {
      {"loss_grief", "loss and grief"},
      {"body_eating", "body and eating"},
      {"news_world", "the news"},
      {"self_image", "how you see yourself"},
      {"substance_use", "substance use"},
      {"partner", "your partner"},
      {"family", "family"},
      {"friends", "friends"},
      {"parenting", "parenting"},
      {"money", "money"},
      {"housing", "housing"},
      {"health", "health"},
      {"sleep", "sleep"},
      {"work", "work"},
      {"school", "school"},
      {"social", "social life"},
      {"therapy", "therapy"},
      {"faith", "faith"},
      {"hobbies", "hobbies"},
      {"pets", "pets"},
  };
  for (const auto& [id, words] : kWords) {
    if (theme == id) return words;
  }
  std::string out = theme;
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

std::vector<RuminationRun> FindRumination(const MoodData& data, const DailySeries& series,
                                          DayRange range, int reference_tz_offset_min) {
  const auto& entries = data.entries();
  const auto day_of = [&](const MoodEntry& e) {
    return LocalDay(e.at, e.tz_offset_min.value_or(reference_tz_offset_min));
  };
  std::vector<std::uint32_t> order;
  for (std::uint32_t i = 0; i < entries.size(); ++i) {
    if (range.Contains(day_of(entries[i]))) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return entries[a].at < entries[b].at || (entries[a].at == entries[b].at && a < b);
  });

  // The most recent run of >= 3 consecutive entries per theme.
  const size_t nthemes = data.themes().size();
  std::vector<Run> current(nthemes);
  std::vector<Run> latest(nthemes);
  for (size_t pos = 0; pos < order.size(); ++pos) {
    for (const std::uint32_t t : data.Themes(entries[order[pos]])) {
      if (current[t].end != pos || current[t].end == 0) current[t].begin = pos;
      current[t].end = pos + 1;
      if (current[t].end - current[t].begin >= static_cast<size_t>(kRuminationMinEntries)) {
        latest[t] = current[t];
      }
    }
  }

  std::vector<RuminationRun> out;
  for (std::uint32_t t = 0; t < nthemes; ++t) {
    const Run run = latest[t];
    if (run.end - run.begin < static_cast<size_t>(kRuminationMinEntries)) continue;
    // Mood on each entry's day, in order.
    std::vector<double> moods;
    for (size_t pos = run.begin; pos < run.end; ++pos) {
      const std::int64_t day = day_of(entries[order[pos]]);
      if (series.HasData(day)) moods.push_back(series.MeanValence(day));
    }
    if (moods.size() < static_cast<size_t>(kRuminationMinMoodEntries)) continue;
    const size_t half = moods.size() / 2;
    const auto mid = moods.begin() + static_cast<std::ptrdiff_t>(half);
    const double before = std::accumulate(moods.begin(), mid, 0.0) / static_cast<double>(half);
    const double after =
        std::accumulate(mid, moods.end(), 0.0) / static_cast<double>(moods.size() - half);
    if (after - before >= kRuminationMinLift) continue;
    RuminationRun r;
    r.theme = data.themes().Name(t);
    r.entries = static_cast<int>(run.end - run.begin);
    r.first_day = day_of(entries[order[run.begin]]);
    r.last_day = day_of(entries[order[run.end - 1]]);
    r.mood_before = before;
    r.mood_after = after;
    const std::string words = ThemeWords(r.theme);
    r.reading = "You have written about " + words + " in " + std::to_string(r.entries) +
                " entries in a row, and your mood has not lifted over that time.";
    r.suggestion = "If it feels right, you could try a different angle on " + words +
                   ": a thought record, one small next step, or bringing it to someone you "
                   "trust or to your next session.";
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(), [](const RuminationRun& a, const RuminationRun& b) {
    return a.last_day != b.last_day ? a.last_day > b.last_day : a.theme < b.theme;
  });
  if (out.size() > kRuminationMaxShown) out.resize(kRuminationMaxShown);
  return out;
}

}  // namespace interlude::care
