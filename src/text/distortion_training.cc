// Logistic-regression training for the distortion model, cross-validation and the file.
#include "text/distortion_training.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iterator>
#include <sstream>
#include <unordered_map>

#include "text/case_file.h"
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

// A model's weights by name, built once for many texts (training and evaluation only).
class Scorer {
 public:
  explicit Scorer(const LogisticModel& m) : bias_(m.bias), w_(m.weights.begin(), m.weights.end()) {}
  double Probability(const std::vector<std::string>& features) const {
    double z = bias_;
    for (const std::string& f : features) {
      if (const auto it = w_.find(f); it != w_.end()) z += it->second;
    }
    return Sigmoid(z);
  }

 private:
  double bias_;
  std::unordered_map<std::string, double> w_;
};

// Fits the model to the examples pointed at (TrainLogistic's body; folds avoid copies).
LogisticModel Fit(const std::vector<const TrainingExample*>& examples,
                  const TrainingOptions& options);

}  // namespace

double LogisticModel::Probability(const std::vector<std::string>& features) const {
  return Scorer(*this).Probability(features);
}

TrainingExample MakeTrainingExample(const Document& doc,
                                    const std::vector<DistortionFinding>& findings,
                                    const DistortionSignal& cues, bool label) {
  size_t words = 0;
  for (const Token& t : doc.tokens) words += t.kind == TokenKind::kWord ? 1 : 0;
  return {DistortionFeatureNames(doc, findings, cues), label, !findings.empty() || cues.present,
          !findings.empty(), words};
}

bool TrainingOptions::AuthoredSays(const TrainingExample& e) const {
  return e.words < cues_decide_under ? e.authored : e.typed;
}

