// Tests of ThemeAnalyzer: the case file data/text/cases/themes.tsv (one parameterised test)
// plus unit tests for multi-label output, evidence and ambiguous words.
//
// Thread-safety: single-threaded test code.
#include "text/themes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "text/case_file.h"

namespace interlude::text {
namespace {

const ThemeAnalyzer& Analyzer() {
  static const ThemeAnalyzer* analyzer = [] {
    auto loaded = ThemeAnalyzer::Load(DataRoot());
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return loaded.ok() ? std::move(loaded).value().release() : nullptr;
  }();
  return *analyzer;
}

std::vector<std::string> Names(const std::string& text) {
  std::vector<std::string> out;
  for (const ThemeScore& s : Analyzer().Analyze(Tokenize(text))) out.push_back(s.theme);
  return out;
}

bool Has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

TEST(ThemeAnalyzerTest, LoadFailsWithoutData) {
  EXPECT_EQ(ThemeAnalyzer::Load("/nonexistent").status().code(), StatusCode::kNotFound);
}

TEST(ThemeAnalyzerTest, KnowsTheRequiredThemes) {
  for (const char* t : {"work", "school", "family", "partner", "friends", "health", "sleep",
                        "money", "self_image", "loss_grief", "substance_use", "body_eating",
                        "social", "therapy", "faith", "housing", "parenting", "pets", "hobbies",
                        "news_world"}) {
    EXPECT_TRUE(Has(Analyzer().Themes(), t)) << t;
  }
}

TEST(ThemeAnalyzerTest, MultiLabelWithEvidence) {
  const std::string text = "My boss yelled at me and then I couldn't sleep.";
  const Document doc = Tokenize(text);
  const auto themes = Analyzer().Analyze(doc);
  std::vector<std::string> names;
  for (const auto& t : themes) names.push_back(t.theme);
  EXPECT_TRUE(Has(names, "work"));
  EXPECT_TRUE(Has(names, "sleep"));
  for (const auto& t : themes) {
    ASSERT_FALSE(t.evidence.empty());
    if (t.theme == "work") {
      EXPECT_NE(doc.Slice(t.evidence[0]).find("boss"), std::string_view::npos);
    }
    EXPECT_GT(t.weight, 0);
    EXPECT_LE(t.weight, 1);
  }
}

TEST(ThemeAnalyzerTest, AmbiguousWordAloneIsNotATheme) {
  EXPECT_FALSE(Has(Names("I had a meeting."), "substance_use"));
  EXPECT_TRUE(Names("It worked out in the end.").empty());
  EXPECT_TRUE(Analyzer().Analyze(Tokenize("")).empty());
}

// `text<TAB>themes`: a comma list that must be found, `-theme` that must not, or `none`.
class ThemeCaseTest : public testing::TestWithParam<Case> {};

TEST_P(ThemeCaseTest, Matches) {
  const Case& c = GetParam();
  const std::vector<std::string> found = Names(c.text);
  std::string all;
  for (const auto& f : found) all += f + " ";
  std::stringstream labels(c.expected);
  for (std::string label; std::getline(labels, label, ',');) {
    if (label == "none") {
      EXPECT_TRUE(found.empty()) << "line " << c.line << ": " << c.text << " -> " << all;
    } else if (label[0] == '-') {
      EXPECT_FALSE(Has(found, label.substr(1))) << "line " << c.line << ": " << c.text << " -> " << all;
    } else {
      EXPECT_TRUE(Has(found, label)) << "line " << c.line << ": " << c.text << " expected "
                                     << label << " -> " << all;
    }
  }
}

std::vector<Case> LoadCases() {
  auto cases = LoadCaseFile(DataRoot() + "/text/cases/themes.tsv");
  EXPECT_TRUE(cases.ok()) << cases.status().ToString();
  return cases.ok() ? cases.value() : std::vector<Case>{};
}

INSTANTIATE_TEST_SUITE_P(CaseFile, ThemeCaseTest, testing::ValuesIn(LoadCases()),
                         [](const testing::TestParamInfo<Case>& p) {
                           return "line" + std::to_string(p.param.line);
                         });

}  // namespace
}  // namespace interlude::text
