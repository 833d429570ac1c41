// Risk evaluation: runs the RiskAnalyzer over the risk case files (data/text/cases/risk.tsv,
// the development set, and risk_heldout.tsv, written before tuning) and prints recall of
// moderate+high risk, false-flag rates on idiom, negated, neutral, accident and fiction
// sentences, and per-category figures, beside the targets (recall >= 0.95, false flags
// <= 3%). Also the label grammar of the case files, shared with risk_test.
//
// Thread-safety: pure functions.
#pragma once

#include <ostream>
#include <string>

#include "base/status.h"
#include "text/analysis.h"
#include "text/risk.h"

namespace interlude::text {

inline constexpr double kRiskRecallTarget = 0.95;
inline constexpr double kRiskFalseFlagTarget = 0.03;

// "none", or "level:category" of the assessment's top finding ("high:plan").
std::string RiskLabel(const RiskAssessment& a);

// Whether `a` satisfies an expected label: alternatives separated by `|`, each `none` or
// `level:category`.
bool RiskLabelMatches(const std::string& expected, const RiskAssessment& a);

// The level of the first alternative of an expected label (kNone for "none" or garbage).
RiskLevel ExpectedLevel(const std::string& expected);

// Prints the figures for both case files. NotFound when a case file is missing;
// InvalidArgument when a case file is malformed.
Status EvaluateRisk(const RiskAnalyzer& analyzer, const std::string& data_root, std::ostream& out);

}  // namespace interlude::text
