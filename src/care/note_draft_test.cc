// The note draft: what goes in each part, "No shared data for this part." where nothing is
// behind it, nothing invented, and the plain-text export.
#include "care/note_draft.h"

#include <gtest/gtest.h>

#include "base/time_format.h"

namespace interlude::care {
namespace {

constexpr UnixMillis kDay = 86400000;
UnixMillis At(const char* iso) { return *ParseIso8601(iso); }

NoteInput Sample(NoteFormat format) {
  NoteInput in;
  in.format = format;
  in.client_handle = "quiet-heron-42";
  in.session_at = At("2026-12-01T10:00:00Z");
  in.next_session_at = At("2026-12-15T10:00:00Z");
  BriefInput& d = in.data;
  d.from = At("2026-11-17T10:00:00Z");
  d.to = in.session_at;
  d.shares = {true, true, true, true, false};
  d.checkins = {{"c1", d.from + kDay, 3, 2}, {"c2", d.from + 2 * kDay, 4, 3}};
  BriefAssessment a{"a2", "phq9",       "PHQ-9",     d.from + 3 * kDay, 15, 27, "Moderately severe",
                    0,    std::nullopt, std::nullopt};
  a.change =
      BriefChange{"a1", 9, 6, "deterioration",
                  "The PHQ-9 score rose 6 points from 9 to 15: so this is a reliable worsening."};
  d.assessments = {
      {"a1", "phq9", "PHQ-9", d.from - 14 * kDay, 9, 27, "Mild", 0, std::nullopt, std::nullopt}, a};
  BriefEntry prep;
  prep.id = "prep";
  prep.at = d.from + 4 * kDay;
  prep.kind = "session_prep";
  prep.fields = {{"want_to_discuss", "the argument with my brother"}};
  d.entries = {prep};
  d.assignments = {{"h1", "custom", "Walk daily", "2026-12-05", At("2026-12-05T00:00:00Z"), d.from,
                    std::nullopt, ""},
                   {"h2", "exercise", "Box breathing", "2026-11-20", At("2026-11-20T00:00:00Z"),
                    d.from, At("2026-11-19T00:00:00Z"), ""}};
  in.questionnaires_due = {{"GAD-7", "overdue", At("2026-11-10T00:00:00Z")}};
  return in;
}

bool PartHas(const NoteSection& s, const std::string& words) {
  for (const BriefStatement& line : s.lines) {
    if (line.text.find(words) != std::string::npos) return true;
  }
  return false;
}

TEST(NoteDraftTest, SoapPartsHoldWhatWasMeasuredOrShared) {
  const NoteDraft note = ComposeNote(Sample(NoteFormat::kSoap));
  ASSERT_EQ(note.sections.size(), 4u);
  EXPECT_EQ(note.sections[0].name, "Subjective");
  EXPECT_TRUE(PartHas(note.sections[0],
                      "Wants to talk about (written 2026-11-21): “the argument with my brother”"));
  EXPECT_EQ(note.sections[1].name, "Objective");
  EXPECT_TRUE(PartHas(note.sections[1], "Mood averaged 3.5/7 over 2 check-ins"));
  EXPECT_TRUE(PartHas(note.sections[1], "PHQ-9 on 2026-11-20: 15 of 27 (Moderately severe)."));
  EXPECT_TRUE(PartHas(note.sections[1], "Homework: 1 of 2 assignments done."));
  EXPECT_EQ(note.sections[2].name, "Assessment");
  EXPECT_TRUE(PartHas(note.sections[2],
                      "Latest PHQ-9 (2026-11-20) in the Moderately severe band: 15 of 27."));
  EXPECT_TRUE(PartHas(note.sections[2], "reliable worsening"));
  EXPECT_EQ(note.sections[3].name, "Plan");
  EXPECT_TRUE(PartHas(note.sections[3], "Open homework: “Walk daily” (custom), due 2026-12-05."));
  EXPECT_FALSE(PartHas(note.sections[3], "Box breathing"));
  EXPECT_TRUE(PartHas(note.sections[3], "Next session recorded for 2026-12-15 10:00 UTC."));
  EXPECT_TRUE(PartHas(note.sections[3], "GAD-7 is overdue (due since 2026-11-10)."));
  // Every line with data names what is behind it.
  for (const NoteSection& s : {note.sections[0], note.sections[1], note.sections[2]}) {
    for (const BriefStatement& line : s.lines) EXPECT_FALSE(line.sources.empty()) << line.text;
  }
}

TEST(NoteDraftTest, DapPutsTheClientsWordsAndTheFiguresUnderData) {
  const NoteDraft note = ComposeNote(Sample(NoteFormat::kDap));
  ASSERT_EQ(note.sections.size(), 3u);
  EXPECT_EQ(note.sections[0].name, "Data");
  EXPECT_TRUE(PartHas(note.sections[0], "the argument with my brother"));
  EXPECT_TRUE(PartHas(note.sections[0], "15 of 27"));
  EXPECT_EQ(note.sections[1].name, "Assessment");
  EXPECT_EQ(note.sections[2].name, "Plan");
}

TEST(NoteDraftTest, NothingSharedSaysSoAndInventsNothing) {
  NoteInput in = Sample(NoteFormat::kSoap);
  in.data.shares = {};
  in.next_session_at.reset();
  in.questionnaires_due.clear();
  const NoteDraft note = ComposeNote(in);
  for (const NoteSection& s : note.sections) {
    ASSERT_EQ(s.lines.size(), 1u) << s.name;
    EXPECT_EQ(s.lines[0].text, kNoSharedData);
  }
  for (const char* invented :
       {"normal", "euthymic", "no risk", "denies", "appropriate", "brother", "15 of 27"}) {
    EXPECT_EQ(note.text.find(invented), std::string::npos) << invented;
  }
}

TEST(NoteDraftTest, TextIsHeadedAsADraftWithTheClientAndSession) {
  const NoteDraft note = ComposeNote(Sample(NoteFormat::kSoap));
  EXPECT_EQ(note.text.rfind("DRAFT \xE2\x80\x94 for the clinician to edit\nClient: "
                            "quiet-heron-42\nSession: 2026-12-01 10:00 UTC\n",
                            0),
            0u)
      << note.text;
  EXPECT_NE(note.text.find("\nSubjective\n- Wants to talk about"), std::string::npos);
  EXPECT_NE(note.text.find("\nPlan\n"), std::string::npos);
}

TEST(NoteDraftTest, FormatNames) {
  NoteFormat f;
  EXPECT_TRUE(ParseNoteFormat("dap", f));
  EXPECT_EQ(f, NoteFormat::kDap);
  EXPECT_TRUE(ParseNoteFormat("soap", f));
  EXPECT_EQ(NoteFormatName(f), "soap");
  EXPECT_FALSE(ParseNoteFormat("SOAP", f));
}

}  // namespace
}  // namespace interlude::care
