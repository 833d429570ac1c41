// Tags that go with better or worse mood. The unit is the local day: a day "with" a tag is a
// day on which any check-in carried it; its mood is that day's mean valence. For each tag
// with at least 3 days with it and 3 days without (among days with check-ins in the range):
// the two means, their difference as Hedges' g, and Welch's t-test p (two-sided; unequal
// variances; not corrected for the number of tags compared). Tags whose days show no
// variation at all (the test is undefined) and tags with identical means are left out.
// At most 20 tags, strongest effect first. This is association, not cause.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "care/mood_data.h"
#include "care/mood_series.h"

namespace interlude::care {

inline constexpr int kTagMinDays = 3;
inline constexpr size_t kTagMaxShown = 20;
inline constexpr double kTagAlpha = 0.05;

inline constexpr const char* kTagsCaveat =
    "This is association, not cause: a tag that goes with better or worse days does not show "
    "that it makes them so.";

struct TagAssociation {
  std::string tag;
  bool better = false;  // mean_with > mean_without
  int days_with = 0;
  int days_without = 0;
  double mean_with = 0;
  double mean_without = 0;
  double effect_size = 0;  // Hedges' g, with minus without
  double p_value = 1;      // Welch's t-test, two-sided
  std::string reading;
};

struct TagAssociations {
  std::vector<TagAssociation> tags;
  std::string reading;  // about the list as a whole (why it is empty, or how to read it)
};

TagAssociations ComputeTagAssociations(const MoodData& data, const DailySeries& series,
                                       DayRange range);

}  // namespace interlude::care
