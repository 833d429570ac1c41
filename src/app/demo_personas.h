// The synthetic people of `interlude demo`: six clients with different writing styles and
// courses of mood over 90 days, and the words they write. All invented; any resemblance to
// real people is accidental.
//
// Thread-safety: immutable static data.
#pragma once

#include <span>
#include <string_view>

namespace interlude::app {

enum class MoodCourse { kImproving, kWorsening, kRumination, kFlat, kErratic, kSparse };

struct DemoEntry {
  std::string_view kind;  // free, gratitude, thought_record, session_prep, after_session
  std::string_view title;
  std::string_view text;
  std::string_view fields_json = "{}";  // the kind's structured fields, as JSON
  bool shared = false;  // marked for a linked clinician (who sees it only if shared `entries`)
};

struct Persona {
  std::string_view name;
  std::string_view email;
  MoodCourse course;
  double valence_start;  // 1..7
  double valence_end;
  double day_noise;        // standard deviation of day-to-day variation
  int checkin_gap_days;    // 1 = daily
  double entry_chance;     // per check-in day
  int tz_offset_min;
  std::span<const std::string_view> tags;
  std::string_view helps_tag;  // goes with better mood for this person (may be empty)
  std::string_view hurts_tag;  // goes with worse mood (may be empty)
  std::span<const DemoEntry> early;  // first third of the 90 days
  std::span<const DemoEntry> middle;
  std::span<const DemoEntry> late;
};

std::span<const Persona> DemoPersonas();

inline constexpr std::string_view kDemoPassword = "demo-river-stone-2026";
inline constexpr std::string_view kDemoClinicianEmail = "dr.rivera@demo.interlude.example";
inline constexpr std::string_view kDemoClinicName = "Riverside Counselling (demo)";
// The demo clinician's second factor: a FIXED, published TOTP secret so that anyone trying
// the demo can add it to an authenticator app (or compute codes with oathtool). Never use a
// fixed secret for a real account.
inline constexpr std::string_view kDemoTotpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

}  // namespace interlude::app
