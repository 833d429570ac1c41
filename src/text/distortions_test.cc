// Tests for the distortion detector: one parameterised test over the clinician-readable
// case file (data/text/cases/distortions.tsv), unit tests of the pattern language, the
// contraction expansion, guards, spans and errors, and the CSV reader of the evaluation.
//
// Thread-safety: tests share one const analyzer, as the product does.
#include "text/distortions.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>
#include <thread>

#include "text/case_file.h"
#include "text/distortions_eval.h"

namespace interlude::text {
namespace {

// DataRoot() finds the source tree even while CTest lists the tests at build time.
std::string TestDataRoot() { return DataRoot(); }

const DistortionAnalyzer& Analyzer() {
  static const DistortionAnalyzer* analyzer = [] {
    auto loaded = DistortionAnalyzer::Load(TestDataRoot());
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().ToString();
      std::abort();
    }
    return std::move(loaded).value().release();
  }();
  return *analyzer;
}

std::set<std::string> Types(const std::string& text) {
  std::set<std::string> out;
  for (const auto& f : Analyzer().Analyze(Tokenize(text))) out.emplace(DistortionName(f.type));
  return out;
}

std::string Join(const std::set<std::string>& s) {
  if (s.empty()) return "none";
  std::string out;
  for (const auto& x : s) out += (out.empty() ? "" : ",") + x;
  return out;
}

// ---- The case file ------------------------------------------------------------------

std::vector<Case> LoadCases() {
  auto cases = LoadCaseFile(TestDataRoot() + "/text/cases/distortions.tsv");
  return cases.ok() ? cases.value() : std::vector<Case>{};
}

}  // namespace

// Readable names for failing cases instead of a byte dump.
void PrintTo(const Case& c, std::ostream* os) { *os << "line " << c.line << ": " << c.text; }

namespace {

class DistortionCaseTest : public ::testing::TestWithParam<Case> {};

TEST_P(DistortionCaseTest, FindsExactlyTheExpectedTypes) {
  const Case& c = GetParam();
  std::set<std::string> expected;
  if (c.expected != "none") {
    std::stringstream in(c.expected);
    std::string label;
    while (std::getline(in, label, ',')) {
      Distortion d;
      ASSERT_TRUE(ParseDistortionName(label, &d)) << "line " << c.line << ": bad type " << label;
      expected.insert(label);
    }
  }
  if (c.note.rfind("known-miss", 0) == 0) {
    GTEST_SKIP() << "line " << c.line << " (" << c.note << "): got " << Join(Types(c.text));
  }
  std::string why;
  const Document doc = Tokenize(c.text);
  for (const auto& f : Analyzer().Analyze(doc)) {
    why += " [" + std::string(DistortionName(f.type)) + " " + f.rule + " '" +
           std::string(doc.Slice(f.evidence)) + "']";
  }
  EXPECT_EQ(Join(Types(c.text)), Join(expected))
      << "line " << c.line << ": " << c.text << "\n  found:" << why;
}

INSTANTIATE_TEST_SUITE_P(CaseFile, DistortionCaseTest, ::testing::ValuesIn(LoadCases()),
                         [](const ::testing::TestParamInfo<Case>& param_info) {
                           return "line" + std::to_string(param_info.param.line);
                         });

TEST(DistortionCaseFile, HasEnoughCasesAndEveryType) {
  const std::vector<Case> cases = LoadCases();
  EXPECT_GE(cases.size(), 150U);
  std::set<std::string> seen;
  int none = 0;
  for (const Case& c : cases) {
    if (c.expected == "none") ++none;
    std::stringstream in(c.expected);
    std::string label;
    while (std::getline(in, label, ',')) seen.insert(label);
  }
  EXPECT_EQ(seen.size(), 14U);  // 13 types + none
  EXPECT_GE(none, 50);
}

// ---- Unit tests ---------------------------------------------------------------------

TEST(DistortionAnalyzer, EvidenceSpanIsTheWritersWords) {
  const Document doc = Tokenize("Work was fine. Honestly I'm such an idiot.");
  const auto findings = Analyzer().Analyze(doc);
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].type, Distortion::kLabeling);
  EXPECT_EQ(doc.Slice(findings[0].evidence), "I'm such an idiot");
  EXPECT_GT(findings[0].confidence, 0.5);
  EXPECT_LE(findings[0].confidence, 1.0);
  EXPECT_EQ(findings[0].rule.rfind("DIST-LAB-", 0), 0U);
}

