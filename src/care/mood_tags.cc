// Per-tag day comparisons: Hedges' g and Welch's t-test.
#include "care/mood_tags.h"

#include <algorithm>
#include <cmath>

#include "care/mood_calendar.h"
#include "care/mood_stats.h"
#include "care/mood_words.h"

namespace interlude::care {
namespace {

std::string SizeWords(double g) {
  const double a = std::fabs(g);
  if (a < 0.2) return "a very small";
  if (a < 0.5) return "a small";
  if (a < 0.8) return "a moderate";
  return "a large";
}

std::string ReadTag(const TagAssociation& t) {
  return "On days with \u201c" + t.tag + "\u201d your mood averaged " + OneDecimal(t.mean_with) +
         ", against " + OneDecimal(t.mean_without) + " on other days: " + SizeWords(t.effect_size) +
         " difference that " +
         (t.p_value < kTagAlpha ? "is unlikely to be chance alone." : "could still be chance.");
}

}  // namespace

TagAssociations ComputeTagAssociations(const MoodData& data, const DailySeries& series,
                                       DayRange range) {
  TagAssociations out;
  const size_t ntags = data.tags().size();
  // Bucket the check-ins of the range by local day (counting sort), so each tag is counted
  // once per day whatever the order of the input.
  const auto ndays = static_cast<size_t>(range.size());
  std::vector<std::uint32_t> start(ndays + 1, 0);
  for (const MoodCheckin& c : data.checkins()) {
    const std::int64_t day = LocalDay(c.at, c.tz_offset_min);
    if (range.Contains(day)) ++start[static_cast<size_t>(day - range.first) + 1];
  }
  for (size_t i = 0; i < ndays; ++i) start[i + 1] += start[i];
  std::vector<std::uint32_t> by_day(start[ndays]);
  {
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (size_t i = 0; i < data.checkins().size(); ++i) {
      const MoodCheckin& c = data.checkins()[i];
      const std::int64_t day = LocalDay(c.at, c.tz_offset_min);
      if (range.Contains(day))
        by_day[fill[static_cast<size_t>(day - range.first)]++] = static_cast<std::uint32_t>(i);
    }
  }

  Moments all_days;
  std::vector<Moments> with(ntags);
  std::vector<std::int64_t> last_day(ntags, range.first - 1);
  for (size_t d = 0; d < ndays; ++d) {
    if (start[d] == start[d + 1]) continue;
    const std::int64_t day = range.first + static_cast<std::int64_t>(d);
    const double mood = series.MeanValence(day);
    all_days.Add(mood);
    for (std::uint32_t k = start[d]; k < start[d + 1]; ++k) {
      for (const std::uint32_t tag : data.Tags(data.checkins()[by_day[k]])) {
        if (last_day[tag] == day) continue;
        last_day[tag] = day;
        with[tag].Add(mood);
      }
    }
  }

  for (std::uint32_t tag = 0; tag < ntags; ++tag) {
    const Moments& w = with[tag];
    const Moments wo = all_days - w;
    if (w.n < kTagMinDays || wo.n < kTagMinDays) continue;
    const auto welch = WelchTTest(w, wo);
    const auto g = HedgesG(w, wo);
    if (!welch || !g || w.Mean() == wo.Mean()) continue;
    TagAssociation t;
    t.tag = data.tags().Name(tag);
    t.days_with = static_cast<int>(w.n);
    t.days_without = static_cast<int>(wo.n);
    t.mean_with = w.Mean();
    t.mean_without = wo.Mean();
    t.better = t.mean_with > t.mean_without;
    t.effect_size = *g;
    t.p_value = welch->p_value;
    t.reading = ReadTag(t);
    out.tags.push_back(std::move(t));
  }
  std::sort(out.tags.begin(), out.tags.end(), [](const TagAssociation& a, const TagAssociation& b) {
    const double ga = std::fabs(a.effect_size);
    const double gb = std::fabs(b.effect_size);
    return ga != gb ? ga > gb : a.tag < b.tag;
  });
  if (out.tags.size() > kTagMaxShown) out.tags.resize(kTagMaxShown);
  if (out.tags.empty()) {
    out.reading = "No tag can be compared yet: each needs at least " + std::to_string(kTagMinDays) +
                  " days with it and " + std::to_string(kTagMinDays) + " days without.";
  } else {
    out.reading =
        "Tags compared by the days they were used against the days they were not; "
        "strongest differences first.";
  }
  return out;
}

}  // namespace interlude::care
