// Evaluation of the distortion detector: binary precision/recall/F1 (distortion vs none) on
// the public Babacan set (../shared/data/distortions_babacan), beside the target, the
// reference figure, the positive base rate and an always-yes baseline; and per-type
// figures on our own case file (data/text/cases/distortions.tsv).
//
// Thread-safety: pure functions over a const analyzer; the stream is the caller's.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "text/distortion_model.h"
#include "text/distortions.h"
#include "text/possible_distortion.h"

namespace interlude::text {

struct LabeledText {
  std::string text;
  std::string label;
};

// Parses CSV with a header row (RFC 4180 quoting: "" inside quoted fields, commas and line
// breaks inside quotes; a UTF-8 BOM is skipped) into (first column, second column) pairs.
// InvalidArgument for an unterminated quote or a row with fewer than two fields.
Result<std::vector<LabeledText>> ParseTwoColumnCsv(std::string_view csv);

struct BinaryScores {
  int tp = 0, fp = 0, fn = 0, tn = 0;
  double Precision() const;
  double Recall() const;
  double F1() const;
  double Specificity() const;
  double BaseRate() const;    // share of gold positives
  double AlwaysYesF1() const;  // F1 of flagging every text
};

// Prints the evaluation to `out`. Babacan rows are split deterministically: rows whose
// index is a multiple of 4 are the part looked at while authoring patterns ("dev"), the
// rest ("held-out") were not read. With `signal`, the figures are given for the typed
// findings alone, for the possible-distortion signal alone and for both combined (a text
// counts as a distortion when either fires), and the signal is also scored on its own case
// file (data/text/cases/possible_distortions.tsv) and on the plain sentences of
// distortions.tsv (false-positive rate). With `model` as well: the learned model's training
// procedure (src/text/distortion_training.h, default TrainingOptions) is run in a nested
// 5-fold cross-validation over every row (outer fold = row index % 5) and the model alone and
// typed, cues or model combined are scored out of fold (all rows, unread rows, dev rows);
// the same procedure trained on the dev quarter only is scored on the unread rows (the
// previous protocol); the shipped `model` gets its (training) figures and a false-flag count
// on calm GoEmotions comments it was not trained on; and the plain-sentence figures are those
// of the signal with `model` applied (what Analysis::distortion_signal.present says). Also
// reads ../shared/data/goemotions (the counterweight). NotFound if a file is missing.
Status EvaluateDistortions(const DistortionAnalyzer& analyzer, const std::string& shared_data_dir,
                           const std::string& data_root, std::ostream& out,
                           const PossibleDistortionDetector* signal = nullptr,
                           const DistortionModel* model = nullptr);

}  // namespace interlude::text
