// Companion tests: the dialogues in data/mirror/cases/dialogues/ (one parameterised test over
// the files), plus the opening, the state's JSON, the summary and determinism.
#include "mirror/companion.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>

#include "mirror/test_support.h"
#include "text/case_file.h"
#include "text/data_file.h"

namespace interlude::mirror {
namespace {

using testing::Analyze;
using testing::TestChecker;
using testing::TestCompanion;

std::string Lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, sep)) out.push_back(item);
  return out;
}

std::vector<std::string> DialogueFiles() {
  std::vector<std::string> files;
  for (const auto& e :
       std::filesystem::directory_iterator(text::DataRoot() + "/mirror/cases/dialogues")) {
    if (e.path().extension() == ".txt") files.push_back(e.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

CompanionTurn Say(const std::string& text, CompanionState& state,
                  const std::vector<ExerciseOffer>& offers = {}, uint64_t seed = 1) {
  const text::Analysis a = Analyze(text);
  CompanionRequest r;
  r.text = text;
  r.analysis = &a;
  r.offers = offers;
  r.seed = seed;
  return TestCompanion().Respond(r, state);
}

void CheckTurnFact(const std::string& fact, const CompanionTurn& turn) {
  const std::string text = turn.reply.Text();
  const std::string lower = Lower(text);
  const size_t eq = fact.find('=');
  const std::string name = fact.substr(0, eq);
  const std::string value = eq == std::string::npos ? "" : fact.substr(eq + 1);
  SCOPED_TRACE("fact " + fact + " on reply \"" + text + "\"");
  const auto has_act = [&](const std::string& act) {
    for (const ReplySentence& s : turn.reply.sentences) {
      if (ActName(s.act) == act) return true;
    }
    return false;
  };
  if (name == "acts") {
    std::string acts;
    for (const ReplySentence& s : turn.reply.sentences) {
      if (!acts.empty()) acts += ",";
      acts += ActName(s.act);
    }
    EXPECT_EQ(acts, value);
  } else if (name == "has_act") {
    EXPECT_TRUE(has_act(value));
  } else if (name == "no_act") {
    EXPECT_FALSE(has_act(value));
  } else if (name == "contains") {
    EXPECT_NE(lower.find(Lower(value)), std::string::npos);
  } else if (name == "contains_any") {
    bool any = false;
    for (const std::string& v : Split(value, '/')) any |= lower.find(Lower(v)) != std::string::npos;
    EXPECT_TRUE(any);
  } else if (name == "not_contains") {
    EXPECT_EQ(lower.find(Lower(value)), std::string::npos);
  } else if (name == "exercise") {
    ASSERT_TRUE(turn.exercise.has_value());
    EXPECT_EQ(turn.exercise->id, value);
  } else if (name == "no_exercise") {
    EXPECT_FALSE(turn.exercise.has_value());
  } else if (name == "help") {
    EXPECT_TRUE(turn.suggests_professional_help);
  } else if (name == "lower") {
    EXPECT_EQ(text, lower);
  } else if (name == "max_questions") {
    int n = 0;
    for (const ReplySentence& s : turn.reply.sentences) n += s.act == Act::kQuestion;
    EXPECT_LE(n, std::stoi(value));
  } else {
    ADD_FAILURE() << "unknown fact " << fact;
  }
}

class DialogueTest : public ::testing::TestWithParam<std::string> {};

TEST_P(DialogueTest, FollowsTheTranscript) {
  const std::string path = text::DataRoot() + "/mirror/cases/dialogues/" + GetParam();
  CompanionState state;
  std::vector<ExerciseOffer> offers;
  std::vector<std::string> summary_has, summary_lacks;
  int turns = 0;
  const Status st =
      text::ForEachDataLine(path, "dialogue", [&](const std::string& line, int number) -> Status {
        SCOPED_TRACE(GetParam() + ":" + std::to_string(number));
        const std::vector<std::string> f = Split(line, '\t');
        if (f[0] == "@offers") {
          const std::vector<std::string> o = Split(f.at(1), '|');
          offers = {{o.at(0), o.at(1), o.at(2)}};
        } else if (f[0] == "@safety") {
          Companion::NoteSafetyTurn(state);
        } else if (f[0] == "@summary_contains") {
          summary_has.push_back(f.at(1));
        } else if (f[0] == "@summary_not_contains") {
          summary_lacks.push_back(f.at(1));
        } else if (f[0].rfind("> ", 0) == 0) {
          if (f.size() < 3)
            return text::DataLineError(path, number, "expected message, intent, phase");
          const std::string message = f[0].substr(2);
          // Through JSON every turn, as the API stores it.
          state = CompanionState::FromJson(state.ToJson());
          const CompanionTurn turn = Say(message, state, offers, static_cast<uint64_t>(number));
          ++turns;
          SCOPED_TRACE("\"" + message + "\" -> \"" + turn.reply.Text() + "\"");
          EXPECT_EQ(IntentName(turn.intent), f[1]);
          EXPECT_EQ(PhaseName(state.phase), f[2]);
          EXPECT_FALSE(turn.reply.empty());
          int questions = 0;
          for (const ReplySentence& s : turn.reply.sentences) {
            EXPECT_TRUE(TestChecker().Check(s.text).empty()) << s.text;
            EXPECT_FALSE(s.template_id.empty());
            questions += s.act == Act::kQuestion;
          }
          EXPECT_LE(questions, 1);
          if (f.size() > 3) {
            for (const std::string& fact : testing::SplitBars(f[3])) CheckTurnFact(fact, turn);
          }
        } else {
          return text::DataLineError(path, number, "unknown line");
        }
        return OkStatus();
      });
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_GT(turns, 0);
  const std::string summary = Lower(TestCompanion().Summary(state));
  EXPECT_TRUE(TestChecker().Check(summary).empty()) << summary;
  for (const std::string& w : summary_has) {
    EXPECT_NE(summary.find(Lower(w)), std::string::npos) << w << " in " << summary;
  }
  for (const std::string& w : summary_lacks) {
    EXPECT_EQ(summary.find(Lower(w)), std::string::npos) << w << " in " << summary;
  }
}

INSTANTIATE_TEST_SUITE_P(Dialogues, DialogueTest, ::testing::ValuesIn(DialogueFiles()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param.substr(0, param.param.find('.'));
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

TEST(CompanionTest, OpeningSaysWhatItIsAndAsks) {
  for (uint64_t seed = 0; seed < 6; ++seed) {
    const Reply r = TestCompanion().Opening(seed);
    ASSERT_EQ(r.sentences.size(), 2u);
    EXPECT_EQ(r.sentences[0].act, Act::kInformation);
    EXPECT_EQ(r.sentences[1].act, Act::kQuestion);
    const std::string lower = Lower(r.Text());
    EXPECT_TRUE(lower.find("automated") != std::string::npos ||
                lower.find("program") != std::string::npos)
        << r.Text();
    EXPECT_NE(lower.find("not a person"), std::string::npos) << r.Text();
    EXPECT_NE(lower.find("therapist"), std::string::npos) << r.Text();
    EXPECT_EQ(r.Text().back(), '?');
    EXPECT_TRUE(TestChecker().Check(r.Text()).empty());
  }
}

TEST(CompanionTest, SameStateAndMessageSameReply) {
  CompanionState a, b;
  for (const char* m : {"hi", "work has been awful and my manager keeps piling things on",
                        "I just want a weekend off"}) {
    const CompanionTurn ta = Say(m, a, {}, 5);
    const CompanionTurn tb = Say(m, b, {}, 5);
    EXPECT_EQ(ta.reply.Text(), tb.reply.Text());
  }
  EXPECT_EQ(a.ToJson(), b.ToJson());
}

TEST(CompanionTest, StateRoundTripsThroughJson) {
  CompanionState s;
  Say("I'm stressed about my exams and I can't sleep", s);
  Say("I just want to pass and feel normal again", s);
  Companion::NoteSafetyTurn(s);
  const CompanionState back = CompanionState::FromJson(s.ToJson());
  EXPECT_EQ(back.ToJson(), s.ToJson());
  EXPECT_TRUE(back.check_in_pending);
  EXPECT_FALSE(back.wants.empty());
}

TEST(CompanionTest, MalformedJsonGivesTheDefaultState) {
  const nlohmann::json defaults = CompanionState().ToJson();
  for (const nlohmann::json& j :
       {nlohmann::json(), nlohmann::json(42), nlohmann::json::array(),
        nlohmann::json{{"phase", 3}, {"turns", "many"}, {"topics", "work"}}}) {
    EXPECT_EQ(CompanionState::FromJson(j).ToJson(), defaults) << j.dump();
  }
  const CompanionState s = CompanionState::FromJson({{"phase", "focusing"}, {"turns", -4}});
  EXPECT_EQ(s.phase, Phase::kFocusing);
  EXPECT_EQ(s.turns, 0);
}

TEST(CompanionTest, CheckInAfterASafetyTurn) {
  CompanionState s;
  Say("hi", s);
  Companion::NoteSafetyTurn(s);
  const CompanionTurn t = Say("ok", s);
  ASSERT_FALSE(t.reply.empty());
  bool asks = false;
  for (const ReplySentence& r : t.reply.sentences) asks |= r.template_id.rfind("C-", 0) == 0;
  EXPECT_TRUE(asks) << t.reply.Text();
  EXPECT_FALSE(s.check_in_pending);
  // Only once.
  const CompanionTurn next = Say("I'm a bit better, work is still hard though", s);
  for (const ReplySentence& r : next.reply.sentences) EXPECT_NE(r.template_id.rfind("C-", 0), 0u);
}

TEST(CompanionTest, SummaryIsPlainAndEmptyForANewConversation) {
  EXPECT_EQ(TestCompanion().Summary(CompanionState()), "");
  CompanionState s;
  Say("my partner and I keep fighting about money and I feel so anxious", s);
  Say("I want to stop arguing with them", s);
  const std::string summary = TestCompanion().Summary(s);
  EXPECT_NE(summary.find("money"), std::string::npos) << summary;
  EXPECT_NE(summary.find("anxious"), std::string::npos) << summary;
  EXPECT_NE(summary.find("stop arguing"), std::string::npos) << summary;
}

TEST(CompanionTest, NoTemplateRepeatsWithinTheMemory) {
  CompanionState s;
  std::vector<std::string> seen;
  const std::vector<std::string> messages = {"work is so stressful",
                                             "my boss ignores my emails",
                                             "I feel invisible there",
                                             "I don't know, it's just a lot",
                                             "my friends are busy too",
                                             "I'm tired all the time",
                                             "I can't focus on anything",
                                             "weekends feel short",
                                             "I miss having fun",
                                             "my flat is a mess",
                                             "I haven't called my mum in weeks",
                                             "everything feels grey"};
  for (size_t i = 0; i < messages.size(); ++i) {
    const std::vector<std::string> before = s.recent_templates;
    const CompanionTurn t = Say(messages[i], s, {}, i);
    for (const ReplySentence& r : t.reply.sentences) {
      EXPECT_EQ(std::count(before.begin(), before.end(), r.template_id), 0)
          << r.template_id << " in turn " << i << ": " << t.reply.Text();
    }
  }
  EXPECT_LE(s.recent_templates.size(), kTemplateMemory);
}

TEST(CompanionTest, PhaseAndIntentNames) {
  EXPECT_EQ(PhaseName(Phase::kNextStep), "next_step");
  EXPECT_EQ(PhaseName(Phase::kOpening), "opening");
  EXPECT_EQ(IntentName(Intent::kAskingWhatItIs), "asking_what_it_is");
}

TEST(CompanionLoadTest, MissingFilesFail) {
  auto c = Companion::Load(testing::ScratchDir("nothing"), TestChecker());
  EXPECT_FALSE(c.ok());
}

}  // namespace
}  // namespace interlude::mirror
