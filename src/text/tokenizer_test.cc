#include "text/document.h"

#include <gtest/gtest.h>

namespace interlude::text {
namespace {

std::vector<std::string> Norms(const Document& d) {
  std::vector<std::string> out;
  for (const Token& t : d.tokens) out.emplace_back(t.norm);
  return out;
}

TEST(TokenizerTest, WordsContractionsAndPunctuation) {
  const Document d = Tokenize("I don't know... It's self-harm, isn't it?!");
  EXPECT_EQ(Norms(d), (std::vector<std::string>{"i", "don't", "know", "...", "it's", "self-harm", ",",
                                                "isn't", "it", "?!"}));
  ASSERT_EQ(d.sentences.size(), 2u);
  EXPECT_EQ(d.Slice(d.sentences[0].span), "I don't know...");
  EXPECT_EQ(d.Slice(d.sentences[1].span), "It's self-harm, isn't it?!");
  EXPECT_EQ(d.tokens[4].sentence, 1u);
}

TEST(TokenizerTest, KindsAndMarks) {
  const Document d = Tokenize("SOOO happy :) 😊 #grateful @sam https://x.org/a. 3.5 10%");
  ASSERT_EQ(d.tokens.size(), 10u);
  EXPECT_TRUE(d.tokens[0].all_caps);
  EXPECT_TRUE(d.tokens[0].elongated);
  EXPECT_EQ(d.tokens[0].norm, "sooo");
  EXPECT_EQ(d.tokens[0].base, "soo");
  EXPECT_EQ(d.tokens[2].kind, TokenKind::kEmoticon);
  EXPECT_EQ(d.tokens[3].kind, TokenKind::kEmoji);
  EXPECT_EQ(d.tokens[4].kind, TokenKind::kHashtag);
  EXPECT_EQ(d.tokens[4].norm, "grateful");
  EXPECT_EQ(d.tokens[5].kind, TokenKind::kMention);
  EXPECT_EQ(d.tokens[6].kind, TokenKind::kUrl);
  EXPECT_EQ(d.tokens[6].text, "https://x.org/a");
  EXPECT_EQ(d.tokens[8].kind, TokenKind::kNumber);
  EXPECT_EQ(d.tokens[9].text, "10%");
}

TEST(TokenizerTest, SentencesEndAtMarksAndLinesButNotAbbreviations) {
  const Document d = Tokenize("Saw Dr. Lee today. Felt ok!! 🙂\nslept badly\n\nBetter now");
  ASSERT_EQ(d.sentences.size(), 4u);
  EXPECT_EQ(d.Slice(d.sentences[0].span), "Saw Dr. Lee today.");
  EXPECT_EQ(d.Slice(d.sentences[1].span), "Felt ok!! 🙂");
  EXPECT_EQ(d.Slice(d.sentences[2].span), "slept badly");
  EXPECT_EQ(d.Slice(d.sentences[3].span), "Better now");
}

TEST(TokenizerTest, ASentenceEndingInIIsStillASentence) {
  const Document d = Tokenize("Neither do I. I want to die. Met J. Smith.");
  ASSERT_EQ(d.sentences.size(), 3u);
  EXPECT_EQ(d.Slice(d.sentences[1].span), "I want to die.");
  EXPECT_EQ(d.Slice(d.sentences[2].span), "Met J. Smith.");
}

TEST(TokenizerTest, RunOnTextIsCutIntoBoundedSentences) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "word ";
  const Document d = Tokenize(text);
  ASSERT_EQ(d.sentences.size(), 9u);  // 8 x 120 + 40
  for (const Sentence& s : d.sentences) EXPECT_LE(s.end_token - s.first_token, 120u);
  EXPECT_EQ(Tokenize("one\rtwo").sentences.size(), 2u);
}

TEST(TokenizerTest, CaseFoldingAndCurlyApostrophes) {
  const Document d = Tokenize("I’M FINE. Straße ÉTÉ");
  EXPECT_EQ(d.tokens[0].norm, "i’m");
  EXPECT_EQ(d.tokens[0].base, "i'm");
  EXPECT_EQ(d.tokens[3].norm, "strasse");
  EXPECT_EQ(d.tokens[4].norm, "été");
}

TEST(TokenizerTest, EmojiSequencesStayWhole) {
  const Document d = Tokenize("👍🏽 👨‍👩‍👧 🇬🇧");
  ASSERT_EQ(d.tokens.size(), 3u);
  for (const Token& t : d.tokens) EXPECT_EQ(t.kind, TokenKind::kEmoji);
  EXPECT_EQ(d.tokens[1].text, "👨‍👩‍👧");
}

TEST(TokenizerTest, HostileInputIsHandled) {
  EXPECT_TRUE(Tokenize("").tokens.empty());
  EXPECT_TRUE(Tokenize("   \n\t ").sentences.empty());
  EXPECT_EQ(Tokenize("!!!???...").tokens.size(), 1u);
  const Document ctrl = Tokenize(std::string("a\x01\x02 b\x7f", 6));
  EXPECT_EQ(ctrl.tokens.size(), 2u);
  const Document invalid = Tokenize("ok \xff\xfe done");  // callers validate; still no crash
  EXPECT_GE(invalid.tokens.size(), 2u);
  const Document big = Tokenize(std::string(1 << 20, 'a'));
  EXPECT_EQ(big.tokens.size(), 1u);
  EXPECT_EQ(big.tokens[0].base, "aa");
  EXPECT_EQ(Tokenize("日本語のテキスト。次の文").sentences.size(), 1u);  // no space-based words: one run
}

}  // namespace
}  // namespace interlude::text
