// The learned distortion model: file errors, scoring with and without the shared
// vocabulary, agreement with DistortionFeatureNames, and a tiny deterministic training run.
#include "text/distortion_model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "text/case_file.h"
#include "text/distortion_training.h"

namespace interlude::text {
namespace {

constexpr char kTiny[] =
    "# a tiny model\n"
    "threshold 0.6\n"
    "bias -1\n"
    "w 2.0 worthless\n"
    "b 1.5 i always\n"
    "w -0.5 today\n"
    "t 0.7 labeling\n";

TEST(DistortionModelTest, LoadErrorsNameTheLine) {
  EXPECT_EQ(DistortionModel::Load("/nonexistent").status().code(), StatusCode::kNotFound);
  const auto bad = [](const std::string& text) {
    return DistortionModel::FromText(text, "m.txt").status();
  };
  EXPECT_NE(bad("bias 0\n").message().find("threshold"), std::string::npos);
  EXPECT_NE(bad("threshold 0.5\n").message().find("bias"), std::string::npos);
  EXPECT_NE(bad("threshold 0.5\nbias 0\nw x word\n").message().find("m.txt:3"), std::string::npos);
  EXPECT_NE(bad("threshold 1.5\nbias 0\n").message().find("m.txt:1"), std::string::npos);
  EXPECT_NE(bad("threshold 0.5\nbias 0\nq 1 word\n").message().find("m.txt:3"), std::string::npos);
  EXPECT_NE(bad("threshold 0.5\nbias 0\nb 1 word\n").message().find("m.txt:3"), std::string::npos);
  EXPECT_NE(bad("threshold 0.5\nbias 0\nw 1 a\nw 2 a\n").message().find("duplicate"),
            std::string::npos);
  EXPECT_TRUE(DistortionModel::FromText(kTiny, "m.txt").ok());
}

TEST(DistortionModelTest, ScoresPresenceOnceWithEvidence) {
  auto model = DistortionModel::FromText(kTiny, "m.txt");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_EQ((*model)->weight_count(), 4u);
  const Document doc = Tokenize("I always feel worthless. Worthless!");
  const ModelPrediction p = (*model)->Predict(doc, {}, {});
  EXPECT_NEAR(p.probability, 1 / (1 + std::exp(-(-1 + 2.0 + 1.5))), 1e-6);  // once each
  ASSERT_EQ(p.evidence.size(), 2u);
  EXPECT_EQ(doc.Slice(p.evidence[0]), "I always");
  EXPECT_EQ(doc.Slice(p.evidence[1]), "worthless");

  DistortionSignal signal;
  (*model)->Apply(doc, {}, &signal);
  EXPECT_TRUE(signal.present);
  DistortionSignal plain;
  (*model)->Apply(Tokenize("I went out today."), {}, &plain);
  EXPECT_FALSE(plain.present);
  EXPECT_LT(plain.model_probability, 0.6);
}

TEST(DistortionModelTest, SharedVocabularyGivesTheSameScore) {
  auto model = DistortionModel::FromText(kTiny, "m.txt");
  ASSERT_TRUE(model.ok());
  const std::string text = "I always ruin it, I'm worthless";
  const double alone = (*model)->Predict(Tokenize(text), {}, {}).probability;
  Vocabulary vocabulary;
  vocabulary.Add("unrelated");
  (*model)->ShareVocabulary(&vocabulary);
  Document doc = Tokenize(text);
  vocabulary.Intern(&doc);
  EXPECT_DOUBLE_EQ((*model)->Predict(doc, {}, {}).probability, alone);
}

TEST(DistortionModelTest, AgreesWithFeatureNames) {
  const std::string text = "Nobody likes me. I always fail, so I'm a failure.";
  const Document doc = Tokenize(text);
  std::vector<DistortionFinding> findings = {{Distortion::kLabeling, {0, 6}, 0.8, "X"},
                                             {Distortion::kLabeling, {7, 9}, 0.8, "Y"}};
  DistortionSignal signal;
  signal.cues = {{Distortion::kOvergeneralization, {0, 6}, 0.5, "PDS-A"},
                 {Distortion::kOvergeneralization, {7, 9}, 0.5, "PDS-A"},
                 {Distortion::kLabeling, {7, 9}, 0.5, "PDS-B"}};
  LogisticModel logistic;
  logistic.bias = -0.25;
  int k = 0;
  for (const std::string& f : DistortionFeatureNames(doc, findings, signal)) {
    logistic.weights.emplace_back(f, (k % 2 == 0 ? 0.1 : -0.07) * (1 + k % 3));
    ++k;
  }
  auto model = DistortionModel::FromText(FormatModelFile(logistic, 0.5, {"t"}), "m.txt");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_NEAR((*model)->Predict(doc, findings, signal).probability,
              logistic.Probability(DistortionFeatureNames(doc, findings, signal)), 1e-5);
}

TEST(DistortionModelTest, NegationScopeEndsAtPunctuationAndBut) {
  const Document doc = Tokenize("I am not good at this, it's fine. I don't feel loved but happy");
  const std::vector<std::string> names = DistortionFeatureNames(doc, {}, {});
  const auto has = [&](const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  EXPECT_TRUE(has("n good"));
  EXPECT_TRUE(has("n at"));
  EXPECT_TRUE(has("n feel"));
  EXPECT_TRUE(has("n loved"));
  EXPECT_FALSE(has("n fine"));   // after the comma
  EXPECT_FALSE(has("n happy"));  // after "but"
  EXPECT_FALSE(has("n not"));    // negators themselves are not marked
  EXPECT_FALSE(has("n am"));     // before the negator

  auto model = DistortionModel::FromText(
      "threshold 0.5\nbias 0\nn 1.0 loved\nn 2.0 happy\nw 0.25 loved\n", "m.txt");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  const ModelPrediction p = (*model)->Predict(doc, {}, {});
  EXPECT_NEAR(p.probability, 1 / (1 + std::exp(-1.25)), 1e-6);
  ASSERT_EQ(p.evidence.size(), 1u);  // "loved" as a word and as a negated word: one span
  EXPECT_EQ(doc.Slice(p.evidence[0]), "loved");
}

TEST(DistortionModelTest, LongTextsHaveTheirOwnThreshold) {
  auto model = DistortionModel::FromText(
      "threshold 0.8\nlong_threshold 0.6 5\nbias 0\nw 0.7 alone\n", "m.txt");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_DOUBLE_EQ((*model)->ThresholdFor(4), 0.8);
  EXPECT_DOUBLE_EQ((*model)->ThresholdFor(5), 0.6);
  DistortionSignal short_text, long_text;  // p = 0.668 for both
  (*model)->Apply(Tokenize("I feel so alone."), {}, &short_text);
  (*model)->Apply(Tokenize("I feel so alone, every day."), {}, &long_text);
  EXPECT_NEAR(short_text.model_probability, long_text.model_probability, 1e-12);
  EXPECT_FALSE(short_text.present);
  EXPECT_TRUE(long_text.present);
  EXPECT_FALSE(DistortionModel::FromText("threshold 0.5\nlong_threshold 0.5\nbias 0\n", "m").ok());
  EXPECT_FALSE(
      DistortionModel::FromText("threshold 0.5\nlong_threshold 0.5 2.5\nbias 0\n", "m").ok());
}

TEST(DistortionModelTest, CuesDecideOnlyInShortTextsWhenTheFileSaysSo) {
  constexpr char kFile[] = "threshold 0.8\nlong_threshold 0.6 5\ncues_decide_under 5\nbias 0\n"
                           "w 0.7 alone\n";
  auto model = DistortionModel::FromText(kFile, "m.txt");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_TRUE((*model)->CuesDecide(4));
  EXPECT_FALSE((*model)->CuesDecide(5));
  DistortionSignal cue;  // what the cues alone said
  cue.present = true;
  cue.cues = {{Distortion::kOvergeneralization, {0, 1}, 0.6, "PDS-A"}};

  // Short text, model below its threshold: the cues' verdict stands.
  DistortionSignal short_text = cue;
  (*model)->Apply(Tokenize("Nothing works."), {}, &short_text);
  EXPECT_TRUE(short_text.present);
  // Long text, model below its threshold: the model decides, the cue evidence stays.
  DistortionSignal long_text = cue;
  (*model)->Apply(Tokenize("Nothing works for me at the moment."), {}, &long_text);
  EXPECT_FALSE(long_text.present);
  EXPECT_EQ(long_text.cues.size(), 1u);
  // Long text, model above its threshold: on.
  DistortionSignal long_alone;
  (*model)->Apply(Tokenize("I feel so alone, every day."), {}, &long_alone);
  EXPECT_TRUE(long_alone.present);

  // Without the line the cues decide everywhere (files written before it).
  auto old = DistortionModel::FromText("threshold 0.8\nbias 0\nw 0.7 alone\n", "m.txt");
  ASSERT_TRUE(old.ok());
  EXPECT_TRUE((*old)->CuesDecide(100000));
  DistortionSignal old_long = cue;
  (*old)->Apply(Tokenize("Nothing works for me at the moment."), {}, &old_long);
  EXPECT_TRUE(old_long.present);

  for (const char* bad : {"cues_decide_under -1\n", "cues_decide_under 2.5\n",
                          "cues_decide_under 5 6\n", "cues_decide_under 2000000000\n"}) {
    const Status st =
        DistortionModel::FromText(std::string("threshold 0.5\n") + bad + "bias 0\n", "m.txt")
            .status();
    EXPECT_NE(st.message().find("m.txt:2: expected 'cues_decide_under WORDS'"), std::string::npos)
        << bad << ": " << st.message();
  }
  // Not a number at all: the general message, still naming the line.
  const Status word =
      DistortionModel::FromText("threshold 0.5\ncues_decide_under x\nbias 0\n", "m.txt").status();
  EXPECT_NE(word.message().find("m.txt:2: expected KIND NUMBER"), std::string::npos)
      << word.message();

  // 0: the model decides in every text, short ones included.
  auto never = DistortionModel::FromText(
      "threshold 0.8\ncues_decide_under 0\nbias 0\nw 0.7 alone\n", "m.txt");
  ASSERT_TRUE(never.ok()) << never.status().ToString();
  DistortionSignal short_cue = cue;
  (*never)->Apply(Tokenize("Nothing works."), {}, &short_cue);
  EXPECT_FALSE(short_cue.present);
}

TEST(DistortionModelTest, ModelFileCarriesTheDecisionRule) {
  LogisticModel logistic;
  logistic.weights = {{"w alone", 0.7}};
  const std::string every = FormatModelFile(logistic, 0.8, {}, 0.6, 5);
  EXPECT_EQ(every.find("cues_decide_under"), std::string::npos);
  const std::string short_only = FormatModelFile(logistic, 0.8, {}, 0.6, 5, 5);
  auto model = DistortionModel::FromText(short_only, "m.txt");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_EQ((*model)->cues_decide_under(), 5u);

  TrainingOptions options;
  options.cues_decide_under = 5;
  TrainingExample cue_only_short{{}, true, true, false, 4};
  TrainingExample cue_only_long{{}, true, true, false, 5};
  TrainingExample typed_long{{}, true, true, true, 9};
  EXPECT_TRUE(options.AuthoredSays(cue_only_short));
  EXPECT_FALSE(options.AuthoredSays(cue_only_long));
  EXPECT_TRUE(options.AuthoredSays(typed_long));
  options.cues_decide_under = SIZE_MAX;
  EXPECT_TRUE(options.AuthoredSays(cue_only_long));
}

TEST(DistortionModelTest, TrainingIsDeterministicAndLearns) {
  std::vector<TrainingExample> examples;
  for (int i = 0; i < 40; ++i) {
    const bool label = i % 2 == 0;
    examples.push_back({{label ? "w worthless" : "w walk", "w i", i % 3 == 0 ? "w day" : "w the"},
                        label, false});
  }
  TrainingOptions options;
  options.iterations = 100;
  options.min_count = 1;
  options.max_share = 1.0;  // each word here is in half the texts or more
  const LogisticModel a = TrainLogistic(examples, options);
  const LogisticModel b = TrainLogistic(examples, options);
  EXPECT_EQ(FormatModelFile(a, 0.5, {}), FormatModelFile(b, 0.5, {}));
  EXPECT_GT(a.Probability({"w worthless", "w i"}), 0.8);
  EXPECT_LT(a.Probability({"w walk", "w i"}), 0.2);
  const CrossValidation cv = CrossValidate(examples, options);
  EXPECT_EQ(cv.out_of_fold.size(), examples.size());
  EXPECT_GT(cv.threshold, 0.0);
  EXPECT_LT(cv.threshold, 1.0);
}

// Every example is scored by a model that never saw it: a feature found only in outer fold
// 0 gets no weight in fold 0's model (no intercept, so its probability stays 0.5), while the
// other folds learn it.
TEST(DistortionModelTest, NestedCrossValidationScoresOutOfFold) {
  std::vector<TrainingExample> examples;
  std::vector<int> fold_of;
  for (int i = 0; i < 60; ++i) {
    const int fold = i % 3;
    const bool label = i % 2 == 0;
    std::vector<std::string> features = {label ? "w sad" : "w walk"};
    if (fold != 1) features.push_back("w secret");
    examples.push_back({features, label, false});
    fold_of.push_back(fold);
  }
  for (int i = 0; i < 6; ++i) {  // fold 0 only: "w only0", all positive
    examples.push_back({{"w only0"}, true, false});
    fold_of.push_back(0);
  }
  TrainingOptions options;
  options.min_count = 1;
  options.max_share = 1.0;
  options.iterations = 100;
  const NestedCrossValidation n = NestedCrossValidate(examples, fold_of, 3, options);
  ASSERT_EQ(n.probability.size(), examples.size());
  ASSERT_EQ(n.inner.size(), 3u);
  for (size_t i = 60; i < examples.size(); ++i) EXPECT_DOUBLE_EQ(n.probability[i], 0.5);
  EXPECT_GT(n.probability[0], 0.6);  // "w sad" learnt from the other folds
  EXPECT_LT(n.probability[1], 0.4);  // "w walk"
  for (size_t i = 0; i < examples.size(); ++i) {
    EXPECT_DOUBLE_EQ(n.threshold[i], n.inner[static_cast<size_t>(fold_of[i])].threshold);
  }
}

TEST(DistortionModelTest, RepositoryModelLoads) {
  auto model = DistortionModel::Load(DataRoot());
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_GT((*model)->weight_count(), 100u);
  EXPECT_LE((*model)->weight_count(), 5000u);
}

}  // namespace
}  // namespace interlude::text
