// Distortion evaluation: Babacan binary figures and per-type figures on the case file.
#include "text/distortions_eval.h"

#include <array>
#include <fstream>
#include <iomanip>
#include <set>
#include <sstream>

#include "text/case_file.h"
#include "text/distortion_training.h"

namespace interlude::text {
namespace {

constexpr std::array<std::string_view, 13> kTypeNames = {
    "all_or_nothing",  "overgeneralization", "mental_filter",       "discounting_positive",
    "mind_reading",    "fortune_telling",    "catastrophizing",     "magnification",
    "emotional_reasoning", "should_statements", "labeling",         "personalization",
    "blaming"};

double Ratio(int a, int b) { return b == 0 ? 0 : static_cast<double>(a) / b; }

void Count(BinaryScores& s, bool gold, bool pred) {
  if (gold && pred) ++s.tp;
  if (!gold && pred) ++s.fp;
  if (gold && !pred) ++s.fn;
  if (!gold && !pred) ++s.tn;
}

void PrintBinary(std::ostream& out, const std::string& name, const BinaryScores& s) {
  out << "  " << std::left << std::setw(22) << name << std::right << std::fixed
      << std::setprecision(3) << " n=" << std::setw(4) << (s.tp + s.fp + s.fn + s.tn)
      << "  P " << s.Precision() << "  R " << s.Recall() << "  F1 " << s.F1()
      << "  specificity " << s.Specificity() << "  | base rate " << s.BaseRate()
      << ", always-yes F1 " << s.AlwaysYesF1() << "\n";
}

}  // namespace

double BinaryScores::Precision() const { return Ratio(tp, tp + fp); }
double BinaryScores::Recall() const { return Ratio(tp, tp + fn); }
double BinaryScores::F1() const {
  const double p = Precision(), r = Recall();
  return p + r == 0 ? 0 : 2 * p * r / (p + r);
}
double BinaryScores::Specificity() const { return Ratio(tn, tn + fp); }
double BinaryScores::BaseRate() const { return Ratio(tp + fn, tp + fp + fn + tn); }
double BinaryScores::AlwaysYesF1() const {
  const double p = BaseRate();
  return p == 0 ? 0 : 2 * p / (p + 1);
}

Result<std::vector<LabeledText>> ParseTwoColumnCsv(std::string_view csv) {
  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, field_started = false;
  size_t i = 0;
  const auto end_row = [&] {
    row.push_back(std::move(field));
    field.clear();
    field_started = false;
    if (!(row.size() == 1 && row[0].empty())) rows.push_back(std::move(row));
    row.clear();
  };
  while (i < csv.size()) {
    const char c = csv[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < csv.size() && csv[i + 1] == '"') {
          field.push_back('"');
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field.push_back(c);
      }
      ++i;
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      field_started = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') ++i;
      end_row();
    } else {
      field.push_back(c);
      field_started = true;
    }
    ++i;
  }
  if (quoted) return InvalidArgument("unterminated quoted field");
  if (field_started || !row.empty()) end_row();
  std::vector<LabeledText> out;
  for (size_t r = 1; r < rows.size(); ++r) {  // row 0 is the header
    if (rows[r].size() < 2) {
      return InvalidArgument("row " + std::to_string(r + 1) + " has fewer than two fields");
    }
    out.push_back({rows[r][0], rows[r][1]});
  }
  return out;
}

