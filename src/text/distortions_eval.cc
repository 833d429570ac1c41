// Distortion evaluation: Babacan binary figures and per-type figures on the case file.
#include "text/distortions_eval.h"

#include <array>
#include <fstream>
#include <iomanip>
#include <set>
#include <sstream>

#include "text/case_file.h"

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

Status EvaluateDistortions(const DistortionAnalyzer& analyzer, const std::string& shared_data_dir,
                           const std::string& data_root, std::ostream& out,
                           const PossibleDistortionDetector* signal, const DistortionModel* model) {
  const std::string csv_path = shared_data_dir + "/distortions_babacan/raw_Cognitive_distortions.csv";
  std::ifstream in(csv_path, std::ios::binary);
  if (!in) return NotFound("Babacan distortion set not found: " + csv_path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  ASSIGN_OR_RETURN(std::vector<LabeledText> rows, ParseTwoColumnCsv(buffer.str()));

  // [0] typed findings, [1] the cues, [2] either, [3] the model, [4] any of the three.
  std::array<BinaryScores, 5> all{}, dev{}, held{};
  for (size_t i = 0; i < rows.size(); ++i) {
    const bool gold = rows[i].label == "Distortion";
    const Document doc = Tokenize(rows[i].text);
    const std::vector<DistortionFinding> findings = analyzer.Analyze(doc);
    const bool typed = !findings.empty();
    DistortionSignal cues;
    if (signal != nullptr) cues = signal->Analyze(doc);
    const bool learned = model != nullptr && signal != nullptr &&
                         model->Predict(doc, findings, cues).probability >= model->threshold();
    const std::array<bool, 5> pred = {typed, cues.present, typed || cues.present, learned,
                                      typed || cues.present || learned};
    for (size_t k = 0; k < pred.size(); ++k) {
      Count(all[k], gold, pred[k]);
      Count((i % 4 == 0) ? dev[k] : held[k], gold, pred[k]);
    }
  }
  out << "distortions (Babacan, binary distortion vs none; target F1 >= 0.75; reference: "
         "embeddings + SVM F1 0.79 on a related 10-class set)\n";
  const std::array<std::string, 5> kinds = {"typed findings", "possible-distortion cues",
                                            "typed or cues", "learned model (trained on dev)",
                                            "typed or cues or model"};
  const size_t shown = signal == nullptr ? 1 : model == nullptr ? 3 : 5;
  if (model != nullptr) {
    out << " (model: " << model->weight_count() << " weights, threshold " << model->threshold()
        << "; it was trained on the dev rows, so its dev figures are training figures)\n";
  }
  for (size_t k = 0; k < shown; ++k) {
    if (signal != nullptr) out << " " << kinds[k] << "\n";
    PrintBinary(out, "held-out (3/4, unread)", held[k]);
    PrintBinary(out, "dev (1/4, read)", dev[k]);
    PrintBinary(out, "all", all[k]);
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
