// Scoring is exact: every total of every instrument lands in the band CLINICAL.md gives,
// every combination of answers sums correctly, item 9 is kept apart, and bad answers are
// refused naming the answer. Plus the readable cases in data/instruments/cases/scoring.tsv.
#include "care/scoring.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "care/test_instruments.h"

namespace interlude::care {
namespace {

// The bands as CLINICAL.md states them (not read from the data files).
std::string ExpectedBand(const std::string& id, int t) {
  if (id == "phq9") return t <= 4 ? "minimal" : t <= 9 ? "mild" : t <= 14 ? "moderate" : t <= 19 ? "moderately_severe" : "severe";
  if (id == "gad7") return t <= 4 ? "minimal" : t <= 9 ? "mild" : t <= 14 ? "moderate" : "severe";
  if (id == "who5") return t < 13 ? "poor" : "not_poor";
  return t >= 3 ? "positive" : "negative";  // PHQ-2, GAD-2: cut-off >= 3
}

// Answers reaching `total`, filling items from the first.
std::vector<std::int64_t> AnswersFor(const Instrument& in, int total) {
  std::vector<std::int64_t> a(in.items.size(), 0);
  for (auto& v : a) {
    v = std::min(total, in.MaxOption());
    total -= static_cast<int>(v);
  }
  return a;
}

TEST(ScoringTest, EveryTotalOfEveryInstrumentHasTheRightBand) {
  const std::map<std::string, int> max = {{"phq9", 27}, {"gad7", 21}, {"who5", 25}, {"phq2", 6}, {"gad2", 6}};
  for (const Instrument& in : ShippedInstruments().all()) {
    ASSERT_EQ(in.MaxTotal(), max.at(in.id));
    for (int t = 0; t <= in.MaxTotal(); ++t) {
      auto s = ScoreAnswers(in, AnswersFor(in, t), std::nullopt);
      ASSERT_TRUE(s.ok()) << in.id << " " << t;
      EXPECT_EQ(s->total, t);
      EXPECT_EQ(s->max_total, in.MaxTotal());
      EXPECT_EQ(s->band->id, ExpectedBand(in.id, t)) << in.id << " total " << t;
      EXPECT_EQ(s->percentage.has_value(), in.id == "who5");
      if (in.id == "who5") {
        EXPECT_EQ(*s->percentage, t * 4);
      }
      const bool screen = (in.id == "phq2" || in.id == "gad2") && t >= 3;
      EXPECT_EQ(s->follow_up, screen ? (in.id == "phq2" ? "phq9" : "gad7") : "") << in.id << t;
    }
  }
}

// Every one of the 4^9 PHQ-9 answer sets (and all GAD-7, WHO-5 and short-screen sets):
// the total is the sum, item 9 is item 9, the flags follow the rules.
TEST(ScoringTest, EveryCombinationOfAnswers) {
  for (const Instrument& in : ShippedInstruments().all()) {
    const size_t n = in.items.size();
    const int base = in.MaxOption() + 1;
    size_t combinations = 1;
    for (size_t i = 0; i < n; ++i) combinations *= static_cast<size_t>(base);
    std::vector<std::int64_t> a(n, 0);
    size_t checked = 0;
    for (size_t code = 0; code < combinations; ++code) {
      size_t rest = code;
      std::int64_t sum = 0;
      int lowest = base;
      for (size_t i = 0; i < n; ++i) {
        a[i] = static_cast<std::int64_t>(rest % static_cast<size_t>(base));
        rest /= static_cast<size_t>(base);
        sum += a[i];
        lowest = std::min(lowest, static_cast<int>(a[i]));
      }
      auto s = ScoreAnswers(in, a, std::nullopt);
      ASSERT_TRUE(s.ok());
      ASSERT_EQ(s->total, sum);
      const auto has = [&](const char* f) {
        return std::find(s->flags.begin(), s->flags.end(), f) != s->flags.end();
      };
      if (in.id == "phq9") {
        ASSERT_EQ(s->risk_item, a[8]);
        ASSERT_EQ(has("item9_positive"), a[8] > 0);
        ASSERT_EQ(has("caseness"), sum >= 10);
      } else {
        ASSERT_FALSE(s->risk_item.has_value());
      }
      if (in.id == "gad7") {
        ASSERT_EQ(has("caseness"), sum >= 8);
      }
      if (in.id == "who5") {
        ASSERT_EQ(has("poor_wellbeing"), sum < 13);
        ASSERT_EQ(has("low_item"), lowest <= 1);
      }
      ++checked;
    }
    EXPECT_EQ(checked, combinations) << in.id;
  }
}

TEST(ScoringTest, Item9IsNeverHiddenByTheTotal) {
  // The lowest possible total with item 9 "nearly every day": minimal band, yet item 9 = 3.
  auto s = ScoreAnswers(Get("phq9"), {0, 0, 0, 0, 0, 0, 0, 0, 3}, std::nullopt);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->band->id, "minimal");
  EXPECT_EQ(s->risk_item, 3);
  EXPECT_EQ(s->flags, std::vector<std::string>{"item9_positive"});
}

TEST(ScoringTest, InvalidAnswersNameTheField) {
  const Instrument& phq9 = Get("phq9");
  auto few = ScoreAnswers(phq9, {0, 0}, std::nullopt);
  EXPECT_EQ(few.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(few.status().field(), "answers");
  EXPECT_EQ(ScoreAnswers(phq9, {}, std::nullopt).status().field(), "answers");
  EXPECT_EQ(ScoreAnswers(phq9, {0, 0, 0, 0, 0, 0, 0, 0, 99}, std::nullopt).status().field(), "answers[8]");
  EXPECT_EQ(ScoreAnswers(phq9, {-1, 0, 0, 0, 0, 0, 0, 0, 0}, std::nullopt).status().field(), "answers[0]");
  EXPECT_EQ(ScoreAnswers(phq9, std::vector<std::int64_t>(9, 0), -1).status().field(), "functional");
  auto f = ScoreAnswers(phq9, std::vector<std::int64_t>(9, 0), 3);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->functional, 3);
  EXPECT_EQ(f->total, 0);
  EXPECT_EQ(ScoreAnswers(Get("who5"), {5, 5, 5, 5, 5}, 0).status().field(), "functional");
}

// data/instruments/cases/scoring.tsv
TEST(ScoringCaseTest, CaseFile) {
  auto cases = text::LoadCaseFile(text::DataRoot() + "/instruments/cases/scoring.tsv");
  ASSERT_TRUE(cases.ok()) << cases.status().ToString();
  ASSERT_GE(cases->size(), 30u);
  for (const text::Case& c : *cases) {
    SCOPED_TRACE("scoring.tsv:" + std::to_string(c.line) + " " + c.text);
    std::istringstream in(c.text);
    std::string id, list, extra;
    in >> id >> list >> extra;
    const Instrument* instrument = ShippedInstruments().Find(id);
    ASSERT_NE(instrument, nullptr);
    std::vector<std::int64_t> answers;
    std::stringstream ls(list);
    for (std::string v; std::getline(ls, v, ',');) answers.push_back(std::stoll(v));
    std::optional<std::int64_t> functional;
    if (extra.rfind("functional=", 0) == 0) functional = std::stoll(extra.substr(11));
    auto s = ScoreAnswers(*instrument, answers, functional);
    std::istringstream expected(c.expected);
    for (std::string kv; expected >> kv;) {
      const std::string key = kv.substr(0, kv.find('='));
      const std::string value = kv.substr(kv.find('=') + 1);
      if (key == "error") {
        ASSERT_FALSE(s.ok());
        EXPECT_EQ(s.status().field(), value);
        continue;
      }
      ASSERT_TRUE(s.ok()) << s.status().ToString();
      if (key == "total") EXPECT_EQ(std::to_string(s->total), value);
      else if (key == "band") EXPECT_EQ(s->band->id, value);
      else if (key == "follow_up") EXPECT_EQ(s->follow_up.empty() ? "-" : s->follow_up, value);
      else if (key == "item9") EXPECT_EQ(s->risk_item ? std::to_string(*s->risk_item) : "-", value);
      else if (key == "percentage") EXPECT_EQ(s->percentage ? std::to_string(*s->percentage) : "-", value);
      else if (key == "flags") {
        std::string joined;
        for (const auto& f : s->flags) joined += (joined.empty() ? "" : ",") + f;
        EXPECT_EQ(joined.empty() ? "-" : joined, value);
      } else {
        ADD_FAILURE() << "unknown key " << key;
      }
    }
  }
}

}  // namespace
}  // namespace interlude::care
