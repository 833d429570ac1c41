// The session-note draft (note_draft.h).
#include "care/note_draft.h"

#include <utility>

namespace interlude::care {
namespace {

void Append(std::vector<BriefStatement>& to, std::vector<BriefStatement> more) {
  for (BriefStatement& s : more) to.push_back(std::move(s));
}

// The client's own words: what they want to talk about, then extracts of shared entries.
std::vector<BriefStatement> Subjective(const NoteInput& in) {
  std::vector<BriefStatement> out;
  if (!in.data.shares.entries) return out;
  Append(out, AgendaStatements(in.data));
  Append(out, NotableEntryStatements(in.data));
  return out;
}

std::vector<BriefStatement> HomeworkCounts(const BriefInput& data) {
  if (!data.shares.goals) return {};
  const auto list = RelevantAssignments(data);
  if (list.empty()) return {};
  size_t done = 0;
  std::vector<BriefSource> sources;
  for (const BriefAssignment* a : list) {
    if (a->done_at) ++done;
    sources.push_back({"assignment", a->id, a->created_at});
  }
  return {{"Homework: " + std::to_string(done) + " of " + std::to_string(list.size()) +
               (list.size() == 1 ? " assignment" : " assignments") + " done.",
           std::move(sources)}};
}

std::vector<BriefStatement> Objective(const NoteInput& in) {
  std::vector<BriefStatement> out;
  if (in.data.shares.mood) Append(out, MoodStatements(in.data));
  if (in.data.shares.assessments) Append(out, ScoreStatements(in.data));
  Append(out, HomeworkCounts(in.data));
  if (in.data.shares.safety_alerts) Append(out, AlertStatements(in.data));
  return out;
}

// Measured statements only: bands and reliable change.
std::vector<BriefStatement> Assessment(const NoteInput& in) {
  std::vector<BriefStatement> out;
  if (!in.data.shares.assessments) return out;
  Append(out, BandStatements(in.data));
  Append(out, ChangeStatements(in.data));
  return out;
}

std::vector<BriefStatement> Plan(const NoteInput& in) {
  std::vector<BriefStatement> out;
  if (in.data.shares.goals) {
    for (const BriefAssignment* a : RelevantAssignments(in.data)) {
      if (a->done_at) continue;
      out.push_back({"Open homework: \xE2\x80\x9C" + Extract(a->title, 120) + "\xE2\x80\x9D (" +
                         a->kind + "), due " + a->due + ".",
                     {{"assignment", a->id, a->created_at}}});
    }
  }
  if (in.next_session_at) {
    out.push_back({"Next session recorded for " + DateTimeText(*in.next_session_at) + ".", {}});
  }
  for (const QuestionnaireDue& q : in.questionnaires_due) {
    std::string text = q.name + " is " + q.state;
    if (q.due_at) text += " (due since " + DateText(*q.due_at) + ")";
    out.push_back({text + ".", {}});
  }
  return out;
}

NoteSection Part(std::string name, std::vector<BriefStatement> lines) {
  if (lines.empty()) lines.push_back({kNoSharedData, {}});
  return {std::move(name), std::move(lines)};
}

std::string Text(const NoteInput& in, const std::vector<NoteSection>& sections) {
  std::string out = std::string(kDraftHeading) + "\n";
  out += "Client: " + in.client_handle + "\n";
  out += "Session: " + DateTimeText(in.session_at) + "\n";
  out += "Period: " + DateTimeText(in.data.from) + " to " + DateTimeText(in.data.to) + "\n";
  out += std::string("Format: ") + (in.format == NoteFormat::kSoap ? "SOAP" : "DAP") + "\n";
  for (const NoteSection& s : sections) {
    out += "\n" + s.name + "\n";
    for (const BriefStatement& line : s.lines) out += "- " + line.text + "\n";
  }
  return out;
}

}  // namespace

std::string_view NoteFormatName(NoteFormat f) { return f == NoteFormat::kSoap ? "soap" : "dap"; }

bool ParseNoteFormat(std::string_view text, NoteFormat& out) {
  if (text == "soap") {
    out = NoteFormat::kSoap;
  } else if (text == "dap") {
    out = NoteFormat::kDap;
  } else {
    return false;
  }
  return true;
}

NoteDraft ComposeNote(const NoteInput& in) {
  NoteDraft note;
  note.format = in.format;
  if (in.format == NoteFormat::kSoap) {
    note.sections.push_back(Part("Subjective", Subjective(in)));
    note.sections.push_back(Part("Objective", Objective(in)));
  } else {
    std::vector<BriefStatement> data = Subjective(in);
    Append(data, Objective(in));
    note.sections.push_back(Part("Data", std::move(data)));
  }
  note.sections.push_back(Part("Assessment", Assessment(in)));
  note.sections.push_back(Part("Plan", Plan(in)));
  note.text = Text(in, note.sections);
  return note;
}

}  // namespace interlude::care
