// Weekday, time-of-day and heatmap means, and their readings.
#include "care/mood_profiles.h"

#include <span>

#include "care/mood_words.h"

namespace interlude::care {
namespace {

std::string_view PartWords(int part) {
  static constexpr std::array<std::string_view, kDayParts> kWords = {
      "in the morning", "in the afternoon", "in the evening", "at night"};
  return kWords[static_cast<size_t>(part)];
}

std::string CellName(int cell, bool weekday, bool heat) {
  if (heat) {
    return std::string(kWeekdayNames[static_cast<size_t>(cell / kDayParts)]) + " " +
           std::string(kDayPartKeys[static_cast<size_t>(cell % kDayParts)]);
  }
  if (weekday) return std::string(kWeekdayNames[static_cast<size_t>(cell)]) + "s";
  return std::string(PartWords(cell));
}

// The reading of one profile: highest and lowest cells with a mean.
std::string Read(std::span<const ProfileCell> cells, bool weekday, bool heat, const char* what,
                 const char* none) {
  int hi = -1;
  int lo = -1;
  int shown = 0;
  for (size_t i = 0; i < cells.size(); ++i) {
    const auto mean = cells[i].Mean();
    if (!mean) continue;
    ++shown;
    if (hi < 0 || *mean > *cells[static_cast<size_t>(hi)].Mean()) hi = static_cast<int>(i);
    if (lo < 0 || *mean < *cells[static_cast<size_t>(lo)].Mean()) lo = static_cast<int>(i);
  }
  if (shown < 2) {
    return std::string("Not enough check-ins yet to compare ") + what + " (each needs at least " +
           std::to_string(kProfileMinCheckins) + ").";
  }
  const double high = *cells[static_cast<size_t>(hi)].Mean();
  const double low = *cells[static_cast<size_t>(lo)].Mean();
  if (high - low < kProfileNoticeableGap) return none;
  if (heat) {
    return "Your mood has tended to be highest on " + CellName(hi, weekday, heat) + " (" +
           OneDecimal(high) + ") and lowest on " + CellName(lo, weekday, heat) + " (" +
           OneDecimal(low) + ").";
  }
  return "Your mood has tended to be highest " + std::string(weekday ? "on " : "") +
         CellName(hi, weekday, heat) + " (" + OneDecimal(high) + ") and lowest " +
         (weekday ? "on " : "") + CellName(lo, weekday, heat) + " (" + OneDecimal(low) + ").";
}

}  // namespace

MoodProfiles ComputeProfiles(const MoodData& data, DayRange range) {
  MoodProfiles p;
  for (const MoodCheckin& c : data.checkins()) {
    const std::int64_t day = LocalDay(c.at, c.tz_offset_min);
    if (!range.Contains(day)) continue;
    const int wd = WeekdayOfDay(day);
    const int part = static_cast<int>(DayPartOfMinute(LocalMinuteOfDay(c.at, c.tz_offset_min)));
    const double v = c.valence;
    p.weekday[static_cast<size_t>(wd)].moments.Add(v);
    p.time_of_day[static_cast<size_t>(part)].moments.Add(v);
    p.heatmap[static_cast<size_t>(wd * kDayParts + part)].moments.Add(v);
  }
  p.weekday_reading = Read(p.weekday, true, false, "days of the week",
                           "Your mood looks much the same across the days of the week.");
  p.time_of_day_reading = Read(p.time_of_day, false, false, "times of day",
                               "Your mood looks much the same at different times of day.");
  p.heatmap_reading =
      Read(p.heatmap, true, true, "days and times",
           "Your mood looks much the same across days of the week and times of day.");
  return p;
}

}  // namespace interlude::care
