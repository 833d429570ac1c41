// Tests of RiskAnalyzer: one parameterised test over data/text/cases/risk.tsv (each line's
// label must match; lines whose note starts with "known-miss" are reported and skipped),
// the aggregate targets on the development and held-out sets, and unit tests of the
// evidence spans, rule ids, documents of several sentences and bad data files.
//
// Thread-safety: single-threaded test code (one test runs Analyze from several threads).
#include "text/risk.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "text/case_file.h"
#include "text/risk_eval.h"

namespace interlude::text {
namespace {

const RiskAnalyzer& Analyzer() {
  static const RiskAnalyzer* analyzer = [] {
    auto loaded = RiskAnalyzer::Load(DataRoot());
    if (!loaded.ok()) {
      std::cerr << loaded.status().ToString() << "\n";
      std::abort();
    }
    return std::move(loaded).value().release();
  }();
  return *analyzer;
}

RiskAssessment Assess(const std::string& text) { return Analyzer().Analyze(Tokenize(text)); }

std::vector<Case> DevCases() {
  auto cases = LoadCaseFile(DataRoot() + "/text/cases/risk.tsv");
  return cases.ok() ? cases.value() : std::vector<Case>{};
}

class RiskCaseTest : public ::testing::TestWithParam<Case> {};

TEST_P(RiskCaseTest, MatchesLabel) {
  const Case& c = GetParam();
  const RiskAssessment a = Assess(c.text);
  std::string evidence;
  const Document doc = Tokenize(c.text);
  for (const RiskFinding& f : a.findings) {
    evidence += " [" + f.rule + " " + std::string(RiskLevelName(f.level)) + ":" +
                std::string(RiskCategoryName(f.category)) + " \"" +
                std::string(doc.Slice(f.evidence)) + "\"]";
  }
  if (c.note.rfind("known-miss", 0) == 0) {
    GTEST_SKIP() << "known miss, line " << c.line << ": " << c.text << " -> " << RiskLabel(a);
  }
  EXPECT_TRUE(RiskLabelMatches(c.expected, a))
      << "risk.tsv:" << c.line << ": \"" << c.text << "\" expected " << c.expected << ", got "
      << RiskLabel(a) << evidence;
}

INSTANTIATE_TEST_SUITE_P(DevSet, RiskCaseTest, ::testing::ValuesIn(DevCases()),
                         [](const ::testing::TestParamInfo<Case>& param_info) {
                           return "line" + std::to_string(param_info.param.line);
                         });

TEST(RiskTest, CaseFileIsLargeEnough) { EXPECT_GE(DevCases().size(), 300u); }

TEST(RiskTest, DevelopmentSetMeetsTargets) {
  std::ostringstream out;
  ASSERT_TRUE(EvaluateRisk(Analyzer(), DataRoot(), out).ok());
  std::cout << out.str();
  // The targets gate the development set; the held-out set is printed, not enforced, so
  // that it is never tuned against.
  const std::string text = out.str();
  const std::string dev = text.substr(0, text.find("== risk: held-out"));
  EXPECT_EQ(dev.find("FAIL"), std::string::npos) << "a target is missed; see the figures above";
}

TEST(RiskTest, FindingCarriesEvidenceAndRule) {
  const std::string text = "Work was long. I want to kill myself.";
  const Document doc = Tokenize(text);
  const RiskAssessment a = Analyzer().Analyze(doc);
  ASSERT_FALSE(a.findings.empty());
  EXPECT_EQ(a.level, RiskLevel::kModerate);
  EXPECT_EQ(a.category, RiskCategory::kSuicidalIdeation);
  bool found = false;
  for (const RiskFinding& f : a.findings) {
    EXPECT_FALSE(f.rule.empty());
    if (f.category == RiskCategory::kSuicidalIdeation) {
      EXPECT_EQ(doc.Slice(f.evidence), "kill myself");
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST(RiskTest, SlangEvidenceIsTheWritersWord) {
  const std::string text = "honestly might just kms";
  const Document doc = Tokenize(text);
  const RiskAssessment a = Analyzer().Analyze(doc);
  ASSERT_FALSE(a.findings.empty());
  EXPECT_EQ(doc.Slice(a.findings[0].evidence), "kms");
}

TEST(RiskTest, MethodInALaterSentenceCountsInSuicidalContext) {
  EXPECT_EQ(Assess("I have the bottle in my bag.").level, RiskLevel::kNone);
  const RiskAssessment a = Assess("I can't do this. I want to die. The bottle is in my bag.");
  EXPECT_EQ(a.level, RiskLevel::kHigh);
  EXPECT_EQ(a.category, RiskCategory::kMethod);
}

TEST(RiskTest, HighestFindingWinsAcrossSentences) {
  const RiskAssessment a = Assess("My friend wants to die. I tried to overdose last night.");
  EXPECT_EQ(a.level, RiskLevel::kHigh);
  EXPECT_EQ(a.category, RiskCategory::kRecentAttempt);
  EXPECT_GE(a.findings.size(), 2u);
}

TEST(RiskTest, EmptyAndOddInputs) {
  EXPECT_EQ(Assess("").level, RiskLevel::kNone);
  EXPECT_EQ(Assess("...!!!???").level, RiskLevel::kNone);
  EXPECT_EQ(Assess("😂😂😂").level, RiskLevel::kNone);
  EXPECT_EQ(Assess(std::string(10000, 'a')).level, RiskLevel::kNone);
  std::string many;
  for (int i = 0; i < 500; ++i) many += "want to die ";
  EXPECT_EQ(Assess(many).level, RiskLevel::kModerate);
}

TEST(RiskTest, ConcurrentAnalyzeAgrees) {
  const Document doc = Tokenize("I have the pills counted out. Goodbye.");
  const RiskAssessment expected = Analyzer().Analyze(doc);
  std::vector<std::thread> threads;
  std::vector<int> same(4, 0);
  for (size_t t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const RiskAssessment a = Analyzer().Analyze(doc);
        same[t] += (a.level == expected.level && a.category == expected.category) ? 1 : 0;
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int s : same) EXPECT_EQ(s, 200);
}

TEST(RiskTest, MissingDataIsNotFound) {
  auto r = RiskAnalyzer::Load("/nonexistent-interlude-data");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

TEST(RiskTest, MalformedPatternIsInvalidArgument) {
  const auto dir = std::filesystem::temp_directory_path() / "interlude_risk_test";
  std::filesystem::create_directories(dir / "text");
  std::filesystem::copy_file(DataRoot() + "/text/risk_lexicon.txt", dir / "text/risk_lexicon.txt",
                             std::filesystem::copy_options::overwrite_existing);
  std::ofstream(dir / "text/risk_patterns.txt") << "X-1\thigh:plan\tself\t~2 die\n";
  auto r = RiskAnalyzer::Load(dir.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find(":1:"), std::string::npos);
  std::ofstream(dir / "text/risk_patterns.txt") << "X-1\thigh:nonsense\tself\tdie\n";
  EXPECT_EQ(RiskAnalyzer::Load(dir.string()).status().code(), StatusCode::kInvalidArgument);
  std::ofstream(dir / "text/risk_patterns.txt") << "X-1\thigh:plan\tself\t@no_such_class\n";
  EXPECT_EQ(RiskAnalyzer::Load(dir.string()).status().code(), StatusCode::kInvalidArgument);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace interlude::text
