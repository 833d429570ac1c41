// Tests of the screener (screener.h, screener_questions.h): the skip rule names the
// question at fault, the triage SAFE-030..032 row by row, and the question file (order,
// time frames per CLINICAL.md §6.1, wording that passes the safe-messaging checker).
// tier_policy_test.cc runs the case file data/safety/cases/tier_questionnaire.tsv.
//
// Thread-safety: single-threaded test code.
#include "safety/screener.h"

#include <gtest/gtest.h>

#include "safety/screener_questions.h"
#include "safety/test_support.h"
#include "text/case_file.h"

namespace interlude::safety {
namespace {

ScreenerAnswers AllNo() {
  ScreenerAnswers a;
  a.q1 = false;
  a.q2 = false;
  a.q6 = false;
  return a;
}

TEST(ScreenerTest, AllNoIsValidAndNone) {
  EXPECT_TRUE(ValidateScreener(AllNo()).ok());
  const Assessment a = TriageScreener(AllNo());
  EXPECT_EQ(a.tier, Tier::kNone);
  EXPECT_TRUE(a.reasons.empty());
  EXPECT_FALSE(a.concerns.self);
}

TEST(ScreenerTest, SkipRuleErrorsNameTheQuestion) {
  struct Bad {
    ScreenerAnswers answers;
    const char* field;
  };
  std::vector<Bad> bad;
  {
    ScreenerAnswers a = AllNo();
    a.q1.reset();
    bad.push_back({a, "q1"});
  }
  {
    ScreenerAnswers a = AllNo();
    a.q2.reset();
    bad.push_back({a, "q2"});
  }
  {
    ScreenerAnswers a = AllNo();
    a.q6.reset();
    bad.push_back({a, "q6"});
  }
  {
    ScreenerAnswers a = AllNo();
    a.q3 = false;
    bad.push_back({a, "q3"});
  }  // q2 was no
  {
    ScreenerAnswers a = AllNo();
    a.q5 = true;
    bad.push_back({a, "q5"});
  }  // q2 was no
  {
    ScreenerAnswers a = AllNo();
    a.q2 = true;
    a.q3 = true;
    a.q4 = false;
    bad.push_back({a, "q5"});
  }
  {
    ScreenerAnswers a = AllNo();
    a.q6 = true;
    bad.push_back({a, "q6_recent"});
  }
  {
    ScreenerAnswers a = AllNo();
    a.q6_recent = false;
    bad.push_back({a, "q6_recent"});
  }
  for (const Bad& b : bad) {
    const Status s = ValidateScreener(b.answers);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << b.field;
    EXPECT_EQ(s.field(), b.field);
    EXPECT_NE(s.message().find(b.field), std::string::npos) << s.message();
  }
}

TEST(ScreenerTest, Safe030HighRow) {
  ScreenerAnswers intent = AllNo();
  intent.q2 = true;
  intent.q3 = false;
  intent.q4 = true;
  intent.q5 = false;
  EXPECT_EQ(TriageScreener(intent).tier, Tier::kHigh);
  EXPECT_EQ(TriageScreener(intent).reasons[0].rule, "SAFE-030");
  ScreenerAnswers recent = AllNo();
  recent.q6 = true;
  recent.q6_recent = true;
  const Assessment a = TriageScreener(recent);
  EXPECT_EQ(a.tier, Tier::kHigh);
  EXPECT_EQ(a.reasons[0], (Reason{"SAFE-030", "screener_recent_behaviour"}));
  EXPECT_TRUE(a.concerns.self);
  EXPECT_FALSE(a.offer_screener);
}

TEST(ScreenerTest, Safe031ModerateRow) {
  ScreenerAnswers method = AllNo();
  method.q2 = true;
  method.q3 = true;
  method.q4 = false;
  method.q5 = false;
  EXPECT_EQ(TriageScreener(method).tier, Tier::kModerate);
  ScreenerAnswers old = AllNo();
  old.q6 = true;
  old.q6_recent = false;
  EXPECT_EQ(TriageScreener(old).reasons[0], (Reason{"SAFE-031", "screener_past_behaviour"}));
}

TEST(ScreenerTest, Safe032LowRow) {
  ScreenerAnswers wish = AllNo();
  wish.q1 = true;
  EXPECT_EQ(TriageScreener(wish).tier, Tier::kLow);
  EXPECT_EQ(TriageScreener(wish).reasons[0].rule, "SAFE-032");
  ScreenerAnswers thoughts = AllNo();
  thoughts.q2 = true;
  thoughts.q3 = false;
  thoughts.q4 = false;
  thoughts.q5 = false;
  EXPECT_EQ(TriageScreener(thoughts).tier, Tier::kLow);
}

TEST(ScreenerQuestionsTest, LoadsSevenQuestionsWithClinicalTimeFrames) {
  auto questions = LoadScreenerQuestions(text::DataRoot());
  ASSERT_TRUE(questions.ok()) << questions.status().ToString();
  ASSERT_EQ(questions->size(), 7u);
  const char* ids[] = {"q1", "q2", "q3", "q4", "q5", "q6", "q6_recent"};
  for (size_t i = 0; i < 7; ++i) {
    const ScreenerQuestion& q = (*questions)[i];
    EXPECT_EQ(q.id, ids[i]);
    EXPECT_EQ(q.time_frame, i < 5 ? "past_month" : i == 5 ? "ever" : "past_3_months");
    EXPECT_FALSE(q.text.empty());
    // Every question is product text and passes the safe-messaging checker.
    EXPECT_TRUE(testing::TestChecker().Require(q.text).ok()) << q.id << ": " << q.text;
  }
  EXPECT_NE((*questions)[0].text.find("past month"), std::string::npos);
  EXPECT_NE((*questions)[6].text.find("3 months"), std::string::npos);
}

TEST(ScreenerQuestionsTest, BadFilesAreRefused) {
  const std::string root = testing::ScratchDir("screener");
  EXPECT_EQ(LoadScreenerQuestions(root).status().code(), StatusCode::kNotFound);
  const std::string path = root + "/safety/screener.txt";
  testing::WriteFile(path, "q1\tever\tWished?\n");
  auto wrong_frame = LoadScreenerQuestions(root);
  EXPECT_EQ(wrong_frame.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(wrong_frame.status().message().find("screener.txt:1"), std::string::npos);
  testing::WriteFile(path, "q2\tpast_month\tThoughts?\n");
  EXPECT_NE(LoadScreenerQuestions(root).status().message().find("q2"), std::string::npos);
  testing::WriteFile(path, "q1\tpast_month\tWished?\n");
  auto missing = LoadScreenerQuestions(root);
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(missing.status().message().find("q2"), std::string::npos);
  testing::WriteFile(path, "q1 past_month Wished?\n");
  EXPECT_EQ(LoadScreenerQuestions(root).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace interlude::safety
