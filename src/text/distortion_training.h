// Training of the learned distortion model (src/text/distortion_model.h): logistic
// regression over DistortionFeatureNames, fitted by full-batch gradient descent (Adam
// steps, fixed iteration count, L2 penalty, no randomness: the same data gives the same
// file), with optional extra negatives (calm GoEmotions comments, the counterweight). The
// two decision thresholds (short and long texts) are chosen by k-fold cross-validation
// inside the training texts: the out-of-fold probabilities of fold models decide, for the
// combined detector (typed findings, or cues in texts under cues_decide_under words, or the
// model), the pair with the best F1 among those that keep the floors (its specificity at
// least (1 - max_added_flags) x that of typed findings or cues; none of the repository's
// plain case sentences; at most max_calm_flags of calm comments). TrainShipping is that
// whole procedure; NestedCrossValidate runs it once per outer fold, so that every text is
// scored by a model (and thresholds) that never saw it. The shipped model is TrainShipping
// on every row of the Babacan set (docs/distortions.md, "learned model", has the protocol
// and its history).
//
// Thread-safety: pure functions; the log stream is the caller's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "text/distortions.h"
#include "text/distortions_eval.h"
#include "text/possible_distortion.h"

namespace interlude::text {

struct TrainingExample;

struct TrainingOptions {
  int iterations = 300;          // full-batch Adam steps
  double learning_rate = 0.05;
  double l2 = 0.03;              // penalty l2/2 * |w|^2 on the mean loss (bias excluded)
  int min_count = 3;             // features seen in fewer training texts are dropped
  // Features in more than this share of the training texts are dropped too: function words
  // ("i", "and", "from") carry the set's style (short first-person lines vs long letters),
  // not distortion, and would flag every plain first-person sentence.
  double max_share = 0.3;
  size_t max_weights = 3000;     // the largest |weight| are kept (fold models too)
  int folds = 5;                 // cross-validation within the training texts
  // Specificity floor, relative: out of fold, the combined detector's specificity must be at
  // least (1 - max_added_flags) x that of typed findings or cues (while cues decide in every
  // text, the same as "the model flags at most this share of the negatives the authored
  // detectors leave clean").
  double max_added_flags = 0.04;
  // No intercept (bias 0): the probability then rests on the words present, not on the
  // set's base rate and text length (see docs/distortions.md, "plain sentences").
  bool fit_bias = false;
  // Weigh the two classes equally in the loss (each example by 1 / (2 * its class share)),
  // so that the 73.5% base rate does not push every frequent word positive.
  bool balance = false;
  // Everyday texts without a distortion added to every training set as negatives (never
  // scored): GoEmotions train-split comments whose labels are all neutral or positive (see
  // LoadCounterweight). Babacan's negatives are all long letters, so without them the model
  // learns "short first-person text = distortion" and flags plain sentences.
  size_t counterweight = 1000;
  // A second floor for the threshold, on everyday text: the model (each inner fold model)
  // may flag at most max_calm_flags of `calm` GoEmotions comments (the slice after the
  // counterweight; never trained on). Stands in for plain sentences, which Babacan lacks.
  size_t calm = 1000;
  double max_calm_flags = 0.01;
  // A third floor, with plain_floor: on the plain rows ("none") of the repository's case
  // files data/text/cases/distortions.tsv and possible_distortions.tsv, the fold models may
  // flag at most max_plain_flags of them on average (so those files' tests check a
  // constraint the procedure itself imposes on the model; they still check the cues).
  bool plain_floor = true;
  double max_plain_flags = 0;
  // Texts of this many words or more get their own threshold (0: one threshold for all).
  // Sums of weights grow with length, and plain sentences are short: one threshold held
  // high for them would also silence the model on the long texts.
  size_t long_text_words = 20;
  // The feature kinds used (first letter of the name: w, b, n, t, c, l); others are ignored.
  // Bigrams (b) are off: they lost in the design cross-validation (docs/distortions.md).
  std::string kinds = "wntcl";
  // In texts of fewer words the combined detector is "typed or cues or model"; from this
  // many words it is "typed or model", the cues entering only as the model's features
  // (SIZE_MAX: the cues decide everywhere). The specificity floor stays relative to
  // typed-or-cues either way, so both spend the same false-flag budget.
  size_t cues_decide_under = 20;
  // The authored part of the combined detector for `e` under these options.
  bool AuthoredSays(const TrainingExample& e) const;
  // "typed or cues or model" or "typed or model".
  std::string DecisionName() const {
    if (cues_decide_under == SIZE_MAX) return "typed or cues or model";
    if (cues_decide_under == 0) return "typed or model";
    return "typed or cues or model (" + std::to_string(cues_decide_under) +
           "+ words: typed or model)";
  }
};

struct TrainingExample {
  std::vector<std::string> features;  // DistortionFeatureNames
  bool label = false;                 // gold: a distortion
  bool authored = false;              // typed findings or the cues fired
  bool typed = false;                 // typed findings alone
  size_t words = 0;                   // word tokens (picks the short or long threshold)
};

// The example of one text: its features as the engine computes them (`cues` before the
// model is applied) and whether the authored detectors fired.
TrainingExample MakeTrainingExample(const Document& doc,
                                    const std::vector<DistortionFinding>& findings,
                                    const DistortionSignal& cues, bool label);

struct LogisticModel {
  double bias = 0;
  std::vector<std::pair<std::string, double>> weights;  // by decreasing |weight|, then name
  double Probability(const std::vector<std::string>& features) const;
};

// Fits the model to `examples` and `always` (deterministic).
LogisticModel TrainLogistic(const std::vector<TrainingExample>& examples,
                            const TrainingOptions& options,
                            const std::vector<TrainingExample>& always = {});

// Texts beside the Babacan rows: `counterweight` joins every training set (never scored);
// `calm` and `plain` are scored by every fold model for the threshold floors (never trained
// on).
struct ExtraExamples {
  std::vector<TrainingExample> counterweight;
  std::vector<TrainingExample> calm;
  std::vector<TrainingExample> plain;
};

struct CrossValidation {
  std::vector<double> out_of_fold;  // per example
  double threshold = 0.5;           // texts shorter than options.long_text_words
  double long_threshold = 0.5;      // the others (== threshold when long_text_words is 0)
  BinaryScores model, combined;     // out of fold, at those thresholds
  double calm_flags = 0;            // share of `calm` the fold models flag at `threshold`
  double plain_flags = 0;           // plain texts flagged per fold model at `threshold`
  std::string report;               // the threshold sweep, for the log
};

// Out-of-fold probabilities (fold = example index % folds) and the chosen threshold.
// `extra` as described there.
CrossValidation CrossValidate(const std::vector<TrainingExample>& examples,
                              const TrainingOptions& options, const ExtraExamples& extra = {});

// The shipping procedure: the threshold from CrossValidate, the model fitted on all
// `examples`.
struct TrainedModel {
  LogisticModel model;
  double threshold = 0.5;
  double long_threshold = 0.5;
  CrossValidation inner;
  double ThresholdFor(size_t words, const TrainingOptions& options) const;
};
TrainedModel TrainShipping(const std::vector<TrainingExample>& examples,
                           const TrainingOptions& options, const ExtraExamples& extra = {});

// Outer cross-validation: for each fold k (fold of example i = fold_of[i], 0..folds-1),
// TrainShipping on the other folds (nested: its threshold comes from its own inner
// cross-validation), then the examples of fold k are scored. Per example: the probability
// and the threshold of the model that did not see it; per fold, the inner figures.
struct NestedCrossValidation {
  std::vector<double> probability;
  std::vector<double> threshold;       // of the example's fold model, for its length
  std::vector<CrossValidation> inner;  // per outer fold (out_of_fold cleared)
  bool Model(size_t i) const { return probability[i] >= threshold[i]; }
};
NestedCrossValidation NestedCrossValidate(const std::vector<TrainingExample>& examples,
                                          const std::vector<int>& fold_of, int folds,
                                          const TrainingOptions& options,
                                          const ExtraExamples& extra = {});

// The model file: `header` lines (each prefixed "# "), threshold, the long-text threshold
// when long_text_words > 0, 'cues_decide_under N' unless the cues decide in every text,
// bias, then the weights.
std::string FormatModelFile(const LogisticModel& model, double threshold,
                            const std::vector<std::string>& header, double long_threshold = 0.5,
                            size_t long_text_words = 0, size_t cues_decide_under = SIZE_MAX);

// The Babacan set (`shared_data_dir`/distortions_babacan/raw_Cognitive_distortions.csv).
Result<std::vector<LabeledText>> LoadBabacan(const std::string& shared_data_dir);

// `count` comments of `shared_data_dir`/goemotions/original/train.tsv (the train split only)
// whose labels are all neutral or positive (admiration, amusement, approval, caring,
// excitement, gratitude, joy, love, optimism, pride, relief, neutral), in file order after
// passing over the first `skip` of them (so skip = an earlier count gives a disjoint slice).
Result<std::vector<std::string>> LoadCounterweight(const std::string& shared_data_dir, size_t count,
                                                   size_t skip = 0);

// The counterweight examples (label false) for `options.counterweight` (none when 0), the
// calm examples for the threshold floor (`options.calm`, the slice after them) and, with
// options.plain_floor, the plain rows of the repository's case files under `data_root`.
Result<ExtraExamples> LoadExtraExamples(const DistortionAnalyzer& typed,
                                        const PossibleDistortionDetector& cues,
                                        const std::string& shared_data_dir,
                                        const std::string& data_root,
                                        const TrainingOptions& options);

// `interlude train-distortions`: reads the Babacan CSV under `shared_data_dir`, runs
// TrainShipping on every row, writes `out_path` and logs the inner cross-validation to `log`.
// With `dev_cv`, writes nothing and instead runs NestedCrossValidate within the dev quarter
// only (rows whose index % 4 == 0, fold = dev position % 5): the figure that model design
// choices were made on (the other rows are never tokenised then).
Status TrainDistortionModel(const DistortionAnalyzer& typed, const PossibleDistortionDetector& cues,
                            const std::string& shared_data_dir, const std::string& data_root,
                            const std::string& out_path, std::ostream& log,
                            const TrainingOptions& options = {}, bool dev_cv = false);

}  // namespace interlude::text
