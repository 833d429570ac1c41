// Tests of EmotionAnalyzer: the case file data/text/cases/emotions.tsv (one parameterised
// test), plus unit tests for negation, intensity, phrases, emoji and the Ekman mapping.
//
// Thread-safety: single-threaded test code.
#include "text/emotions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "text/case_file.h"

namespace interlude::text {
namespace {

const EmotionAnalyzer& Analyzer() {
  static const EmotionAnalyzer* analyzer = [] {
    auto loaded = EmotionAnalyzer::Load(DataRoot());
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return loaded.ok() ? std::move(loaded).value().release() : nullptr;
  }();
  return *analyzer;
}

double Intensity(const std::string& text, Emotion e) {
  for (const EmotionScore& s : Analyzer().Analyze(Tokenize(text))) {
    if (s.emotion == e) return s.intensity;
  }
  return 0;
}

std::string Describe(const std::vector<EmotionScore>& scores) {
  std::ostringstream out;
  for (const EmotionScore& s : scores) out << EmotionName(s.emotion) << "=" << s.intensity << " ";
  return scores.empty() ? "none" : out.str();
}

TEST(EmotionAnalyzerTest, LoadFailsWithoutData) {
  EXPECT_EQ(EmotionAnalyzer::Load("/nonexistent").status().code(), StatusCode::kNotFound);
}

TEST(EmotionAnalyzerTest, EmptyAndNeutralTextFindNothing) {
  EXPECT_TRUE(Analyzer().Analyze(Tokenize("")).empty());
  EXPECT_TRUE(Analyzer().Analyze(Tokenize("I took the bus to town at nine.")).empty());
  EXPECT_EQ(EmotionAnalyzer::PrimaryEkman({}), Ekman::kNeutral);
}

TEST(EmotionAnalyzerTest, NegationCancelsAndFlips) {
  EXPECT_GT(Intensity("I am happy", Emotion::kJoy), 0);
  EXPECT_EQ(Intensity("I am not happy", Emotion::kJoy), 0);
  EXPECT_GT(Intensity("I am not happy", Emotion::kSadness), 0);
  EXPECT_EQ(Intensity("I'm not sad", Emotion::kSadness), 0);
  EXPECT_EQ(Intensity("I'm not sad", Emotion::kJoy), 0);
  EXPECT_EQ(Intensity("I don't really feel that anxious", Emotion::kFear), 0);
  EXPECT_EQ(Intensity("I never feel lonely anymore", Emotion::kLoneliness), 0);
  EXPECT_GT(Intensity("I can't relax", Emotion::kStress), 0);
  EXPECT_EQ(Intensity("I can't relax", Emotion::kCalm), 0);
  // The clause ends at "but": the negation does not reach "scared".
  EXPECT_GT(Intensity("Not angry, but scared", Emotion::kFear), 0);
  EXPECT_EQ(Intensity("Not angry, but scared", Emotion::kAnger), 0);
  // "never ... so" affirms.
  EXPECT_GT(Intensity("I have never been so happy", Emotion::kJoy), 0);
}

TEST(EmotionAnalyzerTest, IntensityModifiers) {
  const double plain = Intensity("I feel sad", Emotion::kSadness);
  ASSERT_GT(plain, 0);
  EXPECT_GT(Intensity("I feel very sad", Emotion::kSadness), plain);
  EXPECT_GT(Intensity("I feel so sad", Emotion::kSadness), plain);
  EXPECT_LT(Intensity("I feel a bit sad", Emotion::kSadness), plain);
  EXPECT_LT(Intensity("I feel kind of sad", Emotion::kSadness), plain);
  EXPECT_GT(Intensity("I feel SAD", Emotion::kSadness), plain);
  EXPECT_GT(Intensity("I feel sad!!!", Emotion::kSadness), plain);
  EXPECT_GT(Intensity("I feel sooo sad", Emotion::kSadness), plain);
  EXPECT_LE(Intensity("I feel so so so incredibly SAD!!!", Emotion::kSadness), 1.0);
  // More evidence, more intensity.
  EXPECT_GT(Intensity("I feel sad. I cried all day.", Emotion::kSadness), plain);
}

TEST(EmotionAnalyzerTest, PhrasesEmojiAndEvidence) {
  EXPECT_GT(Intensity("I'm fed up with all of it", Emotion::kAnger), 0);
  EXPECT_GT(Intensity("I've been on edge all week", Emotion::kFear), 0);
  EXPECT_GT(Intensity("I was over the moon", Emotion::kJoy), 0);
  EXPECT_GT(Intensity("Finally at peace", Emotion::kCalm), 0);
  EXPECT_GT(Intensity("today 😭", Emotion::kSadness), 0);
  EXPECT_GT(Intensity("got the job 🎉", Emotion::kJoy), 0);
  EXPECT_GT(Intensity("got the job :)", Emotion::kJoy), 0);
  const std::string text = "Honestly I am so fed up today";
  const Document doc = Tokenize(text);
  const auto scores = Analyzer().Analyze(doc);
  ASSERT_FALSE(scores.empty());
  ASSERT_FALSE(scores[0].evidence.empty());
  EXPECT_EQ(doc.Slice(scores[0].evidence[0]), "fed up");
}

TEST(EmotionAnalyzerTest, EkmanMapping) {
  EXPECT_EQ(EmotionAnalyzer::ToEkman(Emotion::kGratitude), Ekman::kJoy);
  EXPECT_EQ(EmotionAnalyzer::ToEkman(Emotion::kLoneliness), Ekman::kSadness);
  EXPECT_EQ(EmotionAnalyzer::ToEkman(Emotion::kShame), Ekman::kSadness);
  EXPECT_EQ(EmotionAnalyzer::ToEkman(Emotion::kStress), Ekman::kFear);
  EXPECT_EQ(EmotionAnalyzer::PrimaryEkman(Analyzer().Analyze(Tokenize("I am terrified"))),
            Ekman::kFear);
  EXPECT_EQ(EmotionAnalyzer::PrimaryEkman({{Emotion::kCalm, 0.1, {}}}), Ekman::kNeutral);
}

// The case file: `text<TAB>labels`, labels a comma list of emotions that must be found,
// `-emotion` for one that must not be, or `none` for no emotion at all.
class EmotionCaseTest : public testing::TestWithParam<Case> {};

TEST_P(EmotionCaseTest, Matches) {
  const Case& c = GetParam();
  const auto scores = Analyzer().Analyze(Tokenize(c.text));
  const auto found = [&](std::string_view name) {
    return std::any_of(scores.begin(), scores.end(),
                       [&](const EmotionScore& s) { return EmotionName(s.emotion) == name; });
  };
  std::stringstream labels(c.expected);
  for (std::string label; std::getline(labels, label, ',');) {
    if (label == "none") {
      EXPECT_TRUE(scores.empty()) << "line " << c.line << ": " << c.text << " -> " << Describe(scores);
    } else if (label[0] == '-') {
      EXPECT_FALSE(found(label.substr(1)))
          << "line " << c.line << ": " << c.text << " -> " << Describe(scores);
    } else {
      EXPECT_TRUE(found(label)) << "line " << c.line << ": " << c.text << " expected " << label
                                << " -> " << Describe(scores);
    }
  }
}

std::vector<Case> LoadCases() {
  auto cases = LoadCaseFile(DataRoot() + "/text/cases/emotions.tsv");
  EXPECT_TRUE(cases.ok()) << cases.status().ToString();
  return cases.ok() ? cases.value() : std::vector<Case>{};
}

INSTANTIATE_TEST_SUITE_P(CaseFile, EmotionCaseTest, testing::ValuesIn(LoadCases()),
                         [](const testing::TestParamInfo<Case>& p) {
                           return "line" + std::to_string(p.param.line);
                         });

TEST(EmotionCaseFileTest, HasAtLeast150Sentences) { EXPECT_GE(LoadCases().size(), 150u); }

}  // namespace
}  // namespace interlude::text
