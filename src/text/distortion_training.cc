// Logistic-regression training for the distortion model, cross-validation and the file.
#include "text/distortion_training.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <unordered_map>

#include "text/distortion_model.h"
#include "text/distortions_eval.h"

namespace interlude::text {
namespace {

double Sigmoid(double z) { return 1 / (1 + std::exp(-z)); }

void Count(BinaryScores& s, bool gold, bool pred) {
  if (gold && pred) ++s.tp;
  if (!gold && pred) ++s.fp;
  if (gold && !pred) ++s.fn;
  if (!gold && !pred) ++s.tn;
}

}  // namespace

double LogisticModel::Probability(const std::vector<std::string>& features) const {
  // Small models in tests and fold models: a map per call is fine here (not the engine).
  std::unordered_map<std::string, double> w(weights.begin(), weights.end());
  double z = bias;
  for (const std::string& f : features) {
    if (const auto it = w.find(f); it != w.end()) z += it->second;
  }
  return Sigmoid(z);
}

LogisticModel TrainLogistic(const std::vector<TrainingExample>& examples,
                            const TrainingOptions& options) {
  // Feature ids in first-seen order (deterministic), kept when frequent enough.
  std::unordered_map<std::string, int> count;
  std::vector<std::string> order;
  for (const TrainingExample& e : examples) {
    for (const std::string& f : e.features) {
      if (count[f]++ == 0) order.push_back(f);
    }
  }
  std::unordered_map<std::string, int> id;
  std::vector<std::string> names;
  for (const std::string& f : order) {
    if (count[f] >= options.min_count &&
        count[f] <= options.max_share * static_cast<double>(examples.size())) {
      id[f] = static_cast<int>(names.size());
      names.push_back(f);
    }
  }
  std::vector<std::vector<int>> x(examples.size());
  for (size_t i = 0; i < examples.size(); ++i) {
    for (const std::string& f : examples[i].features) {
      if (const auto it = id.find(f); it != id.end()) x[i].push_back(it->second);
    }
  }
  const size_t d = names.size() + 1;  // the last one is the bias
  std::vector<double> w(d, 0), m(d, 0), v(d, 0), g(d, 0);
  const auto n = static_cast<double>(std::max<size_t>(examples.size(), 1));
  const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
  for (int step = 1; step <= options.iterations; ++step) {
    std::fill(g.begin(), g.end(), 0.0);
    for (size_t i = 0; i < examples.size(); ++i) {
      double z = w[d - 1];
      for (const int j : x[i]) z += w[static_cast<size_t>(j)];
      const double r = (Sigmoid(z) - (examples[i].label ? 1 : 0)) / n;
      for (const int j : x[i]) g[static_cast<size_t>(j)] += r;
      g[d - 1] += r;
    }
    for (size_t j = 0; j + 1 < d; ++j) g[j] += options.l2 * w[j];
    if (!options.fit_bias) g[d - 1] = 0;
    for (size_t j = 0; j < d; ++j) {
      m[j] = b1 * m[j] + (1 - b1) * g[j];
      v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j];
      const double mh = m[j] / (1 - std::pow(b1, step));
      const double vh = v[j] / (1 - std::pow(b2, step));
      w[j] -= options.learning_rate * mh / (std::sqrt(vh) + eps);
    }
  }
  LogisticModel model;
  model.bias = w[d - 1];
  for (size_t j = 0; j + 1 < d; ++j) {
    if (std::abs(w[j]) >= 1e-4) model.weights.emplace_back(names[j], w[j]);
  }
  std::sort(model.weights.begin(), model.weights.end(), [](const auto& a, const auto& b) {
    const double fa = std::abs(a.second), fb = std::abs(b.second);
    return fa != fb ? fa > fb : a.first < b.first;
  });
  if (model.weights.size() > options.max_weights) model.weights.resize(options.max_weights);
  return model;
}

CrossValidation CrossValidate(const std::vector<TrainingExample>& examples,
                              const TrainingOptions& options) {
  CrossValidation cv;
  cv.out_of_fold.assign(examples.size(), 0);
  const auto folds = static_cast<size_t>(std::max(options.folds, 2));
  for (size_t k = 0; k < folds; ++k) {
    std::vector<TrainingExample> train;
    for (size_t i = 0; i < examples.size(); ++i) {
      if (i % folds != k) train.push_back(examples[i]);
    }
    const LogisticModel model = TrainLogistic(train, options);
    for (size_t i = k; i < examples.size(); i += folds) {
      cv.out_of_fold[i] = model.Probability(examples[i].features);
    }
  }
  std::ostringstream report;
  report << std::fixed << std::setprecision(3);
  double best_f1 = -1;
  cv.threshold = 0.95;
  for (int t = 30; t <= 95; ++t) {
    const double threshold = t / 100.0;
    BinaryScores model, combined;
    for (size_t i = 0; i < examples.size(); ++i) {
      const bool p = cv.out_of_fold[i] >= threshold;
      Count(model, examples[i].label, p);
      Count(combined, examples[i].label, p || examples[i].authored);
    }
    if (t % 5 == 0) {
      report << "  threshold " << threshold << ": model P " << model.Precision() << " R "
             << model.Recall() << " F1 " << model.F1() << " spec " << model.Specificity()
             << " | combined P " << combined.Precision() << " R " << combined.Recall()
             << " F1 " << combined.F1() << " spec " << combined.Specificity() << "\n";
    }
    if (combined.Specificity() >= options.min_specificity && combined.F1() > best_f1 + 1e-12) {
      best_f1 = combined.F1();
      cv.threshold = threshold;
    }
  }
  cv.report = report.str();
  return cv;
}

