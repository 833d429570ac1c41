#include "text/style.h"

#include <gtest/gtest.h>

#include "text/case_file.h"
#include "text/key_phrases.h"

namespace interlude::text {
namespace {

class StyleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = StyleAnalyzer::Load(DataRoot());
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    style_ = std::move(*loaded);
  }
  StyleProfile Of(const std::string& text) { return style_->Analyze(Tokenize(text)); }
  std::unique_ptr<StyleAnalyzer> style_;
};

TEST_F(StyleTest, CountsCategoriesPer100Words) {
  const StyleProfile p = Of("I think the cat is on the mat and it is not happy.");
  EXPECT_EQ(p.words, 13u);
  EXPECT_NEAR(p.articles, 100.0 * 2 / 13, 1e-9);        // the, the
  EXPECT_NEAR(p.personal_pronouns, 100.0 * 1 / 13, 1e-9);  // I
  EXPECT_NEAR(p.impersonal_pronouns, 100.0 * 1 / 13, 1e-9);  // it
  EXPECT_NEAR(p.auxiliary_verbs, 100.0 * 2 / 13, 1e-9);  // is, is
  EXPECT_NEAR(p.negations, 100.0 * 1 / 13, 1e-9);
  EXPECT_NEAR(p.first_person, 100.0 * 1 / 13, 1e-9);
}

TEST_F(StyleTest, RegisterSeparatesTerseChatFromFormalProse) {
  const StyleProfile chat = Of("omg sooo tired lol!! can't even 😩 u ok?");
  const StyleProfile formal = Of(
      "In the course of the past week, the relocation of the department has occupied a "
      "considerable portion of my attention, with consequences for the regularity of my sleep.");
  EXPECT_GT(formal.formality, chat.formality + 0.2);
  EXPECT_GT(chat.emoji, 0);
  EXPECT_GT(chat.contractions, 0);
  EXPECT_GT(chat.lowercase_start, 0.5);
  EXPECT_GT(formal.words_per_sentence, 20);
  EXPECT_GT(formal.letters_per_word, chat.letters_per_word);
}

TEST_F(StyleTest, LsmIsOneForSameStyleAndLowerForDifferent) {
  const StyleProfile a = Of("I went to the shop and I bought some bread because I was hungry.");
  EXPECT_NEAR(LsmScore(a, a), 1.0, 1e-3);
  const StyleProfile b = Of("Purchases: bread. Reason: hunger. Location: shop.");
  EXPECT_LT(LsmScore(a, b), 0.5);
  EXPECT_GE(LsmScore(a, b), 0.0);
  const StyleProfile empty = Of("");
  EXPECT_NEAR(LsmScore(empty, empty), 1.0, 1e-9);  // zero rates match zero rates (formula)
}

TEST_F(StyleTest, KeyPhrasesUseTheWritersWords) {
  const Document d = Tokenize(
      "My manager didn't reply to my email again. I keep replaying the budget meeting. "
      "The budget meeting went badly and my manager seemed annoyed.");
  const auto phrases = KeyPhrases(d, *style_);
  ASSERT_FALSE(phrases.empty());
  EXPECT_NE(std::find(phrases.begin(), phrases.end(), "budget meeting"), phrases.end());
  EXPECT_TRUE(KeyPhrases(Tokenize(""), *style_).empty());
  EXPECT_TRUE(KeyPhrases(Tokenize("!!! ... ??"), *style_).empty());
}

}  // namespace
}  // namespace interlude::text
