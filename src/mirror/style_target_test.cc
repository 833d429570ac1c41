// Style matching tests: register, paraphrase, counts and length fit.
#include "mirror/style_target.h"

#include <gtest/gtest.h>

#include "mirror/test_support.h"
#include "text/case_file.h"
#include "text/document.h"

namespace interlude::mirror {
namespace {

using testing::Analyze;

TEST(StyleTargetTest, FlipsFirstPersonToSecond) {
  EXPECT_EQ(FlipPerson("my boss"), "your boss");
  EXPECT_EQ(FlipPerson("I was late"), "you were late");
  EXPECT_EQ(FlipPerson("I'm tired of myself"), "you're tired of yourself");
  EXPECT_EQ(FlipPerson("she was late"), "she was late");
  EXPECT_EQ(FlipPerson("Sam and me"), "Sam and you");
}

TEST(StyleTargetTest, ContractsOnlyForWritersWhoContract) {
  StyleTarget casual;
  casual.contractions = true;
  EXPECT_EQ(ApplyRegister("It is hard and you are tired.", casual), "It's hard and you're tired.");
  EXPECT_EQ(ApplyRegister("That is who you are.", casual), "That's who you are.");
  StyleTarget formal;
  formal.contractions = false;
  EXPECT_EQ(ApplyRegister("It is hard and you are tired.", formal),
            "It is hard and you are tired.");
  StyleTarget lower;
  lower.lower_case = true;
  lower.contractions = true;
  EXPECT_EQ(ApplyRegister("You are doing your best.", lower), "you're doing your best.");
}

TEST(StyleTargetTest, ReadsTheWritersRegister) {
  const std::string terse = "Bad day. Fight with Sam.";
  const text::Analysis a = Analyze(terse);
  const StyleTarget t = TargetFor(terse, a);
  EXPECT_TRUE(t.terse);
  EXPECT_FALSE(t.lower_case);
  EXPECT_LE(t.target_words, 7);

  const std::string lower =
      "i always mess everything up at work and my boss probably thinks im useless";
  const text::Analysis b = Analyze(lower);
  const StyleTarget u = TargetFor(lower, b);
  EXPECT_TRUE(u.lower_case);
  EXPECT_TRUE(u.contractions);
  EXPECT_FALSE(u.final_period);

  const std::string formal =
      "Today I had a difficult conversation with my manager regarding the project deadlines. I "
      "felt anxious beforehand, but I managed to express my concerns clearly and calmly.";
  const text::Analysis c = Analyze(formal);
  const StyleTarget f = TargetFor(formal, c);
  EXPECT_TRUE(f.formal);
  EXPECT_FALSE(f.contractions);
  EXPECT_FALSE(f.emoji);

  const std::string emoji = "Feeling so grateful for my sister today 😊 she brought soup";
  const text::Analysis d = Analyze(emoji);
  EXPECT_TRUE(TargetFor(emoji, d).emoji);
}

TEST(StyleTargetTest, PossessivesAreNotContractions) {
  const std::string possessive =
      "I have found the past month demanding, and my mother's illness has left me with very "
      "little energy for anything else.";
  const text::Analysis a = Analyze(possessive);
  EXPECT_FALSE(TargetFor(possessive, a).contractions);
  const std::string curly =
      "I\xE2\x80\x99m so tired of feeling like this and I don\xE2\x80\x99t know why it keeps "
      "happening to me.";
  const text::Analysis b = Analyze(curly);
  EXPECT_TRUE(TargetFor(curly, b).contractions);
}

TEST(StyleTargetTest, CountsAddUpToTheAnalysersProfile) {
  auto counter = StyleCounter::Load(text::DataRoot());
  ASSERT_TRUE(counter.ok()) << counter.status().ToString();
  const std::string a = "It sounds like you have not had much room to breathe.";
  const std::string b = "What would help, even a little, today?";
  FunctionCounts sum = (*counter)->Count(a);
  sum += (*counter)->Count(b);
  const FunctionCounts whole = (*counter)->Count(a + " " + b);
  EXPECT_EQ(sum.words, whole.words);
  EXPECT_EQ(sum.categories, whole.categories);
  // LSM of a text with itself is 1.
  const text::Analysis analysis = Analyze(a + " " + b);
  EXPECT_NEAR(LsmAgainst(whole, analysis.style), 1.0, 1e-6);
}

TEST(StyleTargetTest, LengthFitPeaksAtTheTarget) {
  EXPECT_DOUBLE_EQ(LengthFit(10, 10), 1.0);
  EXPECT_DOUBLE_EQ(LengthFit(5, 10), 0.5);
  EXPECT_DOUBLE_EQ(LengthFit(30, 10), 0.0);
  EXPECT_LT(TargetWords(5), TargetWords(40));
  EXPECT_LE(TargetWords(1000), 42);
}

TEST(StyleTargetTest, FinishMirrorsPunctuationAndEmoji) {
  StyleTarget t;
  t.final_period = false;
  std::string s = "That sounds hard.";
  ApplyFinish(s, t, false);
  EXPECT_EQ(s, "That sounds hard");
  StyleTarget e;
  e.emoji = true;
  e.compound = 0.6;
  std::string p = "That sounds lovely.";
  ApplyFinish(p, e, true);
  EXPECT_EQ(p, "That sounds lovely. \xF0\x9F\x98\x8A");
}

}  // namespace
}  // namespace interlude::mirror
