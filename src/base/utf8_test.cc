#include "base/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace interlude {
namespace {

TEST(Utf8Test, AcceptsWellFormed) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("caf\xc3\xa9 \xf0\x9f\x98\x8a"));
}

TEST(Utf8Test, RejectsIllFormed) {
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate U+D800
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("ab\xe2\x82"));        // truncated
}

TEST(Utf8Test, AsciiTextFindsAHighByteAtAnyPositionOfAnEightByteChunk) {
  EXPECT_TRUE(IsAsciiText(""));
  EXPECT_TRUE(IsAsciiText("plain text, seventeen+ bytes long\x7f"));
  const std::string base(19, 'a');  // two whole chunks and a tail
  for (size_t i = 0; i < base.size(); ++i) {
    std::string text = base;
    text[i] = '\x80';
    EXPECT_FALSE(IsAsciiText(text)) << "high byte at " << i;
  }
  EXPECT_FALSE(IsAsciiText("caf\xc3\xa9"));
}

TEST(Utf8Test, CountsCodePoints) {
  EXPECT_EQ(CodePointCount("abc"), 3u);
  EXPECT_EQ(CodePointCount("caf\xc3\xa9"), 4u);
  EXPECT_EQ(CodePointCount("\xf0\x9f\x98\x8a\xf0\x9f\x98\x8a"), 2u);
}

}  // namespace
}  // namespace interlude