TEST(DistortionAnalyzer, PlainSentencesStayClean) {
  for (const char* text : {"I always take the bus to work.", "I should buy milk.",
                           "Everyone at the party was wearing blue.", "", "...", "🙂🙂",
                           "I have to finish the report by Friday."}) {
    EXPECT_EQ(Join(Types(text)), "none") << text;
  }
}

TEST(DistortionAnalyzer, GuardsCancelDistancedThoughts) {
  EXPECT_EQ(Join(Types("I'm a failure.")), "labeling");
  EXPECT_EQ(Join(Types("I used to think I was a failure.")), "none");
  EXPECT_EQ(Join(Types("I don't believe I'm a failure anymore.")), "none");
  EXPECT_EQ(Join(Types("I'm not a failure.")), "none");
}

TEST(DistortionAnalyzer, ContractionsAndApostropheLessFormsMatchAlike) {
  EXPECT_EQ(Join(Types("it's all my fault")), "personalization");
  EXPECT_EQ(Join(Types("its all my fault")), "personalization");  // via "all my fault"
  EXPECT_EQ(Join(Types("It’s all my fault")), "personalization");  // curly apostrophe
  EXPECT_EQ(Join(Types("im such a loser")), "labeling");
  EXPECT_EQ(Join(Types("I AM SUCH A LOSER")), "labeling");
}

TEST(DistortionAnalyzer, OneFindingPerTypePerSentence) {
  const auto f = Analyzer().Analyze(Tokenize("I'm a failure and I'm such a loser. I'm an idiot."));
  ASSERT_EQ(f.size(), 2U);
  EXPECT_LT(f[0].evidence.begin, f[1].evidence.begin);
}

TEST(DistortionAnalyzer, IsSafeToShareAcrossThreads) {
  const DistortionAnalyzer& a = Analyzer();
  std::vector<std::thread> threads;
  std::vector<size_t> counts(4);
  for (size_t t = 0; t < counts.size(); ++t) {
    threads.emplace_back([&a, &counts, t] {
      for (int i = 0; i < 200; ++i) {
        counts[t] += a.Analyze(Tokenize("Nobody likes me. It's all their fault.")).size();
      }
    });
  }
  for (auto& th : threads) th.join();
  for (size_t c : counts) EXPECT_EQ(c, 400U);
}

TEST(ExpandContraction, SplitsCommonForms) {
  using V = std::vector<std::string>;
  EXPECT_EQ(ExpandContraction("i'm"), (V{"i", "am"}));
  EXPECT_EQ(ExpandContraction("can't"), (V{"can", "not"}));
  EXPECT_EQ(ExpandContraction("won't"), (V{"will", "not"}));
  EXPECT_EQ(ExpandContraction("shouldn't"), (V{"should", "not"}));
  EXPECT_EQ(ExpandContraction("should've"), (V{"should", "have"}));
  EXPECT_EQ(ExpandContraction("it's"), (V{"it", "is"}));
  EXPECT_EQ(ExpandContraction("mom's"), (V{"mom", "'s"}));
  EXPECT_EQ(ExpandContraction("dont"), (V{"do", "not"}));
  EXPECT_EQ(ExpandContraction("walk"), (V{"walk"}));
  EXPECT_EQ(ExpandContraction("'"), (V{"'"}));
}

