// Risk evaluation over the development and held-out case files (see risk_eval.h).
#include "text/risk_eval.h"

#include <cstdio>
#include <map>
#include <vector>

#include "text/case_file.h"
#include "text/document.h"

namespace interlude::text {
namespace {

std::vector<std::string> Alternatives(const std::string& expected) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t bar = expected.find('|', start);
    out.push_back(expected.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return out;
}

std::string Kind(std::string note) {
  if (note.rfind("known-miss ", 0) == 0) note = note.substr(11);
  const size_t stop = note.find_first_of(": ");
  return note.substr(0, stop);
}

std::string Percent(int num, int den) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%d/%d = %.1f%%", num, den, den == 0 ? 0.0 : 100.0 * num / den);
  return buf;
}

struct Counts {
  int n = 0;
  int hit = 0;
};

Status EvaluateFile(const RiskAnalyzer& analyzer, const std::string& path, const std::string& title,
                    std::ostream& out) {
  ASSIGN_OR_RETURN(std::vector<Case> cases, LoadCaseFile(path));
  Counts recall, exact;
  std::map<std::string, Counts> false_flags, any_flags, by_category, by_kind;
  std::vector<std::string> misses;
  for (const Case& c : cases) {
    const RiskAssessment a = analyzer.Analyze(Tokenize(c.text));
    const RiskLevel gold = ExpectedLevel(c.expected);
    const bool match = RiskLabelMatches(c.expected, a);
    const std::string kind = Kind(c.note);
    ++exact.n;
    exact.hit += match ? 1 : 0;
    ++by_kind[kind].n;
    by_kind[kind].hit += match ? 1 : 0;
    const std::string first = Alternatives(c.expected)[0];
    const size_t colon = first.find(':');
    const std::string category = colon == std::string::npos ? "none" : first.substr(colon + 1);
    ++by_category[category].n;
    by_category[category].hit += match ? 1 : 0;
    if (gold >= RiskLevel::kModerate) {
      ++recall.n;
      const bool found = a.level >= RiskLevel::kModerate;
      recall.hit += found ? 1 : 0;
      if (!found) misses.push_back("  MISS  " + c.text + "  [" + c.expected + " -> " + RiskLabel(a) + "]");
    } else {
      ++false_flags[kind].n;
      const bool flagged = a.level >= RiskLevel::kModerate;
      false_flags[kind].hit += flagged ? 1 : 0;
      if (flagged) misses.push_back("  FLAG  " + c.text + "  [" + c.expected + " -> " + RiskLabel(a) + "]");
      if (c.expected == "none") {
        ++any_flags[kind].n;
        any_flags[kind].hit += a.level != RiskLevel::kNone ? 1 : 0;
      }
    }
  }
  out << "== risk: " << title << " (" << path << ", " << cases.size() << " cases)\n";
  const double r = recall.n == 0 ? 1.0 : static_cast<double>(recall.hit) / recall.n;
  out << "recall moderate+high: " << Percent(recall.hit, recall.n) << "  (target >= "
      << kRiskRecallTarget * 100 << "%) " << (r >= kRiskRecallTarget ? "PASS" : "FAIL") << "\n";
  int ff_num = 0, ff_den = 0;
  for (const char* k : {"idiom", "negated", "neutral"}) {
    ff_num += false_flags[k].hit;
    ff_den += false_flags[k].n;
  }
  const double ff = ff_den == 0 ? 0.0 : static_cast<double>(ff_num) / ff_den;
  out << "false flags (moderate+high) on idiom+negated+neutral: " << Percent(ff_num, ff_den)
      << "  (target <= " << kRiskFalseFlagTarget * 100 << "%) "
      << (ff <= kRiskFalseFlagTarget ? "PASS" : "FAIL") << "\n";
  out << "false flags (moderate+high) by kind:\n";
  for (const auto& [k, v] : false_flags) out << "  " << k << ": " << Percent(v.hit, v.n) << "\n";
  out << "any flag (low or above) on cases labelled none, by kind:\n";
  for (const auto& [k, v] : any_flags) out << "  " << k << ": " << Percent(v.hit, v.n) << "\n";
  out << "exact label (level and category) agreement: " << Percent(exact.hit, exact.n) << "\n";
  out << "  by kind:\n";
  for (const auto& [k, v] : by_kind) out << "    " << k << ": " << Percent(v.hit, v.n) << "\n";
  out << "  by expected category:\n";
  for (const auto& [k, v] : by_category) out << "    " << k << ": " << Percent(v.hit, v.n) << "\n";
  for (const std::string& m : misses) out << m << "\n";
  return OkStatus();
}

}  // namespace

std::string RiskLabel(const RiskAssessment& a) {
  if (a.level == RiskLevel::kNone) return "none";
  return std::string(RiskLevelName(a.level)) + ":" + std::string(RiskCategoryName(a.category));
}

bool RiskLabelMatches(const std::string& expected, const RiskAssessment& a) {
  const std::string got = RiskLabel(a);
  for (const std::string& alt : Alternatives(expected)) {
    if (alt == got) return true;
  }
  return false;
}

RiskLevel ExpectedLevel(const std::string& expected) {
  const std::string first = Alternatives(expected)[0];
  const std::string level = first.substr(0, first.find(':'));
  if (level == "high") return RiskLevel::kHigh;
  if (level == "moderate") return RiskLevel::kModerate;
  if (level == "low") return RiskLevel::kLow;
  return RiskLevel::kNone;
}

Status EvaluateRisk(const RiskAnalyzer& analyzer, const std::string& data_root, std::ostream& out) {
  RETURN_IF_ERROR(EvaluateFile(analyzer, data_root + "/text/cases/risk.tsv", "development set", out));
  return EvaluateFile(analyzer, data_root + "/text/cases/risk_heldout.tsv",
                      "held-out set (written before tuning)", out);
}

}  // namespace interlude::text