namespace {

// The signal on its own case file and on the typed detector's plain sentences.
Status EvaluateSignalCases(const DistortionAnalyzer& analyzer,
                           const PossibleDistortionDetector& detector, const DistortionModel* model,
                           const std::vector<Case>& typed_cases, const std::string& data_root,
                           std::ostream& out) {
  // What Analysis::distortion_signal.present says (cues, then the model when given).
  const auto signal_present = [&](const std::string& text) {
    const Document doc = Tokenize(text);
    DistortionSignal s = detector.Analyze(doc);
    if (model != nullptr) model->Apply(doc, analyzer.Analyze(doc), &s);
    return s.present;
  };
  ASSIGN_OR_RETURN(std::vector<Case> cases,
                   LoadCaseFile(data_root + "/text/cases/possible_distortions.tsv"));
  BinaryScores own;
  for (const Case& c : cases) {
    Count(own, c.expected.rfind("possible", 0) == 0, signal_present(c.text));
  }
  BinaryScores typed;
  for (const Case& c : typed_cases) {
    Count(typed, c.expected != "none", signal_present(c.text));
  }
  const char* const who = model != nullptr ? "signal (cues or model)" : "signal";
  out << "possible-distortion " << (model != nullptr ? "signal with the model" : "signal")
      << " on its case file (data/text/cases/possible_distortions.tsv, "
      << cases.size() << " sentences, " << (own.fp + own.tn)
      << " plain; authored with the cues, so optimistic)\n";
  PrintBinary(out, who, own);
  out << "  false-positive rate on its plain sentences " << std::fixed << std::setprecision(3)
      << Ratio(own.fp, own.fp + own.tn) << " (" << own.fp << "/" << (own.fp + own.tn) << ")\n";
  out << "possible-distortion " << (model != nullptr ? "signal with the model" : "signal")
      << " on data/text/cases/distortions.tsv (" << typed_cases.size()
      << " sentences, " << (typed.fp + typed.tn) << " plain)\n";
  PrintBinary(out, who, typed);
  out << "  false-positive rate on its plain sentences " << std::fixed << std::setprecision(3)
      << Ratio(typed.fp, typed.fp + typed.tn) << " (" << typed.fp << "/" << (typed.fp + typed.tn)
      << ")\n";
  return OkStatus();
}

}  // namespace