TEST(PatternLanguage, ElementsBehaveAsDocumented) {
  auto a = DistortionAnalyzer::FromText(
      "class BAD awful dreadful\n"
      "define $ME i_am|i_was\n"
      "rule T-1 labeling 0.9 $ME [so] @BAD ~at\n"
      "rule T-2 blaming 0.8 they *2 ruined my_day|my_life\n"
      "rule T-3 labeling 0.5 x !y z\n"
      "guard G-1 used_to think\n",
      "inline");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  const auto types = [&](const std::string& text) {
    std::string out;
    for (const auto& f : (*a)->Analyze(Tokenize(text))) out += f.rule + " ";
    return out;
  };
  EXPECT_EQ(types("I am so awful"), "T-1 ");
  EXPECT_EQ(types("I'm dreadful."), "T-1 ");
  EXPECT_EQ(types("I'm awful at chess"), "");
  EXPECT_EQ(types("I used to think I am awful"), "");
  EXPECT_EQ(types("they totally ruined my life"), "T-2 ");
  EXPECT_EQ(types("they really totally utterly ruined my life"), "");  // gap too long
  EXPECT_EQ(types("they ruined it, but my day"), "");
  EXPECT_EQ(types("x q z"), "T-3 ");
  EXPECT_EQ(types("x y z"), "");
}

TEST(PatternLanguage, ReportsBadLinesWithTheirNumber) {
  for (const char* bad : {"rule A unknown_type 0.5 x", "rule A labeling 2 x",
                          "rule A labeling 0.5 [x] y", "rule A labeling 0.5 @NOPE",
                          "frobnicate x", "rule A labeling 0.5 $NOPE", "rule A labeling 0.5 *x y"}) {
    auto a = DistortionAnalyzer::FromText(std::string("# header\n") + bad + "\n", "inline");
    ASSERT_FALSE(a.ok()) << bad;
    EXPECT_EQ(a.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(a.status().message().find("inline:2"), std::string::npos) << a.status().message();
  }
  EXPECT_EQ(DistortionAnalyzer::Load("/nonexistent").status().code(), StatusCode::kNotFound);
}

TEST(ParseTwoColumnCsv, HandlesQuotesBomAndNewlines) {
  auto rows = ParseTwoColumnCsv(
      "\xEF\xBB\xBFText,Label\r\n plain text,Distortion\n\"a, \"\"quoted\"\"\nline\",No "
      "Distortion\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2U);
  EXPECT_EQ((*rows)[0].text, " plain text");
  EXPECT_EQ((*rows)[1].text, "a, \"quoted\"\nline");
  EXPECT_EQ((*rows)[1].label, "No Distortion");
  EXPECT_FALSE(ParseTwoColumnCsv("Text,Label\n\"open,x\n").ok());
  EXPECT_FALSE(ParseTwoColumnCsv("Text,Label\nonlyone\n").ok());
}

TEST(BinaryScores, BaselineArithmetic) {
  BinaryScores s;
  s.tp = 3;
  s.fn = 1;
  s.fp = 1;
  s.tn = 3;
  EXPECT_DOUBLE_EQ(s.Precision(), 0.75);
  EXPECT_DOUBLE_EQ(s.Recall(), 0.75);
  EXPECT_DOUBLE_EQ(s.BaseRate(), 0.5);
  EXPECT_NEAR(s.AlwaysYesF1(), 2.0 / 3.0, 1e-12);
}

// Prints the evaluation when the public data is beside the repository (skipped otherwise).
TEST(DistortionEval, PrintsFigures) {
  const std::string shared = SharedDataRoot();
  if (!std::filesystem::exists(shared + "/distortions_babacan/raw_Cognitive_distortions.csv")) {
    GTEST_SKIP() << "no ../shared/data";
  }
  std::ostringstream out;
  ASSERT_TRUE(EvaluateDistortions(Analyzer(), shared, TestDataRoot(), out).ok());
  std::cout << out.str();
  EXPECT_NE(out.str().find("held-out"), std::string::npos);
}

}  // namespace
}  // namespace interlude::text
