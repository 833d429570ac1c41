// The learned distortion model: file errors, scoring with and without the shared
// vocabulary, agreement with DistortionFeatureNames, and a tiny deterministic training run.
#include "text/distortion_model.h"

#include <gtest/gtest.h>

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

TEST(DistortionModelTest, RepositoryModelLoads) {
  auto model = DistortionModel::Load(DataRoot());
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_GT((*model)->weight_count(), 100u);
  EXPECT_LE((*model)->weight_count(), 5000u);
}

}  // namespace
}  // namespace interlude::text
