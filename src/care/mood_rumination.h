// Rumination, offered back gently: the same theme in 3 or more consecutive journal entries
// (in time order, in the range) with no lift in mood. Mood for an entry is the mean valence
// of check-ins on its local day; a run needs a mood for at least 2 of its entries, and
// "no lift" means the mean mood of the later half of those entries is less than 0.5 points
// above the earlier half. Runs without enough mood data are not reported (we do not guess).
// Per theme the most recent such run is reported; at most 5, most recent first.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "care/mood_data.h"
#include "care/mood_series.h"

namespace interlude::care {

inline constexpr int kRuminationMinEntries = 3;
inline constexpr int kRuminationMinMoodEntries = 2;
inline constexpr double kRuminationMinLift = 0.5;
inline constexpr size_t kRuminationMaxShown = 5;

struct RuminationRun {
  std::string theme;
  int entries = 0;
  std::int64_t first_day = 0;
  std::int64_t last_day = 0;
  double mood_before = 0;  // mean mood of the earlier half of the entries with a mood
  double mood_after = 0;   // of the later half
  std::string reading;
  std::string suggestion;
};

// `reference_tz_offset_min` places entries that carry no offset of their own.
std::vector<RuminationRun> FindRumination(const MoodData& data, const DailySeries& series,
                                          DayRange range, int reference_tz_offset_min);

// How a theme id reads in a sentence ("loss_grief" -> "loss and grief").
std::string ThemeWords(const std::string& theme);

}  // namespace interlude::care
