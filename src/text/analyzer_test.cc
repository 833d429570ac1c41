// The whole engine on hostile and ordinary input: always a well-formed analysis or a clear
// InvalidArgument, and every evidence span inside the text.
#include "text/analyzer.h"

#include <gtest/gtest.h>

#include "text/analysis_json.h"
#include "text/case_file.h"

namespace interlude::text {
namespace {

class AnalyzerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = Analyzer::Load(DataRoot());
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    analyzer_ = loaded->release();
  }
  static void TearDownTestSuite() { delete analyzer_; }

  static void ExpectWellFormed(const std::string& text) {
    const auto a = analyzer_->Analyze(text);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    EXPECT_GE(a->sentiment.compound, -1.0);
    EXPECT_LE(a->sentiment.compound, 1.0);
    for (const auto& e : a->emotions) {
      EXPECT_GT(e.intensity, 0.0);
      EXPECT_LE(e.intensity, 1.0);
      for (const Span& s : e.evidence) EXPECT_LE(s.end, text.size());
    }
    for (const auto& d : a->distortions) EXPECT_LE(d.evidence.end, text.size());
    for (const auto& f : a->risk.findings) EXPECT_LE(f.evidence.end, text.size());
    EXPECT_FALSE(AnalysisToJson(*a, text).dump().empty());
  }

  static Analyzer* analyzer_;
};

Analyzer* AnalyzerTest::analyzer_ = nullptr;

TEST_F(AnalyzerTest, ReadsAnOrdinaryEntry) {
  const std::string text = "I always ruin everything at work. I feel so alone lately, and I can't sleep.";
  const auto a = analyzer_->Analyze(text);
  ASSERT_TRUE(a.ok());
  EXPECT_LT(a->sentiment.compound, -0.3);
  EXPECT_FALSE(a->emotions.empty());
  EXPECT_EQ(a->risk.level, RiskLevel::kNone);
  bool work = false;
  for (const auto& t : a->themes) work |= t.theme == "work";
  EXPECT_TRUE(work);
  EXPECT_FALSE(a->distortions.empty());
  EXPECT_EQ(a->version, kAnalysisVersion);
}

TEST_F(AnalyzerTest, RiskIsFoundThroughTheWholeEngine) {
  const auto a = analyzer_->Analyze("I have the pills counted out for tonight.");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->risk.level, RiskLevel::kHigh);
  const auto idiom = analyzer_->Analyze("This exam is killing me lol");
  ASSERT_TRUE(idiom.ok());
  EXPECT_EQ(idiom->risk.level, RiskLevel::kNone);
}

TEST_F(AnalyzerTest, HostileInputGivesWellFormedAnalyses) {
  ExpectWellFormed("");
  ExpectWellFormed("😀😀😀🔥👍🏽");
  ExpectWellFormed("!!!???...,,,;;;");
  ExpectWellFormed("Ich bin müde. 我很累。 أنا متعب. I'm tired.");
  ExpectWellFormed(std::string("tab\there\x01\x02\x7f bell\a end"));
  ExpectWellFormed(std::string(kMaxAnalyzedBytes, 'a'));
  std::string words;
  while (words.size() < kMaxAnalyzedBytes - 40) words += "i feel sad and alone today. ";
  ExpectWellFormed(words);
}

TEST_F(AnalyzerTest, RefusesInvalidUtf8AndOversizedText) {
  EXPECT_EQ(analyzer_->Analyze("ok \xff").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(analyzer_->Analyze(std::string(kMaxAnalyzedBytes + 1, 'a')).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(AnalyzerLoadTest, MissingDataNamesTheSetupCommand) {
  const auto a = Analyzer::Load("/nonexistent");
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("make setup"), std::string::npos) << a.status().message();
}

}  // namespace
}  // namespace interlude::text
