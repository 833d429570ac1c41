// The clinician's caseload sorted by need (docs/api.md "Clinician side", caseload row):
// from plain facts about each linked client — gathered by the API only from the categories
// that client shares — the need score, the reasons behind it in plain English, and the
// order of the caseload. No HTTP, no store, no clock: the caller passes "now".
//
// Reasons, most urgent first, each with its weight in the score:
//   open_alert              16  safety alerts not yet acknowledged (shares safety_alerts)
//   reliable_deterioration   8  the latest questionnaire reliably worse than the first of
//                               that instrument (shares assessments)
//   overdue_questionnaire    4  a scheduled questionnaire is overdue (shares assessments)
//   falling_mood             2  the mood trend over the last 28 days falls (shares mood)
//   no_activity              1  nothing shared for 14 days (since the link, when nothing
//                               was ever shared; needs a category that shows activity)
// The weights are powers of two, so a more urgent reason always outranks any mix of less
// urgent ones; the score is their sum (0-31). A fact the client does not share is absent
// (nullopt) and gives no reason: missing data is never read as good or bad news.
//
// Thread-safety: pure functions over plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/clock.h"
#include "care/mood_series.h"

namespace interlude::care {

inline constexpr int kOpenAlertWeight = 16;
inline constexpr int kDeteriorationWeight = 8;
inline constexpr int kOverdueWeight = 4;
inline constexpr int kFallingMoodWeight = 2;
inline constexpr int kNoActivityWeight = 1;
inline constexpr int kNoActivityDays = 14;
inline constexpr int kSparklineDays = 14;
inline constexpr int kMoodTrendDays = 28;

// The latest questionnaire of one instrument.
struct LatestScore {
  std::string instrument;  // "phq9"
  std::string name;        // "PHQ-9", for the reason's text
  int score = 0;
  std::string severity;    // the band id ("moderate")
  UnixMillis at = 0;
  // Against the first of this instrument: "improvement", "deterioration" or "none";
  // nullopt when this is the first.
  std::optional<std::string> reliable_change;
  std::optional<int> first_score;  // the first one's total, when there was an earlier one
};

struct CaseloadFacts {
  UnixMillis now = 0;
  UnixMillis linked_at = 0;
  std::optional<int> open_alerts;                  // nullopt: safety alerts not shared
  std::optional<std::vector<LatestScore>> latest;  // nullopt: assessments not shared
  // Names ("PHQ-9") of overdue questionnaires; nullopt: assessments not shared.
  std::optional<std::vector<std::string>> overdue;
  // The 28-day mood trend ("rising", "falling", "flat", or "insufficient" with too little
  // data) and its slope; nullopt: mood not shared.
  std::optional<std::string> mood_direction;
  double mood_slope_per_week = 0;
  // Whether any category that shows activity (mood, assessments, entries, conversations)
  // is shared, and the time of the latest item in those; nullopt when there is none.
  bool activity_shared = false;
  std::optional<UnixMillis> last_activity_at;
};

struct NeedReason {
  std::string code;
  std::string text;
};

struct Need {
  int score = 0;
  std::vector<NeedReason> reasons;  // most urgent first
};

Need AssessNeed(const CaseloadFacts& facts);

// What the caseload is ordered by, per client.
struct CaseloadRank {
  int score = 0;
  int open_alerts = 0;  // 0 when not shared
  std::optional<UnixMillis> last_activity_at;
  std::string handle;  // last tie-break, so the order is stable
};

// Indexes of `rows`, most in need first: higher score, then more open alerts, then the
// longer silence (no activity known counts as the longest), then handle.
std::vector<size_t> OrderByNeed(std::span<const CaseloadRank> rows);

// The mean valence of each of the `days` local days ending on `last_day` (null for a day
// without check-ins), rounded to 3 decimals; oldest first.
std::vector<std::optional<double>> Sparkline(const DailySeries& series, std::int64_t last_day,
                                             int days = kSparklineDays);

}  // namespace interlude::care