namespace {

LogisticModel Fit(const std::vector<const TrainingExample*>& examples,
                  const TrainingOptions& options) {
  // Feature ids in first-seen order (deterministic), kept when frequent enough.
  std::unordered_map<std::string, int> count;
  std::vector<const std::string*> order;
  for (const TrainingExample* e : examples) {
    for (const std::string& f : e->features) {
      if (options.kinds.find(f[0]) == std::string::npos) continue;
      if (count[f]++ == 0) order.push_back(&f);
    }
  }
  std::unordered_map<std::string, int> id;
  std::vector<std::string> names;
  for (const std::string* f : order) {
    const int c = count[*f];
    if (c >= options.min_count && c <= options.max_share * static_cast<double>(examples.size())) {
      id[*f] = static_cast<int>(names.size());
      names.push_back(*f);
    }
  }
  std::vector<std::vector<int>> x(examples.size());
  for (size_t i = 0; i < examples.size(); ++i) {
    for (const std::string& f : examples[i]->features) {
      if (const auto it = id.find(f); it != id.end()) x[i].push_back(it->second);
    }
  }
  const size_t d = names.size() + 1;  // the last one is the bias
  std::vector<double> w(d, 0), m(d, 0), v(d, 0), g(d, 0);
  const auto n = static_cast<double>(std::max<size_t>(examples.size(), 1));
  double positives = 0;
  for (const TrainingExample* e : examples) positives += e->label ? 1 : 0;
  // Per-class weights of the loss (1 each unless balanced).
  double weight_pos = 1, weight_neg = 1;
  if (options.balance && positives > 0 && positives < n) {
    weight_pos = n / (2 * positives);
    weight_neg = n / (2 * (n - positives));
  }
  const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
  for (int step = 1; step <= options.iterations; ++step) {
    std::fill(g.begin(), g.end(), 0.0);
    for (size_t i = 0; i < examples.size(); ++i) {
      double z = w[d - 1];
      for (const int j : x[i]) z += w[static_cast<size_t>(j)];
      const double r = (Sigmoid(z) - (examples[i]->label ? 1 : 0)) *
                       (examples[i]->label ? weight_pos : weight_neg) / n;
      for (const int j : x[i]) g[static_cast<size_t>(j)] += r;
      g[d - 1] += r;
    }
    for (size_t j = 0; j + 1 < d; ++j) g[j] += options.l2 * w[j];
    if (!options.fit_bias) g[d - 1] = 0;
    const double c1 = 1 - std::pow(b1, step), c2 = 1 - std::pow(b2, step);
    for (size_t j = 0; j < d; ++j) {
      m[j] = b1 * m[j] + (1 - b1) * g[j];
      v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j];
      w[j] -= options.learning_rate * (m[j] / c1) / (std::sqrt(v[j] / c2) + eps);
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

}  // namespace

LogisticModel TrainLogistic(const std::vector<TrainingExample>& examples,
                            const TrainingOptions& options,
                            const std::vector<TrainingExample>& always) {
  std::vector<const TrainingExample*> all;
  all.reserve(examples.size() + always.size());
  for (const TrainingExample& e : examples) all.push_back(&e);
  for (const TrainingExample& e : always) all.push_back(&e);
  return Fit(all, options);
}

CrossValidation CrossValidate(const std::vector<TrainingExample>& examples,
                              const TrainingOptions& options, const ExtraExamples& extra) {
  const std::vector<TrainingExample>& always = extra.counterweight;
  const std::vector<TrainingExample>& calm = extra.calm;
  CrossValidation cv;
  cv.out_of_fold.assign(examples.size(), 0);
  const auto folds = static_cast<size_t>(std::max(options.folds, 2));
  std::vector<double> calm_p;  // every fold model's probability of every calm text
  calm_p.reserve(folds * calm.size());
  std::vector<double> plain_p;  // the same for the plain case sentences
  plain_p.reserve(folds * extra.plain.size());
  for (size_t k = 0; k < folds; ++k) {
    std::vector<const TrainingExample*> train;
    for (size_t i = 0; i < examples.size(); ++i) {
      if (i % folds != k) train.push_back(&examples[i]);
    }
    for (const TrainingExample& e : always) train.push_back(&e);
    const Scorer model(Fit(train, options));
    for (size_t i = k; i < examples.size(); i += folds) {
      cv.out_of_fold[i] = model.Probability(examples[i].features);
    }
    for (const TrainingExample& e : calm) calm_p.push_back(model.Probability(e.features));
    for (const TrainingExample& e : extra.plain) plain_p.push_back(model.Probability(e.features));
  }
  // Everything the floors and F1 need, per threshold step and per length class (short
  // texts below options.long_text_words words, long texts from there): then every pair of
  // thresholds is a sum of two table rows.
  constexpr int kLow = 30, kHigh = 95, kSteps = kHigh - kLow + 1;
  struct Tally {
    BinaryScores model, combined;
    double calm = 0, plain = 0;  // calm texts flagged (share), plain texts flagged (per model)
  };
  std::array<std::array<Tally, kSteps>, 2> tally{};  // [long?][step]
  const auto is_long = [&](size_t words) {
    return options.long_text_words > 0 && words >= options.long_text_words ? 1 : 0;
  };
  const double calm_unit = calm_p.empty() ? 0 : 1.0 / static_cast<double>(calm_p.size());
  for (int t = 0; t < kSteps; ++t) {
    const double threshold = (kLow + t) / 100.0;
    for (size_t i = 0; i < examples.size(); ++i) {
      const bool p = cv.out_of_fold[i] >= threshold;
      Tally& y = tally[static_cast<size_t>(is_long(examples[i].words))][static_cast<size_t>(t)];
      Count(y.model, examples[i].label, p);
      Count(y.combined, examples[i].label, p || options.AuthoredSays(examples[i]));
    }
    for (size_t j = 0; j < calm_p.size(); ++j) {
      if (calm_p[j] >= threshold) {
        tally[static_cast<size_t>(is_long(calm[j % calm.size()].words))][static_cast<size_t>(t)]
            .calm += calm_unit;
      }
    }
    for (size_t j = 0; j < plain_p.size(); ++j) {
      if (plain_p[j] >= threshold) {
        const TrainingExample& e = extra.plain[j % extra.plain.size()];
        tally[static_cast<size_t>(is_long(e.words))][static_cast<size_t>(t)].plain +=
            1.0 / static_cast<double>(folds);
      }
    }
  }
  const auto add = [](const BinaryScores& x, const BinaryScores& y) {
    BinaryScores s;
    s.tp = x.tp + y.tp;
    s.fp = x.fp + y.fp;
    s.fn = x.fn + y.fn;
    s.tn = x.tn + y.tn;
    return s;
  };
  BinaryScores authored;
  for (size_t i = 0; i < examples.size(); ++i) {
    Count(authored, examples[i].label, examples[i].authored);
  }
  const double floor = (1 - options.max_added_flags) * authored.Specificity();
  std::ostringstream report;
  report << std::fixed << std::setprecision(3) << "  typed or cues alone: specificity "
         << authored.Specificity() << "; combined specificity floor " << floor
         << "; calm texts flagged by the model at most " << options.max_calm_flags << " of "
         << calm.size() << "; plain case sentences flagged per fold model at most "
         << options.max_plain_flags << " of " << extra.plain.size() << "\n";
  double best_f1 = -1;
  int best_short = kSteps - 1, best_long = kSteps - 1;
  const int long_steps = options.long_text_words > 0 ? kSteps : 1;
  for (int ts = 0; ts < kSteps; ++ts) {
    for (int tl = 0; tl < long_steps; ++tl) {
      const int tl_used = options.long_text_words > 0 ? tl : ts;
      const Tally& s = tally[0][static_cast<size_t>(ts)];
      const Tally& l = tally[1][static_cast<size_t>(tl_used)];
      const BinaryScores model = add(s.model, l.model), combined = add(s.combined, l.combined);
      const double calm_flags = s.calm + l.calm, plain_flags = s.plain + l.plain;
      if (tl_used == ts && (kLow + ts) % 5 == 0) {
        report << "  threshold " << (kLow + ts) / 100.0 << ": model P " << model.Precision()
               << " R " << model.Recall() << " F1 " << model.F1() << " spec " << model.Specificity()
               << " | combined P " << combined.Precision() << " R " << combined.Recall() << " F1 "
               << combined.F1() << " spec " << combined.Specificity() << " | calm " << calm_flags
               << " | plain " << plain_flags << "\n";
      }
      if (combined.Specificity() >= floor - 1e-12 && calm_flags <= options.max_calm_flags + 1e-12 &&
          plain_flags <= options.max_plain_flags + 1e-12 && combined.F1() > best_f1 + 1e-12) {
        best_f1 = combined.F1();
        best_short = ts;
        best_long = tl_used;
      }
    }
  }
  cv.threshold = (kLow + best_short) / 100.0;
  cv.long_threshold = (kLow + best_long) / 100.0;
  const Tally& s = tally[0][static_cast<size_t>(best_short)];
  const Tally& l = tally[1][static_cast<size_t>(best_long)];
  cv.model = add(s.model, l.model);
  cv.combined = add(s.combined, l.combined);
  cv.calm_flags = s.calm + l.calm;
  cv.plain_flags = s.plain + l.plain;
  cv.report = report.str();
  return cv;
}

TrainedModel TrainShipping(const std::vector<TrainingExample>& examples,
                           const TrainingOptions& options, const ExtraExamples& extra) {
  TrainedModel t;
  t.inner = CrossValidate(examples, options, extra);
  t.threshold = t.inner.threshold;
  t.long_threshold = t.inner.long_threshold;
  t.model = TrainLogistic(examples, options, extra.counterweight);
  return t;
}

NestedCrossValidation NestedCrossValidate(const std::vector<TrainingExample>& examples,
                                          const std::vector<int>& fold_of, int folds,
                                          const TrainingOptions& options,
                                          const ExtraExamples& extra) {
  NestedCrossValidation n;
  n.probability.assign(examples.size(), 0);
  n.threshold.assign(examples.size(), 1);
  for (int k = 0; k < folds; ++k) {
    std::vector<TrainingExample> train;
    std::vector<size_t> test;
    for (size_t i = 0; i < examples.size(); ++i) {
      if (fold_of[i] == k) {
        test.push_back(i);
      } else {
        train.push_back(examples[i]);
      }
    }
    TrainedModel fold = TrainShipping(train, options, extra);
    const Scorer scorer(fold.model);
    for (const size_t i : test) {
      n.probability[i] = scorer.Probability(examples[i].features);
      n.threshold[i] = fold.ThresholdFor(examples[i].words, options);
    }
    fold.inner.out_of_fold.clear();
    n.inner.push_back(std::move(fold.inner));
  }
  return n;
}

double TrainedModel::ThresholdFor(size_t words, const TrainingOptions& options) const {
  return options.long_text_words > 0 && words >= options.long_text_words ? long_threshold
                                                                         : threshold;
}

std::string FormatModelFile(const LogisticModel& model, double threshold,
                            const std::vector<std::string>& header, double long_threshold,
                            size_t long_text_words, size_t cues_decide_under) {
  std::ostringstream out;
  for (const std::string& line : header) out << (line.empty() ? "#" : "# " + line) << "\n";
  out << std::setprecision(6) << "threshold " << threshold << "\n";
  if (long_text_words > 0) {
    out << "long_threshold " << long_threshold << " " << long_text_words << "\n";
  }
  if (cues_decide_under != SIZE_MAX) out << "cues_decide_under " << cues_decide_under << "\n";
  out << std::fixed << std::setprecision(5) << "bias " << model.bias << "\n";
  for (const auto& [name, weight] : model.weights) {
    const size_t space = name.find(' ');
    out << name.substr(0, space) << " " << weight << " " << name.substr(space + 1) << "\n";
  }
  return out.str();
}

Result<std::vector<LabeledText>> LoadBabacan(const std::string& shared_data_dir) {
  const std::string csv_path =
      shared_data_dir + "/distortions_babacan/raw_Cognitive_distortions.csv";
  std::ifstream in(csv_path, std::ios::binary);
  if (!in) return NotFound("Babacan distortion set not found: " + csv_path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ParseTwoColumnCsv(buffer.str());
}

Result<std::vector<std::string>> LoadCounterweight(const std::string& shared_data_dir, size_t count,
                                                   size_t skip) {
  const std::string path = shared_data_dir + "/goemotions/original/train.tsv";
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("GoEmotions train split not found: " + path);
  // Label ids (goemotions/original/labels.txt order) that carry no negative emotion.
  constexpr int kCalm[] = {0, 1, 4, 5, 13, 15, 17, 18, 20, 21, 23, 27};
  std::vector<std::string> calm;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const size_t tab2 = line.find('\t', tab + 1);
    std::stringstream labels(line.substr(tab + 1, tab2 - tab - 1));
    std::string label;
    bool all_calm = true;
    while (std::getline(labels, label, ',')) {
      const int id = std::atoi(label.c_str());
      all_calm = all_calm && std::find(std::begin(kCalm), std::end(kCalm), id) != std::end(kCalm);
    }
    if (all_calm) calm.push_back(line.substr(0, tab));
  }
  std::vector<std::string> out;
  for (size_t j = skip; j < calm.size() && out.size() < count; ++j) out.push_back(calm[j]);
  return out;
}

Result<ExtraExamples> LoadExtraExamples(const DistortionAnalyzer& typed,
                                        const PossibleDistortionDetector& cues,
                                        const std::string& shared_data_dir,
                                        const std::string& data_root,
                                        const TrainingOptions& options) {
  ExtraExamples out;
  if (options.plain_floor) {
    for (const char* file :
         {"/text/cases/distortions.tsv", "/text/cases/possible_distortions.tsv"}) {
      ASSIGN_OR_RETURN(std::vector<Case> cases, LoadCaseFile(data_root + file));
      for (const Case& c : cases) {
        if (c.expected != "none") continue;
        const Document doc = Tokenize(c.text);
        out.plain.push_back(MakeTrainingExample(doc, typed.Analyze(doc), cues.Analyze(doc), false));
      }
    }
  }
  if (options.counterweight + options.calm == 0) return out;
  ASSIGN_OR_RETURN(std::vector<std::string> texts,
                   LoadCounterweight(shared_data_dir, options.counterweight + options.calm));
  for (size_t i = 0; i < texts.size(); ++i) {
    const Document doc = Tokenize(texts[i]);
    (i < options.counterweight ? out.counterweight : out.calm)
        .push_back(MakeTrainingExample(doc, typed.Analyze(doc), cues.Analyze(doc), false));
  }
  return out;
}

namespace {

std::string Figures(const BinaryScores& s) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(3) << "P " << s.Precision() << " R " << s.Recall()
      << " F1 " << s.F1() << " specificity " << s.Specificity();
  return out.str();
}

std::string Settings(const TrainingOptions& o) {
  std::ostringstream out;
  out << "Full-batch gradient descent (Adam steps), " << o.iterations
      << " iterations, learning rate " << o.learning_rate << ", L2 " << o.l2
      << (o.fit_bias ? ", with" : ", no") << " intercept"
      << (o.balance ? ", classes weighed equally" : "") << "; feature kinds '" << o.kinds
      << "' in >= " << o.min_count << " texts and in at most " << o.max_share * 100
      << "% of them; the " << o.max_weights << " largest |weights| kept";
  if (o.counterweight > 0) {
    out << "; " << o.counterweight
        << " calm GoEmotions train-split comments added to every training set as negatives";
  }
  if (o.calm > 0) {
    out << "; threshold floor: the model flags at most " << o.max_calm_flags * 100 << "% of "
        << o.calm << " further calm comments (never trained on)";
  }
  if (o.plain_floor) {
    out << "; threshold floor: each fold model flags at most " << o.max_plain_flags
        << " of the plain case sentences on average";
  }
  out << "; decision: " << o.DecisionName()
      << (o.cues_decide_under == SIZE_MAX
              ? ""
              : " (in texts of " + std::to_string(o.cues_decide_under) +
                    "+ words the cues enter only as the model's features)");
  return out.str();
}

}  // namespace

Status TrainDistortionModel(const DistortionAnalyzer& typed, const PossibleDistortionDetector& cues,
                            const std::string& shared_data_dir, const std::string& data_root,
                            const std::string& out_path, std::ostream& log,
                            const TrainingOptions& options, bool dev_cv) {
  ASSIGN_OR_RETURN(std::vector<LabeledText> rows, LoadBabacan(shared_data_dir));
  std::vector<TrainingExample> examples;
  const size_t step = dev_cv ? 4 : 1;  // dev_cv: the dev quarter only
  for (size_t i = 0; i < rows.size(); i += step) {
    const Document doc = Tokenize(rows[i].text);
    examples.push_back(MakeTrainingExample(doc, typed.Analyze(doc), cues.Analyze(doc),
                                           rows[i].label == "Distortion"));
  }
  ASSIGN_OR_RETURN(const ExtraExamples extra,
                   LoadExtraExamples(typed, cues, shared_data_dir, data_root, options));
  log << Settings(options) << "\n";
  if (dev_cv) {
    log << "design check: nested " << options.folds
        << "-fold cross-validation within the dev quarter (Babacan rows with index % 4 == 0, "
        << examples.size() << " texts; outer fold = dev position % " << options.folds << ")\n";
    std::vector<int> fold_of(examples.size());
    for (size_t i = 0; i < examples.size(); ++i) {
      fold_of[i] = static_cast<int>(i % static_cast<size_t>(options.folds));
    }
    const NestedCrossValidation n =
        NestedCrossValidate(examples, fold_of, options.folds, options, extra);
    BinaryScores model, combined;
    for (size_t i = 0; i < examples.size(); ++i) {
      Count(model, examples[i].label, n.Model(i));
      Count(combined, examples[i].label, n.Model(i) || options.AuthoredSays(examples[i]));
    }
    log << "  thresholds per fold (calm share flagged by its inner models):";
    for (const CrossValidation& cv : n.inner) {
      log << " " << cv.threshold << "/" << cv.long_threshold << " (calm " << cv.calm_flags
          << ", plain " << cv.plain_flags << ")";
    }
    log << "\n  model only             " << Figures(model) << "\n  " << options.DecisionName()
        << " " << Figures(combined) << "\n";
    return OkStatus();
  }
  log << "training texts (every Babacan row): " << examples.size() << "\n";
  const TrainedModel trained = TrainShipping(examples, options, extra);
  log << options.folds << "-fold cross-validation within the training texts (out of fold):\n"
      << trained.inner.report;
  log << "chosen threshold " << trained.threshold << " (texts of " << options.long_text_words
      << "+ words: " << trained.long_threshold << ")"
      << " (best F1 of " << options.DecisionName() << " whose specificity is at least "
      << 1 - options.max_added_flags << " x that of typed or cues, within the other floors)\n"
      << "  model    " << Figures(trained.inner.model) << "\n"
      << "  combined " << Figures(trained.inner.combined) << "\n";
  const std::vector<std::string> header = {
      "Learned distortion model (src/text/distortion_model.h, docs/distortions.md).",
      "Logistic regression: probability = 1 / (1 + exp(-(bias + sum of the weights of the",
      "features present))). Features, each counted once per text: 'w WORD' (lower-cased word",
      "unigram, Token::base), 'n WORD' (a word after a negation in its clause), 'b WORD WORD'",
      "(adjacent words of one sentence), 't TYPE' (a typed finding), 'c RULE' and 'l LEAN'",
      "(possible-distortion cues). Line format: KIND WEIGHT NAME...; 'threshold' is the",
      "decision threshold, 'long_threshold T N' the one for texts of N or more words,",
      "'bias' the intercept.",
      "",
      "Trained on every row of the Babacan set",
      "(../shared/data/distortions_babacan/raw_Cognitive_distortions.csv, " +
          std::to_string(examples.size()) + " texts).",
      "Its out-of-fold figures come from `interlude eval` (nested cross-validation of this",
      "same procedure), not from this file.",
      Settings(options) + ".",
      "Thresholds (one for texts under " + std::to_string(options.long_text_words) +
          " words, one for longer texts) chosen by " + std::to_string(options.folds) + "-fold",
      std::string("cross-validation within the training texts: the best F1 of ") +
          options.DecisionName(),
      "whose specificity on the Babacan negatives is at least " +
          [&] {
            std::ostringstream o;
            o << 100 - options.max_added_flags * 100;
            return o.str();
          }() +
          "% of that of typed findings or cues",
      "(and the floors above). 'cues_decide_under N': in texts of N or more words the cues",
      "do not turn the signal on by themselves (the model, which weighs them, decides).",
      "Regenerate: interlude train-distortions --data ../shared/data --out "
      "data/text/distortion_model.txt",
      "",
      "Licence: weights derived from the Babacan cognitive-distortion data set (MIT licence)",
      "and GoEmotions train-split comments (Apache-2.0); no text of either is stored here,",
      "only feature weights.",
  };
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  if (!out) return Internal("cannot write " + out_path);
  out << FormatModelFile(trained.model, trained.threshold, header, trained.long_threshold,
                         options.long_text_words, options.cues_decide_under);
  if (!out) return Internal("cannot write " + out_path);
  log << "wrote " << out_path << ": " << trained.model.weights.size() << " weights\n";
  return OkStatus();
}

}  // namespace interlude::text
