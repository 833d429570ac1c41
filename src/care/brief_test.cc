// The pre-session brief: hand-worked figures, sources on every statement, consent per
// section, extracts, and the words of the risk and homework sections.
#include "care/brief.h"

#include <gtest/gtest.h>

#include "base/time_format.h"

namespace interlude::care {
namespace {

constexpr UnixMillis kDay = 86400000;
UnixMillis At(const char* iso) { return *ParseIso8601(iso); }

BriefSection Find(const std::vector<BriefSection>& s, const std::string& id) {
  for (const BriefSection& x : s) {
    if (x.id == id) return x;
  }
  ADD_FAILURE() << "no section " << id;
  std::abort();
}

bool Has(const BriefSection& s, const std::string& words) {
  for (const BriefStatement& st : s.statements) {
    if (st.text.find(words) != std::string::npos) return true;
  }
  return false;
}

BriefInput AllShared() {
  BriefInput in;
  in.from = At("2026-11-17T10:00:00Z");
  in.to = At("2026-12-01T10:00:00Z");
  in.shares = {true, true, true, true, true};
  return in;
}

TEST(BriefTest, SectionsInOrderAndUnsharedOnesAreEmpty) {
  BriefInput in = AllShared();
  in.shares.mood = false;
  in.checkins.push_back({"c1", in.from + kDay, 3, 2});
  const auto s = ComposeBrief(in);
  ASSERT_EQ(s.size(), 7u);
  const std::vector<std::string> ids = {"mood", "scores",   "themes", "entries",
                                        "risk", "homework", "agenda"};
  for (size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(s[i].id, ids[i]);
  EXPECT_FALSE(s[0].shared);
  EXPECT_TRUE(s[0].statements.empty());
  // A shared section with nothing in the period says so, with no sources.
  EXPECT_TRUE(s[1].shared);
  ASSERT_EQ(s[1].statements.size(), 1u);
  EXPECT_EQ(s[1].statements[0].text, "No questionnaires completed in this period.");
  EXPECT_TRUE(s[1].statements[0].sources.empty());
}

TEST(BriefTest, MoodAveragesComparesAndCitesEveryCheckin) {
  BriefInput in = AllShared();
  // Two weeks before: 5 and 4 (mean 4.5). The period: 2, 3, 4, 5 (mean 3.5); energy 1,2,3,4 (2.5).
  in.checkins = {{"b1", in.from - 3 * kDay, 5, 3},
                 {"b2", in.from - 1 * kDay, 4, 3},
                 {"old", in.from - 20 * kDay, 1, 1},  // outside both windows
                 {"p1", in.from + 1 * kDay, 2, 1},
                 {"p2", in.from + 2 * kDay, 3, 2},
                 {"p3", in.from + 3 * kDay, 4, 3},
                 {"p4", in.from + 4 * kDay, 5, 4},
                 {"late", in.to, 7, 5}};  // the period's end is exclusive
  const auto& mood = Find(ComposeBrief(in), "mood");
  ASSERT_GE(mood.statements.size(), 3u);
  EXPECT_EQ(mood.statements[0].text,
            "Mood averaged 3.5/7 over 4 check-ins (down from 4.5 over 2 check-ins in the two weeks "
            "before); energy averaged 2.5/5.");
  ASSERT_EQ(mood.statements[0].sources.size(), 6u);
  EXPECT_EQ(mood.statements[0].sources[0], (BriefSource{"checkin", "b1", in.from - 3 * kDay}));
  // First half (2, 3) -> 2.5; last half (4, 5) -> 4.5.
  EXPECT_EQ(mood.statements[1].text,
            "Over the period, mood went from 2.5/7 (the first 2 check-ins) to 4.5/7 (the last 2).");
  EXPECT_EQ(mood.statements[2].text, "Lowest mood 2/7 on 2026-11-18; highest 5/7 on 2026-11-21.");
  EXPECT_EQ(mood.statements[2].sources.size(), 2u);
}

TEST(BriefTest, NoCheckinsSaysSo) {
  const auto& mood = Find(ComposeBrief(AllShared()), "mood");
  ASSERT_EQ(mood.statements.size(), 1u);
  EXPECT_EQ(mood.statements[0].text, "No check-ins in this period.");
}

TEST(BriefTest, ScoresQuoteTheStoredChangeWithBothQuestionnairesAsSources) {
  BriefInput in = AllShared();
  BriefAssessment first{"a1", "phq9", "PHQ-9", in.from - 14 * kDay, 9,
                        27,   "Mild", 0,       std::nullopt,        std::nullopt};
  BriefAssessment second{
      "a2", "phq9",       "PHQ-9",     in.from + 2 * kDay, 15, 27, "Moderately severe",
      1,    std::nullopt, std::nullopt};
  second.change = BriefChange{
      "a1", 9, 6, "deterioration",
      "The PHQ-9 score rose 6 points from 9 to 15: X, so this is a reliable worsening."};
  second.change_from_first = second.change;  // the first is the previous: said once
  in.assessments = {first, second};
  const auto& scores = Find(ComposeBrief(in), "scores");
  ASSERT_EQ(scores.statements.size(), 2u);
  EXPECT_EQ(
      scores.statements[0].text,
      "PHQ-9 on 2026-11-19: 15 of 27 (Moderately severe). Item 9 (thoughts of being better off "
      "dead or of self-harm) scored 1 of 3.");
  EXPECT_EQ(
      scores.statements[1].text,
      "Since the previous PHQ-9 (2026-11-03): The PHQ-9 score rose 6 points from 9 to 15: X, so "
      "this is a reliable worsening.");
  ASSERT_EQ(scores.statements[1].sources.size(), 2u);
  EXPECT_EQ(scores.statements[1].sources[0].id, "a1");
  EXPECT_EQ(scores.statements[1].sources[1].id, "a2");
}

BriefEntry MakeEntry(const std::string& id, UnixMillis at, const std::string& kind,
                     const std::string& text) {
  BriefEntry e;
  e.id = id;
  e.at = at;
  e.kind = kind;
  e.text = text;
  return e;
}

TEST(BriefTest, ThemesCountEntriesOnce) {
  BriefInput in = AllShared();
  BriefEntry a = MakeEntry("e1", in.from + kDay, "free", "x");
  a.themes = {"work", "work", "sleep"};
  BriefEntry b = MakeEntry("e2", in.from + 2 * kDay, "free", "y");
  b.themes = {"work", "loss_grief"};
  BriefEntry outside = MakeEntry("e3", in.from - kDay, "free", "z");
  outside.themes = {"money"};
  in.entries = {a, b, outside};
  const auto& themes = Find(ComposeBrief(in), "themes");
  ASSERT_EQ(themes.statements.size(), 3u);
  EXPECT_EQ(themes.statements[0].text, "“work” in 2 of 2 shared entries.");
  EXPECT_EQ(themes.statements[0].sources.size(), 2u);
  EXPECT_TRUE(Has(themes, "“loss and grief” in 1 of 2 shared entries."));
  EXPECT_FALSE(Has(themes, "money"));
}

TEST(BriefTest, NotableEntriesPreferRiskAndStrongFeelingAndKeepSessionPrepForTheAgenda) {
  BriefInput in = AllShared();
  for (int i = 0; i < 7; ++i) {
    BriefEntry e = MakeEntry("n" + std::to_string(i), in.from + i * kDay, "free",
                             "plain words " + std::to_string(i));
    e.sentiment = 0.1 * i;
    in.entries.push_back(e);
  }
  BriefEntry risky = MakeEntry("risky", in.from + 8 * kDay, "free", "a hard night");
  risky.risk_tier = 3;
  risky.key_phrases = {"hard night"};
  in.entries.push_back(risky);
  BriefEntry prep = MakeEntry("prep", in.from + 9 * kDay, "session_prep", "");
  prep.fields = {{"questions", "Is this normal?"},
                 {"since_last_session", "busy"},
                 {"want_to_discuss", "my sister's visit"}};
  in.entries.push_back(prep);
  const auto brief = ComposeBrief(in);
  const auto& entries = Find(brief, "entries");
  ASSERT_EQ(entries.statements.size(), 1u + kNotableEntries);
  EXPECT_EQ(entries.statements[0].text, "8 entries shared in this period.");
  EXPECT_EQ(entries.statements[0].sources.size(), 8u);
  EXPECT_TRUE(Has(entries, "2026-11-25, journal entry: “a hard night” Key phrases: hard night."));
  EXPECT_TRUE(Has(entries, "plain words 6"));
  EXPECT_FALSE(Has(entries, "plain words 0"));  // the weakest feeling is left out
  EXPECT_FALSE(Has(entries, "sister"));
  const auto& agenda = Find(brief, "agenda");
  ASSERT_EQ(agenda.statements.size(), 2u);
  EXPECT_EQ(agenda.statements[0].text,
            "Wants to talk about (written 2026-11-26): “my sister's visit”");
  EXPECT_EQ(agenda.statements[1].text, "Questions (written 2026-11-26): “Is this normal?”");
  EXPECT_EQ(agenda.statements[0].sources[0], (BriefSource{"entry", "prep", in.from + 9 * kDay}));
}

TEST(BriefTest, ExtractsAreCutAtAWordWithAnEllipsis) {
  EXPECT_EQ(Extract("short  and\n\nsweet", 200), "short and sweet");
  EXPECT_EQ(Extract("one two three four", 12), "one two…");
  EXPECT_EQ(Extract("abcdefghij", 5), "abcd…");
  // Counted in characters, not bytes: 10 e-acutes fit in 10.
  EXPECT_EQ(
      Extract("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9 \xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 10),
      "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9 \xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9");
  const std::string long_text(300, 'a');
  const std::string cut = Extract(long_text + " end", kExtractChars);
  EXPECT_EQ(cut, std::string(199, 'a') + "…");
}

TEST(BriefTest, RiskSaysWhoAcknowledgedAndWhatIsStillOpen) {
  BriefInput in = AllShared();
  in.alerts = {{"al1",
                At("2026-11-20T22:15:00Z"),
                "high",
                "entry",
                {"plan", "intent"},
                "dr-wren",
                At("2026-11-21T08:00:00Z")},
               {"al0", At("2026-11-01T10:00:00Z"), "moderate", "assessment", {"phq9_item9"}, "", 0},
               {"old",
                At("2026-11-02T10:00:00Z"),
                "high",
                "entry",
                {"plan"},
                "dr-wren",
                At("2026-11-02T11:00:00Z")}};
  const auto& risk = Find(ComposeBrief(in), "risk");
  ASSERT_EQ(risk.statements.size(), 2u);  // the old acknowledged one is outside the period
  EXPECT_EQ(
      risk.statements[0].text,
      "Moderate alert on 2026-11-01 10:00 UTC from a questionnaire: PHQ-9 item 9 above 0. Not yet "
      "acknowledged. (Raised before this period, still open.)");
  EXPECT_EQ(
      risk.statements[1].text,
      "High alert on 2026-11-20 22:15 UTC from a journal entry: a plan to act; intent to act. "
      "Acknowledged by dr-wren at 2026-11-21 08:00 UTC.");
  EXPECT_EQ(risk.statements[1].sources[0],
            (BriefSource{"alert", "al1", At("2026-11-20T22:15:00Z")}));
}

TEST(BriefTest, HomeworkCountsDoneAndOpen) {
  BriefInput in = AllShared();
  BriefAssignment done{"h1",
                       "exercise",
                       "Box breathing",
                       "2026-11-20",
                       At("2026-11-20T00:00:00Z"),
                       At("2026-11-10T00:00:00Z"),
                       At("2026-11-19T18:00:00Z"),
                       "it helped a bit"};
  BriefAssignment missed{"h2",
                         "custom",
                         "Walk daily",
                         "2026-11-25",
                         At("2026-11-25T00:00:00Z"),
                         At("2026-11-10T00:00:00Z"),
                         std::nullopt,
                         ""};
  BriefAssignment later{"h3",
                        "questionnaire",
                        "PHQ-9",
                        "2026-12-10",
                        At("2026-12-10T00:00:00Z"),
                        At("2026-11-18T00:00:00Z"),
                        std::nullopt,
                        ""};
  BriefAssignment long_done{"h0",
                            "custom",
                            "Old",
                            "2026-10-01",
                            At("2026-10-01T00:00:00Z"),
                            At("2026-09-10T00:00:00Z"),
                            At("2026-10-01T00:00:00Z"),
                            ""};
  in.assignments = {done, missed, later, long_done};
  const auto& hw = Find(ComposeBrief(in), "homework");
  ASSERT_EQ(hw.statements.size(), 4u);
  EXPECT_EQ(hw.statements[0].text, "1 of 3 assignments done; 2 open.");
  EXPECT_EQ(hw.statements[1].text,
            "“Box breathing” (exercise), due 2026-11-20: done on 2026-11-19. The client's note: "
            "“it helped a bit”");
  EXPECT_EQ(hw.statements[2].text,
            "“Walk daily” (custom), due 2026-11-25: not marked done by its due date.");
  EXPECT_EQ(hw.statements[3].text, "“PHQ-9” (questionnaire), due 2026-12-10: open.");
}

// A brief made before the next session: homework due tomorrow, or due today, is still open —
// not "missed" because the session it leads up to is later.
TEST(BriefTest, HomeworkNotYetDueIsOpenNotMissed) {
  BriefInput in = AllShared();
  in.to = At("2026-11-30T10:00:00Z");   // the next session
  in.now = At("2026-11-27T15:00:00Z");  // the brief is read three days before it
  BriefAssignment today{"h1", "custom", "Walk", "2026-11-27", At("2026-11-27T00:00:00Z"),
                        At("2026-11-20T00:00:00Z"), std::nullopt, ""};
  BriefAssignment tomorrow{"h2", "custom", "Call Sam", "2026-11-28", At("2026-11-28T00:00:00Z"),
                           At("2026-11-20T00:00:00Z"), std::nullopt, ""};
  BriefAssignment yesterday{"h3", "custom", "Journal", "2026-11-26", At("2026-11-26T00:00:00Z"),
                            At("2026-11-20T00:00:00Z"), std::nullopt, ""};
  in.assignments = {today, tomorrow, yesterday};
  const auto& hw = Find(ComposeBrief(in), "homework");
  ASSERT_EQ(hw.statements.size(), 4u);
  EXPECT_EQ(hw.statements[1].text,
            "“Journal” (custom), due 2026-11-26: not marked done by its due date.");
  EXPECT_EQ(hw.statements[2].text, "“Walk” (custom), due 2026-11-27: open.");
  EXPECT_EQ(hw.statements[3].text, "“Call Sam” (custom), due 2026-11-28: open.");
}

TEST(BriefTest, ReasonWordsFallBackToTheCode) {
  EXPECT_EQ(ReasonWords("suicidal_ideation"), "suicidal thoughts");
  EXPECT_EQ(ReasonWords("something_new"), "something new");
}

}  // namespace
}  // namespace interlude::care