std::string FormatModelFile(const LogisticModel& model, double threshold,
                            const std::vector<std::string>& header) {
  std::ostringstream out;
  for (const std::string& line : header) out << (line.empty() ? "#" : "# " + line) << "\n";
  out << std::setprecision(6) << "threshold " << threshold << "\n";
  out << std::fixed << std::setprecision(5) << "bias " << model.bias << "\n";
  for (const auto& [name, weight] : model.weights) {
    const size_t space = name.find(' ');
    out << name.substr(0, space) << " " << weight << " " << name.substr(space + 1) << "\n";
  }
  return out.str();
}

Status TrainDistortionModel(const DistortionAnalyzer& typed, const PossibleDistortionDetector& cues,
                            const std::string& shared_data_dir, const std::string& out_path,
                            std::ostream& log, const TrainingOptions& options) {
  const std::string csv_path =
      shared_data_dir + "/distortions_babacan/raw_Cognitive_distortions.csv";
  std::ifstream in(csv_path, std::ios::binary);
  if (!in) return NotFound("Babacan distortion set not found: " + csv_path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  ASSIGN_OR_RETURN(std::vector<LabeledText> rows, ParseTwoColumnCsv(buffer.str()));
  std::vector<TrainingExample> examples;
  for (size_t i = 0; i < rows.size(); i += 4) {  // the dev quarter only
    const Document doc = Tokenize(rows[i].text);
    const std::vector<DistortionFinding> findings = typed.Analyze(doc);
    const DistortionSignal signal = cues.Analyze(doc);
    examples.push_back({DistortionFeatureNames(doc, findings, signal),
                        rows[i].label == "Distortion", !findings.empty() || signal.present});
  }
  log << "training texts (Babacan rows with index % 4 == 0): " << examples.size() << "\n";
  const CrossValidation cv = CrossValidate(examples, options);
  log << options.folds << "-fold cross-validation within the dev quarter (out of fold):\n"
      << cv.report;
  BinaryScores model, combined;
  for (size_t i = 0; i < examples.size(); ++i) {
    Count(model, examples[i].label, cv.out_of_fold[i] >= cv.threshold);
    Count(combined, examples[i].label, cv.out_of_fold[i] >= cv.threshold || examples[i].authored);
  }
  log << std::fixed << std::setprecision(3) << "chosen threshold " << cv.threshold
      << " (best combined F1 with specificity >= " << options.min_specificity << ")\n"
      << "  model    P " << model.Precision() << " R " << model.Recall() << " F1 " << model.F1()
      << " specificity " << model.Specificity() << "\n"
      << "  combined P " << combined.Precision() << " R " << combined.Recall() << " F1 "
      << combined.F1() << " specificity " << combined.Specificity() << "\n";
  const LogisticModel final_model = TrainLogistic(examples, options);
  std::ostringstream settings;
  settings << "Full-batch gradient descent (Adam steps), " << options.iterations
           << " iterations, learning rate " << options.learning_rate << ", L2 " << options.l2
           << (options.fit_bias ? ", with" : ", no") << " intercept; features in >= "
           << options.min_count << " texts and in at most " << options.max_share * 100
           << "% of them; the " << options.max_weights << " largest |weights| kept";
  std::ostringstream cv_line;
  cv_line << std::fixed << std::setprecision(3) << "dev cross-validation (" << options.folds
          << " folds, out of fold): model F1 " << model.F1() << ", authored-or-model P "
          << combined.Precision() << " R " << combined.Recall() << " F1 " << combined.F1()
          << " specificity " << combined.Specificity();
  const std::vector<std::string> header = {
      "Learned distortion model (src/text/distortion_model.h, docs/distortions.md).",
      "Logistic regression: probability = 1 / (1 + exp(-(bias + sum of the weights of the",
      "features present))). Features, each counted once per text: 'w WORD' (lower-cased word",
      "unigram, Token::base), 'b WORD WORD' (adjacent words of one sentence), 't TYPE' (a typed",
      "finding), 'c RULE' and 'l LEAN' (possible-distortion cues). Line format:",
      "KIND WEIGHT NAME...; 'threshold' is the decision threshold, 'bias' the intercept.",
      "",
      "Trained on the dev quarter of the Babacan set only (rows whose index % 4 == 0 of",
      "../shared/data/distortions_babacan/raw_Cognitive_distortions.csv, " +
          std::to_string(examples.size()) + " texts);",
      "the held-out rows were not used.", settings.str() + ".",
      "Threshold chosen by cross-validation within the dev quarter: " + cv_line.str() + ".",
      "Regenerate: interlude train-distortions --data ../shared/data --out data/text/distortion_model.txt",
      "",
      "Licence: weights derived from the Babacan cognitive-distortion data set (MIT licence);",
      "no sentence of the set is stored here, only feature weights.",
  };
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  if (!out) return Internal("cannot write " + out_path);
  out << FormatModelFile(final_model, cv.threshold, header);
  if (!out) return Internal("cannot write " + out_path);
  log << "wrote " << out_path << ": " << final_model.weights.size() << " weights\n";
  return OkStatus();
}

}  // namespace interlude::text
