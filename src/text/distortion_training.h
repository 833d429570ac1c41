// Training of the learned distortion model (src/text/distortion_model.h): logistic
// regression over DistortionFeatureNames, fitted by full-batch gradient descent (Adam
// steps, fixed iteration count, L2 penalty, no randomness: the same data gives the same
// file) on the dev quarter of the Babacan set only (rows whose index % 4 == 0; the other
// rows are never tokenised). The decision threshold is chosen by k-fold cross-validation
// within the dev quarter: the out-of-fold probabilities of fold models decide, for the
// combined detector (authored typed findings or cues, or the model), the threshold with the
// best F1 among those that keep specificity >= min_specificity.
//
// Thread-safety: pure functions; the log stream is the caller's.
#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "text/distortions.h"
#include "text/possible_distortion.h"

namespace interlude::text {

struct TrainingOptions {
  int iterations = 300;          // full-batch Adam steps
  double learning_rate = 0.05;
  double l2 = 0.01;              // penalty l2/2 * |w|^2 on the mean loss (bias excluded)
  int min_count = 3;             // features seen in fewer training texts are dropped
  // Features in more than this share of the training texts are dropped too: function words
  // ("i", "and", "from") carry the set's style (short first-person lines vs long letters),
  // not distortion, and would flag every plain first-person sentence.
  double max_share = 0.2;
  size_t max_weights = 3000;     // the largest |weight| are kept (fold models too)
  int folds = 5;                 // cross-validation within the training texts
  double min_specificity = 0.8;  // of the combined detector, out of fold
  // No intercept (bias 0): the probability then rests on the words present, not on the
  // set's base rate and text length (see docs/distortions.md, "plain sentences").
  bool fit_bias = false;
};

struct TrainingExample {
  std::vector<std::string> features;  // DistortionFeatureNames
  bool label = false;                 // gold: a distortion
  bool authored = false;              // typed findings or the cues fired
};

struct LogisticModel {
  double bias = 0;
  std::vector<std::pair<std::string, double>> weights;  // by decreasing |weight|, then name
  double Probability(const std::vector<std::string>& features) const;
};

// Fits the model to `examples` (deterministic).
LogisticModel TrainLogistic(const std::vector<TrainingExample>& examples,
                            const TrainingOptions& options);

struct CrossValidation {
  std::vector<double> out_of_fold;  // per example
  double threshold = 0.5;
  std::string report;               // the threshold sweep, for the log
};

// Out-of-fold probabilities (fold = example index % folds) and the chosen threshold.
CrossValidation CrossValidate(const std::vector<TrainingExample>& examples,
                              const TrainingOptions& options);

// The model file: `header` lines (each prefixed "# "), threshold, bias, then the weights.
std::string FormatModelFile(const LogisticModel& model, double threshold,
                            const std::vector<std::string>& header);

// `interlude train-distortions`: reads the Babacan CSV under `shared_data_dir`, trains on
// the dev quarter, cross-validates, writes `out_path` and logs figures to `log`.
Status TrainDistortionModel(const DistortionAnalyzer& typed, const PossibleDistortionDetector& cues,
                            const std::string& shared_data_dir, const std::string& out_path,
                            std::ostream& log, const TrainingOptions& options = {});

}  // namespace interlude::text
