// Due dates (schedule.h).
#include "care/schedule.h"

namespace interlude::care {
namespace {

UnixMillis PeriodDays(Frequency f) {
  switch (f) {
    case Frequency::kWeekly: return 7;
    case Frequency::kFortnightly: return 14;
    case Frequency::kMonthly: return 30;
    default: return 0;
  }
}

}  // namespace

std::string_view FrequencyName(Frequency f) {
  switch (f) {
    case Frequency::kOff: return "off";
    case Frequency::kWeekly: return "weekly";
    case Frequency::kFortnightly: return "fortnightly";
    case Frequency::kMonthly: return "monthly";
    case Frequency::kBeforeSession: return "before_session";
  }
  return "off";
}

bool ParseFrequency(std::string_view text, Frequency& out) {
  for (Frequency f : {Frequency::kOff, Frequency::kWeekly, Frequency::kFortnightly,
                      Frequency::kMonthly, Frequency::kBeforeSession}) {
    if (FrequencyName(f) == text) {
      out = f;
      return true;
    }
  }
  return false;
}

Frequency DefaultFrequency(std::string_view instrument) {
  if (instrument == "phq9" || instrument == "gad7") return Frequency::kFortnightly;
  if (instrument == "who5") return Frequency::kMonthly;
  return Frequency::kOff;
}

Due ComputeDue(Frequency frequency, std::optional<UnixMillis> last, std::optional<UnixMillis> next_session,
               UnixMillis created_at, UnixMillis now) {
  Due out;
  if (frequency == Frequency::kOff) {
    out.state = "off";
    return out;
  }
  if (frequency == Frequency::kBeforeSession) {
    out.state = "upcoming";
    if (!next_session) return out;
    const UnixMillis opens = *next_session - kBeforeSessionDays * kScheduleDay;
    if (last && *last >= opens) return out;  // done for this session
    out.due_at = opens;
    out.state = now < opens ? "upcoming" : now <= *next_session ? "due" : "overdue";
    return out;
  }
  const UnixMillis period = PeriodDays(frequency) * kScheduleDay;
  if (!last) {
    out.due_at = created_at;
    out.state = now < created_at ? "upcoming" : "due";
    return out;
  }
  const UnixMillis due = *last + period;
  out.due_at = due;
  out.state = now < due ? "upcoming" : now - due > period / 2 ? "overdue" : "due";
  return out;
}

}  // namespace interlude::care
