// The pre-session brief: what a clinician reads before a session, composed from what the
// client shares — plain, factual sentences, each naming the items behind it. Nothing here
// reads storage or checks consent: the caller passes only what the client shares (and says
// which categories those are); this file counts, averages and words it.
//
// Sections, in order (docs/clinician.md "The brief"):
//   mood      check-ins in the period: how many, the mean valence (1-7) and energy (1-5), the
//             lowest and highest, and the mean of the two weeks before the period to compare
//   scores    each questionnaire in the period with its band, and its change as care/
//             computed it when stored (reliable change per reliable_change.h, never redone)
//   themes    the language engine's themes across the shared entries of the period
//   entries   notable shared entries (risk first, then the strongest feeling, then newest) as
//             extracts of at most kExtractChars characters, with their key phrases
//   risk      safety alerts raised in the period or still open, with their reasons and
//             who acknowledged them when
//   homework  assignments due or done in the period or still open, with completion counts
//   agenda    what the client wrote they want to talk about: shared session-preparation
//             entries' `want_to_discuss` and `questions`, quoted with their date
// A section whose category is not shared has shared = false and no statements; a shared
// section with nothing in the period says so in one statement without sources.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"

namespace interlude::care {

inline constexpr size_t kExtractChars = 200;  // entry extracts
inline constexpr size_t kAgendaChars = 400;   // the client's agenda, quoted
inline constexpr size_t kNotableEntries = 5;
inline constexpr size_t kTopThemes = 5;
inline constexpr UnixMillis kComparisonWindow = 14LL * 86400000;  // "the two weeks before"

struct BriefSource {
  std::string kind;  // checkin, entry, assessment, alert, assignment
  std::string id;
  UnixMillis at = 0;
  bool operator==(const BriefSource&) const = default;
};

struct BriefStatement {
  std::string text;
  std::vector<BriefSource> sources;
};

struct BriefSection {
  std::string id;
  std::string title;
  bool shared = false;
  std::vector<BriefStatement> statements;
};

struct BriefCheckin {
  std::string id;
  UnixMillis at = 0;
  int valence = 0;  // 1..7
  int energy = 0;   // 1..5
};

// A stored change (the `change` / `change_from_first` object of an assessment).
struct BriefChange {
  std::string previous_id;
  int previous_total = 0;
  int delta = 0;
  std::string reliable;     // "none", "improvement", "deterioration"
  std::string explanation;  // care's sentence
};

struct BriefAssessment {
  std::string id;
  std::string instrument;  // phq9
  std::string name;        // PHQ-9
  UnixMillis at = 0;
  int total = 0;
  int max_total = 0;
  std::string band;  // the band's label
  std::optional<int> item9;
  std::optional<BriefChange> change;             // from the previous of the same instrument
  std::optional<BriefChange> change_from_first;  // from the first (the baseline)
};

struct BriefEntry {
  std::string id;
  UnixMillis at = 0;
  std::string kind;  // free, gratitude, thought_record, session_prep, after_session
  std::string title;
  std::string text;
  std::vector<std::pair<std::string, std::string>> fields;  // text fields, as written
  std::vector<std::string> themes;
  std::vector<std::string> key_phrases;
  double sentiment = 0;  // compound, -1..1
  int risk_tier = 0;     // 0 none .. 3 high
};

struct BriefAlert {
  std::string id;
  UnixMillis at = 0;
  std::string tier;                       // low, moderate, high
  std::string source;                     // entry, checkin, screening, assessment
  std::vector<std::string> reason_codes;  // "suicidal_ideation", ...
  std::string acknowledged_by;            // a handle; empty while open
  UnixMillis acknowledged_at = 0;
};

struct BriefAssignment {
  std::string id;
  std::string kind;  // exercise, questionnaire, prompt, custom
  std::string title;
  std::string due;  // YYYY-MM-DD
  UnixMillis due_at = 0;
  UnixMillis created_at = 0;
  std::optional<UnixMillis> done_at;
  std::string note;  // the client's note when marking it done
};

struct BriefInput {
  UnixMillis from = 0;  // inclusive
  UnixMillis to = 0;    // exclusive
  // When the brief is made (0: the end of the period). Homework is "not done by its due
  // date" only once that whole day has passed by then.
  UnixMillis now = 0;
  // Which categories the client shares (a section of an unshared one stays empty).
  struct Shares {
    bool mood = false, assessments = false, entries = false, goals = false, safety_alerts = false;
  } shares;
  // Check-ins from kComparisonWindow before `from` up to `to` (others are ignored).
  std::vector<BriefCheckin> checkins;
  // Every questionnaire the client shares (earlier ones give the change's context).
  std::vector<BriefAssessment> assessments;
  // Shared entries (only those the client marked shared).
  std::vector<BriefEntry> entries;
  std::vector<BriefAlert> alerts;
  std::vector<BriefAssignment> assignments;
};

// The seven sections, in the order above.
std::vector<BriefSection> ComposeBrief(const BriefInput& input);

// The statements of the sections, shared with the note draft; each is empty when there is
// nothing in the period (the sections then say so).
std::vector<BriefStatement> MoodStatements(const BriefInput& input);
// "PHQ-9 on 2026-11-20: 15 of 27 (Moderately severe)." per questionnaire in the period.
std::vector<BriefStatement> ScoreStatements(const BriefInput& input);
// The latest of each instrument in the period and its band.
std::vector<BriefStatement> BandStatements(const BriefInput& input);
// The stored change of the latest of each instrument: from the previous one, and from the
// first when that is a different questionnaire (care's explanation, never recomputed).
std::vector<BriefStatement> ChangeStatements(const BriefInput& input);
std::vector<BriefStatement> NotableEntryStatements(const BriefInput& input);
std::vector<BriefStatement> AlertStatements(const BriefInput& input);
std::vector<BriefStatement> AgendaStatements(const BriefInput& input);
// Assignments due or done in the period, or still open, by due date.
std::vector<const BriefAssignment*> RelevantAssignments(const BriefInput& input);

// Helpers shared with the note draft.

// `text` cut to at most `max_chars` code points at a word boundary, with "…" when cut;
// whitespace runs become one space.
std::string Extract(std::string_view text, size_t max_chars);
// "2026-11-20" (UTC).
std::string DateText(UnixMillis t);
// "2026-11-20 15:00 UTC".
std::string DateTimeText(UnixMillis t);
// Words for a safety reason code ("suicidal_ideation" -> "suicidal thoughts"); the code
// with spaces for one without a mapping.
std::string ReasonWords(std::string_view code);
// "journal entry", "session preparation", ... for an entry kind.
std::string EntryKindWords(std::string_view kind);

// The agenda quotes: (field label, the client's words) of one session_prep entry.
std::vector<std::pair<std::string, std::string>> AgendaQuotes(const BriefEntry& entry);

}  // namespace interlude::care
