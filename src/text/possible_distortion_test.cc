// Tests for the possible-distortion signal: one parameterised test over the clinician-
// readable case file (data/text/cases/possible_distortions.tsv), the plain sentences of the
// typed detector's case file (which must mostly stay clean), evidence spans, the combining
// of weak cues, guards, load errors and thread safety.
//
// Thread-safety: tests share one const detector, as the product does.
#include "text/possible_distortion.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <thread>
#include <vector>

#include "text/case_file.h"

namespace interlude::text {
namespace {

const PossibleDistortionDetector& Detector() {
  static const PossibleDistortionDetector* detector = [] {
    auto loaded = PossibleDistortionDetector::Load(DataRoot());
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().ToString();
      std::abort();
    }
    return std::move(loaded).value().release();
  }();
  return *detector;
}

std::string Explain(const Document& doc, const DistortionSignal& s) {
  std::string out = "score " + std::to_string(s.score);
  for (const DistortionCue& c : s.cues) {
    out += " [" + c.rule + " " + std::string(DistortionName(c.lean)) + " '" +
           std::string(doc.Slice(c.evidence)) + "']";
  }
  return out;
}

std::vector<Case> LoadCases(const std::string& name) {
  auto cases = LoadCaseFile(DataRoot() + "/text/cases/" + name);
  return cases.ok() ? cases.value() : std::vector<Case>{};
}

}  // namespace

// Readable names for failing cases instead of a byte dump (also declared by other tests of
// this library; each test binary has its own).
void PrintTo(const Case& c, std::ostream* os) { *os << "line " << c.line << ": " << c.text; }

