// Tests of the safe-messaging checker (safe_messaging.h): the case file
// data/safety/cases/safe_messaging.tsv (violations with their category, clean product
// sentences), spans, the error of Require, and bad rule files.
//
// Thread-safety: single-threaded test code (one test checks from several threads).
#include "safety/safe_messaging.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "safety/test_support.h"
#include "text/case_file.h"

namespace interlude::safety {
namespace {

using testing::TestChecker;

std::vector<text::Case> Cases() {
  auto cases = text::LoadCaseFile(text::DataRoot() + "/safety/cases/safe_messaging.tsv");
  return cases.ok() ? cases.value() : std::vector<text::Case>{};
}

std::string Found(const std::string& text, const std::vector<Violation>& found) {
  std::string out;
  for (const Violation& v : found) {
    out += " [" + v.rule + " " + v.category + " \"" + text.substr(v.begin, v.end - v.begin) + "\"]";
  }
  return out.empty() ? " clean" : out;
}

// Expected: `clean`, or the category of the first violation.
class SafeMessagingCaseTest : public ::testing::TestWithParam<text::Case> {};

TEST_P(SafeMessagingCaseTest, Matches) {
  const text::Case& c = GetParam();
  const std::vector<Violation> found = TestChecker().Check(c.text);
  const std::string where = "safe_messaging.tsv:" + std::to_string(c.line) + " \"" + c.text + "\"";
  if (c.expected == "clean") {
    EXPECT_TRUE(found.empty()) << where << ":" << Found(c.text, found);
  } else {
    ASSERT_FALSE(found.empty()) << where << ": expected " << c.expected;
    EXPECT_EQ(found.front().category, c.expected) << where << ":" << Found(c.text, found);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, SafeMessagingCaseTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<text::Case>& param_info) {
                           return "line" + std::to_string(param_info.param.line);
                         });

TEST(SafeMessagingTest, CaseFileIsLargeEnough) {
  const std::vector<text::Case> cases = Cases();
  EXPECT_GE(cases.size(), 60u);
  std::set<std::string> categories;
  for (const text::Case& c : cases) categories.insert(c.expected);
  EXPECT_EQ(categories.size(), 7u);  // the six categories and clean
}

TEST(SafeMessagingTest, SpansPointAtTheWords) {
  const std::string text = "Please don't say COMMITTED suicide, ever.";
  const std::vector<Violation> found = TestChecker().Check(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rule, "SAFE-071");
  EXPECT_EQ(found[0].category, "stigmatising_term");
  EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin), "COMMITTED suicide");
}

TEST(SafeMessagingTest, SeveralViolationsInOrder) {
  const std::string text = "I'm your therapist and I won't tell anyone, it's an epidemic.";
  const std::vector<Violation> found = TestChecker().Check(text);
  ASSERT_EQ(found.size(), 3u) << Found(text, found);
  EXPECT_EQ(found[0].category, "claims_human");
  EXPECT_EQ(found[1].category, "secrecy");
  EXPECT_EQ(found[2].category, "fatalistic");
  EXPECT_LT(found[0].begin, found[1].begin);
}

TEST(SafeMessagingTest, WholeWordsOnly) {
  EXPECT_TRUE(TestChecker().Check("A sincere thank you.").empty());  // not "sin"
  EXPECT_TRUE(TestChecker().Check("The gunnery museum.").empty());   // not "gun"
  EXPECT_TRUE(TestChecker().Check("Curly apostrophes: it\u2019s okay.").empty());
  EXPECT_FALSE(TestChecker().Check("I won\u2019t tell anyone.").empty());  // curly apostrophe
}

TEST(SafeMessagingTest, RequireNamesTheRuleNotTheText) {
  const Status s = TestChecker().Require("Suicide is inevitable for some people.");
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("SAFE-072"), std::string::npos);
  EXPECT_NE(s.message().find("fatalistic"), std::string::npos);
  EXPECT_EQ(s.message().find("inevitable"), std::string::npos);
  EXPECT_TRUE(TestChecker().Require("Call 988 any time.").ok());
  EXPECT_TRUE(TestChecker().Require("").ok());
}

TEST(SafeMessagingTest, ConcurrentChecks) {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([] {
      for (int k = 0; k < 50; ++k) {
        EXPECT_EQ(TestChecker().Check("you are so selfish").size(), 1u);
      }
    });
  }
  for (std::thread& t : threads) t.join();
}

Status LoadRules(const std::string& content) {
  const std::string root = testing::ScratchDir("rules");
  testing::WriteFile(root + "/safety/safe_messaging.txt", content);
  return SafeMessagingChecker::Load(root).status();
}

TEST(SafeMessagingTest, BadRuleFiles) {
  EXPECT_EQ(SafeMessagingChecker::Load(testing::ScratchDir("none")).status().code(),
            StatusCode::kNotFound);
  const std::pair<std::string, std::string> bad[] = {
      {"SAFE-70\tfatalistic\tepidemic\n", "safe_messaging.txt:1: rule id"},
      {"SAFE-070\tsensational\tepidemic\n", "unknown category"},
      {"SAFE-070\tfatalistic\n", "safe_messaging.txt:1: expected"},
      {"SAFE-070\tfatalistic\t...\n", "malformed pattern"},
      {"SAFE-070\tfatalistic\tepidemic\tloudly\n", "unknown flag"},
      {"SAFE-070\tfatalistic\tepidemic\nSAFE-070\tsecrecy\tour secret\n",
       "safe_messaging.txt:2: SAFE-070 already has category fatalistic"},
      {"# nothing\n", "no rules"},
  };
  for (const auto& [content, needle] : bad) {
    const Status s = LoadRules(content);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << content;
    EXPECT_NE(s.message().find(needle), std::string::npos) << s.message();
  }
  EXPECT_TRUE(LoadRules("SAFE-099\tsecrecy\tour secret|secrets\n").ok());
}

}  // namespace
}  // namespace interlude::safety