namespace {

// The learned model's figures under the two protocols (docs/distortions.md, "learned
// model"): out of fold over every row (nested cross-validation of the shipping procedure)
// and, as before, trained on the dev quarter and scored on the unread rows; then the
// shipped file on every row (training figures).
Status EvaluateLearned(const DistortionAnalyzer& analyzer, const PossibleDistortionDetector& signal,
                       const std::string& shared_data_dir, const std::string& data_root,
                       const std::vector<TrainingExample>& examples, const DistortionModel& shipped,
                       const std::vector<bool>& shipped_says, std::ostream& out) {
  const TrainingOptions options;  // the shipping procedure's settings
  ASSIGN_OR_RETURN(const ExtraExamples extra,
                   LoadExtraExamples(analyzer, signal, shared_data_dir, data_root, options));
  constexpr int kOuterFolds = 5;
  std::vector<int> fold_of(examples.size());
  for (size_t i = 0; i < examples.size(); ++i) fold_of[i] = static_cast<int>(i % kOuterFolds);
  const NestedCrossValidation n =
      NestedCrossValidate(examples, fold_of, kOuterFolds, options, extra);
  // [0] model only, [1] the combined detector (options.DecisionName()).
  std::array<BinaryScores, 2> all{}, unread{}, dev{};
  for (size_t i = 0; i < examples.size(); ++i) {
    const bool gold = examples[i].label;
    const std::array<bool, 2> pred = {n.Model(i), n.Model(i) || options.AuthoredSays(examples[i])};
    for (size_t k = 0; k < pred.size(); ++k) {
      Count(all[k], gold, pred[k]);
      Count(i % 4 == 0 ? dev[k] : unread[k], gold, pred[k]);
    }
  }
  out << " learned model, out of fold: nested " << kOuterFolds
      << "-fold cross-validation over every row (outer fold = row index % " << kOuterFolds
      << "; each fold's model trained on the other folds by the shipping procedure, its "
         "threshold from an inner "
      << options.folds
      << "-fold cross-validation of those folds only); thresholds per fold "
         "(texts under / from "
      << options.long_text_words << " words):";
  for (const CrossValidation& cv : n.inner) out << " " << cv.threshold << "/" << cv.long_threshold;
  out << "\n";
  const std::array<std::string, 2> kinds = {"model only (out of fold)",
                                            options.DecisionName() + " (out of fold)"};
  for (size_t k = 0; k < kinds.size(); ++k) {
    out << " " << kinds[k] << "\n";
    PrintBinary(out, "unread (3/4)", unread[k]);
    PrintBinary(out, "dev (1/4, read)", dev[k]);
    PrintBinary(out, "all", all[k]);
  }

  // Before: the same procedure on the dev quarter only, scored on the unread rows.
  std::vector<TrainingExample> dev_rows;
  for (size_t i = 0; i < examples.size(); i += 4) dev_rows.push_back(examples[i]);
  const TrainedModel before = TrainShipping(dev_rows, options, extra);
  std::array<BinaryScores, 2> before_unread{};
  for (size_t i = 0; i < examples.size(); ++i) {
    if (i % 4 == 0) continue;
    const bool m = before.model.Probability(examples[i].features) >=
                   before.ThresholdFor(examples[i].words, options);
    Count(before_unread[0], examples[i].label, m);
    Count(before_unread[1], examples[i].label, m || options.AuthoredSays(examples[i]));
  }
  out << " previous protocol: the same procedure trained on the dev quarter only (rows with "
         "index % 4 == 0), thresholds "
      << before.threshold << "/" << before.long_threshold << ", scored on the unread rows\n";
  PrintBinary(out, "model only", before_unread[0]);
  PrintBinary(out, options.DecisionName(), before_unread[1]);

  BinaryScores shipped_all;
  for (size_t i = 0; i < examples.size(); ++i) {
    Count(shipped_all, examples[i].label,
          shipped_says[i] || (shipped.CuesDecide(examples[i].words) ? examples[i].authored
                                                                    : examples[i].typed));
  }
  out << " shipped model (data/text/distortion_model.txt: " << shipped.weight_count()
      << " weights, thresholds " << shipped.threshold() << "/" << shipped.long_threshold()
      << "; trained on every row, so these are training figures, not an estimate)\n";
  PrintBinary(out, "shipped detector", shipped_all);

  // Everyday comments the model was not trained on: how many the shipped detector flags.
  if (options.counterweight + options.calm > 0) {
    const size_t used = options.counterweight + options.calm;
    ASSIGN_OR_RETURN(const std::vector<std::string> calm,
                     LoadCounterweight(shared_data_dir, 1000, used));
    int typed_or_cues = 0, with_model = 0;
    for (const std::string& text : calm) {
      const Document doc = Tokenize(text);
      const std::vector<DistortionFinding> findings = analyzer.Analyze(doc);
      DistortionSignal s = signal.Analyze(doc);
      const bool authored = !findings.empty() || s.present;
      shipped.Apply(doc, findings, &s);
      typed_or_cues += authored ? 1 : 0;
      with_model += !findings.empty() || s.present ? 1 : 0;
    }
    out << " calm GoEmotions train-split comments not used in training (the " << calm.size()
        << " after the first " << used << "; no gold distortion labels, so "
        << "flags here are mostly false): typed or cues flag " << typed_or_cues
        << ", the shipped detector (typed or the signal with the model) " << with_model << "\n";
  }
  return OkStatus();
}

}  // namespace

