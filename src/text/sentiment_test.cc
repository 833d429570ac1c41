// Tests of SentimentAnalyzer: the rule cases of data/text/cases/sentiment.tsv (one
// parameterised test), agreement with the reference Python on the tweets corpus when
// ../shared/data is present, loading errors, and bad input.
//
// Thread-safety: tests only; the analyzer is shared read-only between test cases.
#include "text/sentiment.h"

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "text/case_file.h"
#include "text/sentiment_eval.h"
#include "text/vader_rules.h"

namespace interlude::text {
namespace {

// DataRoot() finds the source tree even while CTest lists the tests at build time.
std::string TestDataRoot() { return DataRoot(); }

const SentimentAnalyzer& Analyzer() {
  static const SentimentAnalyzer* analyzer = [] {
    auto loaded = SentimentAnalyzer::Load(SentimentAnalyzer::DefaultLexiconPath(TestDataRoot()));
    if (!loaded.ok()) return static_cast<SentimentAnalyzer*>(nullptr);
    return std::move(loaded).value().release();
  }();
  if (analyzer == nullptr) {
    ADD_FAILURE() << "the VADER lexicon is missing; run `make setup`";
    std::abort();
  }
  return *analyzer;
}

void ExpectWellFormed(const Sentiment& s) {
  EXPECT_TRUE(std::isfinite(s.compound));
  EXPECT_GE(s.compound, -1.0);
  EXPECT_LE(s.compound, 1.0);
  for (const double p : {s.positive, s.neutral, s.negative}) {
    EXPECT_TRUE(std::isfinite(p));
    EXPECT_GE(p, 0.0);
    EXPECT_LE(p, 1.0);
  }
  const double sum = s.positive + s.neutral + s.negative;
  EXPECT_TRUE(sum == 0 || std::fabs(sum - 1) < 0.01) << sum;
}

std::vector<Case> LoadCases() {
  auto cases = LoadCaseFile(TestDataRoot() + "/text/cases/sentiment.tsv");
  if (!cases.ok()) return {};
  return std::move(cases).value();
}

class SentimentCaseTest : public ::testing::TestWithParam<Case> {};

TEST_P(SentimentCaseTest, MatchesExpected) {
  const Case& c = GetParam();
  SCOPED_TRACE("sentiment.tsv:" + std::to_string(c.line) + ": " + c.text + " (" + c.note + ")");
  const std::string& e = c.expected;
  if (e.rfind("compat=", 0) == 0) {
    const double want = std::stod(e.substr(7));
    EXPECT_NEAR(Analyzer().Score(c.text, SentimentMode::kCompat).compound, want, 0.001);
  } else if (e.rfind("journal=", 0) == 0) {
    const size_t dots = e.find("..");
    ASSERT_NE(dots, std::string::npos) << "expected journal=<lo>..<hi>";
    const double lo = std::stod(e.substr(8, dots - 8));
    const double hi = std::stod(e.substr(dots + 2));
    const double got = Analyzer().Score(c.text).compound;
    EXPECT_GE(got, lo);
    EXPECT_LE(got, hi);
  } else {
    ASSERT_TRUE(e == "positive" || e == "negative" || e == "neutral") << "unknown label " << e;
    EXPECT_EQ(PolarityLabel(Analyzer().Score(c.text).compound), e)
        << "compound " << Analyzer().Score(c.text).compound;
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, SentimentCaseTest, ::testing::ValuesIn(LoadCases()),
                         [](const ::testing::TestParamInfo<Case>& param_info) {
                           return "line" + std::to_string(param_info.param.line);
                         });

TEST(SentimentCaseFile, HasCases) { EXPECT_GE(LoadCases().size(), 40u); }

TEST(SentimentAnalyzerTest, MissingLexiconNamesSetUp) {
  auto loaded = SentimentAnalyzer::Load("/nonexistent/vader_lexicon.txt");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(loaded.status().message().find("make setup"), std::string::npos);
}

// "nan" and "inf" parse as numbers; a lexicon line holding one is skipped like any other
// line without a usable number, so no score can become NaN.
TEST(SentimentAnalyzerTest, LexiconLinesWithoutAFiniteNumberAreSkipped) {
  const std::string dir = ::testing::TempDir() + "vader_nan_" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/vader_lexicon.txt", plain = dir + "/plain_lexicon.txt";
  std::ofstream(path) << "good\t1.9\t0.9\t[2]\nweird\tnan\t0\t[0]\nhuge\tinf\t0\t[0]\n";
  std::ofstream(plain) << "good\t1.9\t0.9\t[2]\n";
  auto loaded = SentimentAnalyzer::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  auto only_good = SentimentAnalyzer::Load(plain);
  ASSERT_TRUE(only_good.ok()) << only_good.status().ToString();
  EXPECT_EQ((*loaded)->lexicon_size(), (*only_good)->lexicon_size());
  for (const SentimentMode mode : {SentimentMode::kCompat, SentimentMode::kJournal}) {
    const Sentiment s = (*loaded)->Score("weird huge but good", mode);
    EXPECT_TRUE(std::isfinite(s.compound));
    EXPECT_GT(s.compound, 0);
  }
  std::filesystem::remove_all(dir);
}

TEST(SentimentAnalyzerTest, LoadsTheWholeLexicon) {
  EXPECT_GT(Analyzer().lexicon_size(), 7000u);
}

TEST(SentimentAnalyzerTest, CompatMatchesReferenceOnTweets) {
  const std::string shared = SharedDataRoot();
  auto corpus = LoadVaderCorpus(shared, "tweets");
  if (!corpus.ok()) GTEST_SKIP() << "no VADER corpora under " << shared;
  const SentimentFigures f = EvaluateCorpus(Analyzer(), *corpus, SentimentMode::kCompat);
  EXPECT_EQ(f.sentences, 4200u);
  EXPECT_GE(f.agreement, 0.99);
}

TEST(SentimentAnalyzerTest, JournalBeatsReferenceOnTweets) {
  auto corpus = LoadVaderCorpus(SharedDataRoot(), "tweets");
  if (!corpus.ok()) GTEST_SKIP() << "no VADER corpora";
  const SentimentFigures journal = EvaluateCorpus(Analyzer(), *corpus, SentimentMode::kJournal);
  EXPECT_GT(journal.pearson, ReferenceFigures(*corpus).pearson);
}

TEST(SentimentBadInputTest, EmptyText) {
  for (const SentimentMode mode : {SentimentMode::kCompat, SentimentMode::kJournal}) {
    const Sentiment s = Analyzer().Score("", mode);
    EXPECT_EQ(s.compound, 0);
    EXPECT_EQ(s.positive + s.neutral + s.negative, 0);
  }
}

TEST(SentimentBadInputTest, OnlyPunctuationAndSpaces) {
  for (const char* text : {"!!!???", "   \t\n  ", "... ,,, ;;;", "?", "!"}) {
    for (const SentimentMode mode : {SentimentMode::kCompat, SentimentMode::kJournal}) {
      const Sentiment s = Analyzer().Score(text, mode);
      ExpectWellFormed(s);
      EXPECT_EQ(s.compound, 0) << text;
    }
  }
}

TEST(SentimentBadInputTest, ControlCharactersAndInvalidUtf8) {
  static constexpr char kBytes[] = "good\0bad\x01\x7f\x1b[31m happy \xff\xfe\xc3 sad \xe2\x80";
  const std::string text(kBytes, sizeof kBytes - 1);
  for (const SentimentMode mode : {SentimentMode::kCompat, SentimentMode::kJournal}) {
    ExpectWellFormed(Analyzer().Score(text, mode));
  }
  ExpectWellFormed(Analyzer().Score("\xf0\x9f\x98\x81\xf0\x9f\x92\x94 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d "
                                    "\xe4\xbd\xa0\xe5\xa5\xbd \xc3\x89T\xc3\x89 great"));
}

TEST(SentimentBadInputTest, OneMegabyte) {
  std::string text;
  while (text.size() < (1u << 20)) text += "I am not happy but SO hopeful!!! Kind of ok? ";
  for (const SentimentMode mode : {SentimentMode::kCompat, SentimentMode::kJournal}) {
    ExpectWellFormed(Analyzer().Score(text, mode));
  }
  // One long word, and a text of separators only.
  ExpectWellFormed(Analyzer().Score(std::string(1 << 20, 'a')));
  ExpectWellFormed(Analyzer().Score(std::string(1 << 20, '!')));
}

// The reference's "but" step finds each value again by equality; the indexed form used for
// long sentences must give exactly what that scan gives, repeated values and zeros included.
TEST(VaderButStepTest, IndexedFormMatchesTheScan) {
  std::mt19937 random(7);
  const std::vector<double> values = {0, 0, -0.0, 1.9, -1.9, 0.95, 2.85, -0.74, 3.1, -2.2};
  for (int round = 0; round < 400; ++round) {
    const size_t n = 1 + random() % 600;
    std::vector<double> scan(n);
    for (double& v : scan) v = values[random() % values.size()];
    std::vector<double> indexed = scan;
    const size_t bi = random() % n;
    vader::RescaleAroundButByScan(bi, scan.data(), n);
    vader::RescaleAroundButIndexed(bi, indexed.data(), n);
    ASSERT_EQ(scan, indexed) << "round " << round << ", n " << n << ", but at " << bi;
    for (size_t k = 0; k < n; ++k) {  // the sign of a zero too (== cannot tell them apart)
      ASSERT_EQ(std::signbit(scan[k]), std::signbit(indexed[k])) << "round " << round << ", " << k;
    }
  }
}

TEST(SentimentAnalyzerTest, ConcurrentScoresAgree) {
  const std::vector<std::string> texts = {"I am not happy.", "What a wonderful day!!",
                                          "Although it was fine, I felt awful."};
  std::vector<double> want;
  for (const auto& t : texts) want.push_back(Analyzer().Score(t).compound);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      for (int round = 0; round < 500; ++round) {
        for (size_t i = 0; i < texts.size(); ++i) {
          mismatches[static_cast<size_t>(k)] += Analyzer().Score(texts[i]).compound != want[i];
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const int m : mismatches) EXPECT_EQ(m, 0);
}

}  // namespace
}  // namespace interlude::text
