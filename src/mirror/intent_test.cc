// Intent tests: data/mirror/cases/intents.txt (one parameterised test) and the word split.
#include "mirror/intent.h"

#include <gtest/gtest.h>

#include "mirror/test_support.h"
#include "text/case_file.h"
#include "text/data_file.h"

// text::PrintTo(const Case&) for readable parameter names comes with safety/test_support.h.

namespace interlude::mirror {
namespace {

const IntentRules& Rules() {
  static const IntentRules* rules = [] {
    std::vector<std::vector<std::string>> rows;
    const std::string path = text::DataRoot() + "/mirror/companion.txt";
    const Status st = text::ForEachDataLine(path, "companion", [&](const std::string& line, int) {
      if (line.rfind("@intent\t", 0) != 0) return OkStatus();
      std::vector<std::string> f;
      size_t start = 8;
      while (true) {
        const size_t tab = line.find('\t', start);
        f.push_back(line.substr(start, tab == std::string::npos ? tab : tab - start));
        if (tab == std::string::npos) break;
        start = tab + 1;
      }
      rows.push_back(std::move(f));
      return OkStatus();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    auto r = IntentRules::FromRows(rows, path);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return new IntentRules(std::move(r).value());
  }();
  return *rules;
}

std::vector<text::Case> Cases() {
  auto cases = text::LoadCaseFile(text::DataRoot() + "/mirror/cases/intents.txt");
  EXPECT_TRUE(cases.ok()) << cases.status().ToString();
  return cases.ok() ? *cases : std::vector<text::Case>{};
}

class IntentCaseTest : public ::testing::TestWithParam<text::Case> {};

TEST_P(IntentCaseTest, ReadsTheIntent) {
  const text::Case& c = GetParam();
  Intent expected;
  ASSERT_TRUE(ParseIntent(c.expected, expected)) << c.expected;
  const text::Analysis a = testing::Analyze(c.text);
  EXPECT_EQ(IntentName(Rules().Classify(c.text, a)), c.expected) << c.text;
}

INSTANTIATE_TEST_SUITE_P(Cases, IntentCaseTest, ::testing::ValuesIn(Cases()));

TEST(IntentTest, MessageWordsDropApostrophesAndCase) {
  EXPECT_EQ(MessageWords("What's UP, I'm ok?"),
            (std::vector<std::string>{"whats", "up", "im", "ok"}));
  EXPECT_EQ(MessageWords("I\xE2\x80\x99m fine"), (std::vector<std::string>{"im", "fine"}));
  EXPECT_TRUE(MessageWords("  ...  ").empty());
}

TEST(IntentTest, NamesRoundTrip) {
  for (const char* name : {"greeting", "goodbye", "thanks", "venting", "asking_advice",
                           "asking_what_it_is", "off_topic", "agreement", "decline"}) {
    Intent i;
    ASSERT_TRUE(ParseIntent(name, i)) << name;
    EXPECT_EQ(IntentName(i), name);
  }
}

TEST(IntentTest, RejectsBadRows) {
  EXPECT_FALSE(IntentRules::FromRows({{"shouting", "0", "hey"}}, "x").ok());
  EXPECT_FALSE(IntentRules::FromRows({{"greeting", "two", "hey"}}, "x").ok());
  EXPECT_FALSE(IntentRules::FromRows({{"greeting", "2", ""}}, "x").ok());
  EXPECT_FALSE(IntentRules::FromRows({{"greeting", "2"}}, "x").ok());
}

}  // namespace
}  // namespace interlude::mirror