namespace {

// ---- The case file ------------------------------------------------------------------
// expected: `none`, `possible`, or `possible: words` (some cue's evidence must contain the
// words, so the evidence points at what caused the signal).

class PossibleDistortionCaseTest : public ::testing::TestWithParam<Case> {};

TEST_P(PossibleDistortionCaseTest, SignalsExactlyWhenExpected) {
  const Case& c = GetParam();
  const bool expected = c.expected.rfind("possible", 0) == 0;
  ASSERT_TRUE(expected || c.expected == "none") << "line " << c.line << ": bad label " << c.expected;
  if (c.note.rfind("known-miss", 0) == 0) GTEST_SKIP() << "line " << c.line << ": " << c.note;
  const Document doc = Tokenize(c.text);
  const DistortionSignal s = Detector().Analyze(doc);
  EXPECT_EQ(s.present, expected) << "line " << c.line << ": " << c.text << "\n  "
                                 << Explain(doc, s);
  const size_t colon = c.expected.find(':');
  if (expected && s.present && colon != std::string::npos) {
    std::string words = c.expected.substr(colon + 1);
    words.erase(0, words.find_first_not_of(' '));
    bool found = false;
    for (const DistortionCue& cue : s.cues) {
      found = found || doc.Slice(cue.evidence).find(words) != std::string_view::npos;
    }
    EXPECT_TRUE(found) << "line " << c.line << ": no cue's evidence contains '" << words
                       << "'\n  " << Explain(doc, s);
  }
}

INSTANTIATE_TEST_SUITE_P(CaseFile, PossibleDistortionCaseTest,
                         ::testing::ValuesIn(LoadCases("possible_distortions.tsv")),
                         [](const ::testing::TestParamInfo<Case>& param_info) {
                           return "line" + std::to_string(param_info.param.line);
                         });

TEST(PossibleDistortionCaseFile, HasEnoughCasesOfBothKinds) {
  int possible = 0, none = 0;
  for (const Case& c : LoadCases("possible_distortions.tsv")) {
    (c.expected == "none" ? none : possible) += 1;
  }
  EXPECT_GE(possible, 60);
  EXPECT_GE(none, 60);
}

// The typed detector's plain sentences ("I should buy milk") are the product's idea of
// clean text: the signal may fire on at most 10% of them.
TEST(PossibleDistortion, MostPlainSentencesOfTheTypedCaseFileStayClean) {
  int plain = 0, flagged = 0;
  std::string which;
  for (const Case& c : LoadCases("distortions.tsv")) {
    if (c.expected != "none") continue;
    ++plain;
    const Document doc = Tokenize(c.text);
    const DistortionSignal s = Detector().Analyze(doc);
    if (s.present) {
      ++flagged;
      which += "\n  line " + std::to_string(c.line) + ": " + c.text + "  " + Explain(doc, s);
    }
  }
  ASSERT_GE(plain, 50);
  EXPECT_LE(flagged * 10, plain) << flagged << " of " << plain << " flagged:" << which;
}

// ---- Unit tests ---------------------------------------------------------------------

TEST(PossibleDistortion, EvidenceIsTheWordsThatMatched) {
  const Document doc = Tokenize("Work was long. Honestly I feel so worthless lately.");
  const DistortionSignal s = Detector().Analyze(doc);
  ASSERT_TRUE(s.present);
  const DistortionCue* label = nullptr;
  for (const DistortionCue& c : s.cues) {
    EXPECT_EQ(c.rule.rfind("PDS-", 0), 0U) << c.rule;
    if (c.lean == Distortion::kLabeling) label = &c;
  }
  ASSERT_NE(label, nullptr) << Explain(doc, s);
  EXPECT_EQ(doc.Slice(label->evidence), "I feel so worthless");
  EXPECT_GE(s.score, kPossibleDistortionThreshold);
  EXPECT_LE(s.score, 1.0);
}

TEST(PossibleDistortion, EmptyAndPlainTextsCarryNoSignal) {
  for (const char* text : {"", "   ", "I bought milk and bread.", "We walked to the park."}) {
    const DistortionSignal s = Detector().Analyze(Tokenize(text));
    EXPECT_FALSE(s.present) << text;
    EXPECT_EQ(s.score, 0) << text;
    EXPECT_TRUE(s.cues.empty()) << text;
  }
}

TEST(PossibleDistortion, WeakCuesCountOnlyTogetherAndCloseBy) {
  auto detector = PossibleDistortionDetector::FromText(
      "rule PDS-T-001 overgeneralization 0.3 always\n"
      "rule PDS-T-002 emotional_reasoning 0.3 so_i_am\n",
      "test");
  ASSERT_TRUE(detector.ok()) << detector.status().ToString();
  const auto& d = **detector;
  EXPECT_FALSE(d.Analyze(Tokenize("I always walk.")).present);
  const Document both = Tokenize("It always happens, so I am done.");
  const DistortionSignal s = d.Analyze(both);
  EXPECT_TRUE(s.present);
  EXPECT_NEAR(s.score, 1 - 0.7 * 0.7, 1e-9);
  ASSERT_EQ(s.cues.size(), 2U);
  EXPECT_EQ(both.Slice(s.cues[0].evidence), "always");
  EXPECT_EQ(both.Slice(s.cues[1].evidence), "so I am");
  // Two sentences, or far apart in one: no combination.
  EXPECT_FALSE(d.Analyze(Tokenize("It always rains. So I am wet.")).present);
  EXPECT_FALSE(
      d.Analyze(Tokenize("It always rains in the north of the country in the first weeks of "
                         "the long autumn season so I am wet"))
          .present);
}

TEST(PossibleDistortion, GuardsCancelWhatFollows) {
  EXPECT_TRUE(Detector().Analyze(Tokenize("I'm worthless.")).present);
  EXPECT_FALSE(Detector().Analyze(Tokenize("I used to think I'm worthless.")).present);
  EXPECT_FALSE(Detector().Analyze(Tokenize("My therapist says I'm not worthless.")).present);
}

TEST(PossibleDistortion, LoadErrors) {
  EXPECT_EQ(PossibleDistortionDetector::Load("/nonexistent").status().code(),
            StatusCode::kNotFound);
  const auto bad = PossibleDistortionDetector::FromText("rule PDS-X-001 nonsense 0.5 a\n", "x");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("x:1"), std::string::npos) << bad.status().message();
}

TEST(PossibleDistortion, SharedAcrossThreads) {
  const std::string text = "Nobody cares about me and I always mess everything up.";
  const DistortionSignal expected = Detector().Analyze(Tokenize(text));
  ASSERT_TRUE(expected.present);
  std::vector<std::thread> threads;
  std::vector<int> same(4, 0);
  for (size_t t = 0; t < same.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        const DistortionSignal s = Detector().Analyze(Tokenize(text));
        same[t] += (s.present == expected.present && s.score == expected.score) ? 1 : 0;
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const int n : same) EXPECT_EQ(n, 50);
}

}  // namespace
}  // namespace interlude::text
