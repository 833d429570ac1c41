// Evaluation of the emotion and theme analysers: GoEmotions Ekman test split (macro-F1 and
// per-class precision/recall/F1 beside the published references) and the development case
// files data/text/cases/emotions.tsv and themes.tsv. Used by `interlude eval`.
//
// Thread-safety: pure functions over immutable analysers; writes only to `out`.
#pragma once

#include <ostream>
#include <string>

#include "base/status.h"
#include "text/emotions.h"
#include "text/themes.h"

namespace interlude::text {

// GoEmotions protocol: each row's gold Ekman labels (multi-label, from labels.txt ids)
// against the analyser's single primary Ekman label (PrimaryEkman, `neutral` when no
// emotion reaches the threshold), counted with Confusion::AddMulti over the seven classes;
// macro-F1 is the mean over the seven. `split` is "test" (the reported figure) or "dev"
// (for tuning). Prints the figures and the case-file figures to `out`. NotFound when a
// file is missing; DataLoss when a row is malformed.
Status EvaluateEmotions(const EmotionAnalyzer& analyzer, const std::string& shared_data_dir,
                        const std::string& data_root, std::ostream& out,
                        const std::string& split = "test");

// Theme case file: per-theme precision/recall/F1 (multi-label) and exact-set accuracy.
Status EvaluateThemes(const ThemeAnalyzer& analyzer, const std::string& data_root,
                      std::ostream& out);

}  // namespace interlude::text