Status EvaluateDistortions(const DistortionAnalyzer& analyzer, const std::string& shared_data_dir,
                           const std::string& data_root, std::ostream& out,
                           const PossibleDistortionDetector* signal, const DistortionModel* model) {
  ASSIGN_OR_RETURN(std::vector<LabeledText> rows, LoadBabacan(shared_data_dir));

  // [0] typed findings, [1] the cues, [2] either.
  std::array<BinaryScores, 3> all{}, dev{}, held{};
  std::vector<TrainingExample> examples;  // for the learned model's cross-validation
  std::vector<bool> shipped_says;         // the shipped model's verdict per row
  for (size_t i = 0; i < rows.size(); ++i) {
    const bool gold = rows[i].label == "Distortion";
    const Document doc = Tokenize(rows[i].text);
    const std::vector<DistortionFinding> findings = analyzer.Analyze(doc);
    const bool typed = !findings.empty();
    DistortionSignal cues;
    if (signal != nullptr) cues = signal->Analyze(doc);
    if (model != nullptr && signal != nullptr) {
      examples.push_back(MakeTrainingExample(doc, findings, cues, gold));
      const ModelPrediction p = model->Predict(doc, findings, cues);
      shipped_says.push_back(p.probability >= model->ThresholdFor(p.words));
    }
    const std::array<bool, 3> pred = {typed, cues.present, typed || cues.present};
    for (size_t k = 0; k < pred.size(); ++k) {
      Count(all[k], gold, pred[k]);
      Count((i % 4 == 0) ? dev[k] : held[k], gold, pred[k]);
    }
  }
  out << "distortions (Babacan, binary distortion vs none; target F1 >= 0.75; reference: "
         "embeddings + SVM F1 0.79 on a related 10-class set)\n";
  const std::array<std::string, 3> kinds = {"typed findings", "possible-distortion cues",
                                            "typed or cues"};
  const size_t shown = signal == nullptr ? 1 : 3;
  for (size_t k = 0; k < shown; ++k) {
    if (signal != nullptr) out << " " << kinds[k] << "\n";
    PrintBinary(out, "held-out (3/4, unread)", held[k]);
    PrintBinary(out, "dev (1/4, read)", dev[k]);
    PrintBinary(out, "all", all[k]);
  }
  if (model != nullptr && signal != nullptr) {
    RETURN_IF_ERROR(EvaluateLearned(analyzer, *signal, shared_data_dir, data_root, examples, *model,
                                    shipped_says, out));
  }

  ASSIGN_OR_RETURN(std::vector<Case> cases,
                   LoadCaseFile(data_root + "/text/cases/distortions.tsv"));
  std::array<BinaryScores, kTypeNames.size()> per_type{};
  BinaryScores any;
  int exact = 0;
  for (const Case& c : cases) {
    std::set<std::string> gold, pred;
    if (c.expected != "none") {
      std::stringstream labels(c.expected);
      std::string label;
      while (std::getline(labels, label, ',')) gold.insert(label);
    }
    for (const DistortionFinding& f : analyzer.Analyze(Tokenize(c.text))) {
      pred.insert(std::string(DistortionName(f.type)));
    }
    if (gold == pred) ++exact;
    for (size_t t = 0; t < kTypeNames.size(); ++t) {
      const std::string name(kTypeNames[t]);
      const bool g = gold.count(name) > 0, p = pred.count(name) > 0;
      BinaryScores& s = per_type[t];
      if (g && p) ++s.tp;
      if (!g && p) ++s.fp;
      if (g && !p) ++s.fn;
      if (!g && !p) ++s.tn;
    }
    const bool g = !gold.empty(), p = !pred.empty();
    if (g && p) ++any.tp;
    if (!g && p) ++any.fp;
    if (g && !p) ++any.fn;
    if (!g && !p) ++any.tn;
  }
  out << "distortions development set (data/text/cases/distortions.tsv, " << cases.size()
      << " sentences, exact type-set match " << exact << "/" << cases.size()
      << "; authored with the patterns, so an optimistic figure)\n";
  PrintBinary(out, "any distortion", any);
  for (size_t t = 0; t < kTypeNames.size(); ++t) {
    const BinaryScores& s = per_type[t];
    out << "  " << std::left << std::setw(22) << kTypeNames[t] << std::right << std::fixed
        << std::setprecision(3) << " support " << std::setw(3) << (s.tp + s.fn) << "  P "
        << s.Precision() << "  R " << s.Recall() << "  F1 " << s.F1() << "\n";
  }
  if (signal != nullptr) {
    RETURN_IF_ERROR(EvaluateSignalCases(analyzer, *signal, model, cases, data_root, out));
  }
  return OkStatus();
}

}  // namespace interlude::text
