// A SOAP or DAP session-note draft, filled only with what was measured or shared — never
// with a finding nobody measured (no "mood euthymic", no "no risk", no "normal" anything).
// It is a draft for the clinician to edit and says so at the top of its text.
//
// What goes where (docs/clinician.md "Note drafts"):
//   Subjective  the client's own words, quoted with their date: what they wrote they want
//               to talk about (session preparation) and extracts of notable shared entries
//   Objective   mood figures, questionnaire scores, homework completion counts, safety
//               alerts and their handling
//   Assessment  measured statements only: each instrument's latest severity band and its
//               reliable change as care/ computed it — no clinical impression
//   Plan        open homework with due dates, the next recorded session, questionnaires due
// DAP puts Subjective and Objective together under Data. A part with nothing behind it
// reads "No shared data for this part." Every line names the items behind it.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/brief.h"

namespace interlude::care {

inline constexpr char kNoSharedData[] = "No shared data for this part.";
inline constexpr char kDraftHeading[] = "DRAFT \xE2\x80\x94 for the clinician to edit";

enum class NoteFormat { kSoap, kDap };
std::string_view NoteFormatName(NoteFormat f);  // "soap", "dap"
// False for anything but "soap" or "dap".
bool ParseNoteFormat(std::string_view text, NoteFormat& out);

struct QuestionnaireDue {
  std::string name;   // PHQ-9
  std::string state;  // "due" or "overdue"
  std::optional<UnixMillis> due_at;
};

struct NoteInput {
  BriefInput data;  // the period is the session's (from the session before it)
  NoteFormat format = NoteFormat::kSoap;
  std::string client_handle;
  UnixMillis session_at = 0;
  std::optional<UnixMillis> next_session_at;
  std::vector<QuestionnaireDue> questionnaires_due;  // only when assessments are shared
};

struct NoteSection {
  std::string name;  // Subjective, Objective, Data, Assessment, Plan
  std::vector<BriefStatement> lines;
};

struct NoteDraft {
  NoteFormat format = NoteFormat::kSoap;
  std::vector<NoteSection> sections;
  std::string text;  // the whole draft as plain text
};

NoteDraft ComposeNote(const NoteInput& input);

}  // namespace interlude::care
