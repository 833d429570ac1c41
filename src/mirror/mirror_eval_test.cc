// The CounselChat reader of `interlude eval mirror`: RFC 4180 quoting and deduplication.
#include "mirror/mirror_eval.h"

#include <gtest/gtest.h>

namespace interlude::mirror {
namespace {

TEST(CounselChatTest, ParsesQuotedMultiLineFieldsAndDedupes) {
  const std::string csv =
      ",questionID,questionTitle,questionText,topic,answerText,split\r\n"
      "0,0,Title,\"I feel \"\"stuck\"\", and\nalone.\",depression,\"An answer, long\",train\n"
      "1,0,Title,\"I feel \"\"stuck\"\", and\nalone.\",depression,\"Another answer\",train\n"
      "2,1,T2,Plain question?,anxiety,A,val\n"
      "3,2,T3,,anxiety,A,test\n";
  auto q = ParseCounselChat(csv);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  ASSERT_EQ(q->size(), 2u);
  EXPECT_EQ((*q)[0].text, "I feel \"stuck\", and\nalone.");
  EXPECT_EQ((*q)[0].topic, "depression");
  EXPECT_EQ((*q)[0].split, "train");
  EXPECT_EQ((*q)[1].text, "Plain question?");
  EXPECT_EQ((*q)[1].split, "val");
}

TEST(CounselChatTest, NeedsTheQuestionColumn) {
  EXPECT_FALSE(ParseCounselChat("a,b\n1,2\n").ok());
  EXPECT_FALSE(ParseCounselChat("").ok());
}

}  // namespace
}  // namespace interlude::mirror
