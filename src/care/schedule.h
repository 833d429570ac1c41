// When each questionnaire is next due (docs/care.md "Schedule"). A schedule is a preference,
// not content: the frequency per instrument and the next session's time live in the user's
// settings; this file only does the arithmetic.
//   weekly 7 days, fortnightly 14 days, monthly 30 days after the last completion;
//   "upcoming" before due_at, "due" from due_at, "overdue" more than half a period past it;
//   never completed: due from the day the account was made, and never "overdue" (no nagging);
//   before_session: due from 3 days before next_session_at, overdue once the session has
//   passed without it; done for that session (completed since due_at) or no session set ->
//   "upcoming" with no due_at;
//   off: state "off", no due_at.
// Defaults: PHQ-9 and GAD-7 fortnightly, WHO-5 monthly, PHQ-2 and GAD-2 off.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"

namespace interlude::care {

enum class Frequency { kOff, kWeekly, kFortnightly, kMonthly, kBeforeSession };

std::string_view FrequencyName(Frequency f);  // "off", "weekly", ..., "before_session"
// False for anything but the five names.
bool ParseFrequency(std::string_view text, Frequency& out);
Frequency DefaultFrequency(std::string_view instrument);

inline constexpr UnixMillis kScheduleDay = 86400000;
inline constexpr int kBeforeSessionDays = 3;

struct Due {
  std::optional<UnixMillis> due_at;
  std::string state;  // "due", "overdue", "upcoming", "off"
};

Due ComputeDue(Frequency frequency, std::optional<UnixMillis> last_completed_at,
               std::optional<UnixMillis> next_session_at, UnixMillis account_created_at,
               UnixMillis now);

}  // namespace interlude::care
