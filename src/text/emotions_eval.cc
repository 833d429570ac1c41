// GoEmotions Ekman and case-file evaluation of the emotion and theme analysers.
#include "text/emotions_eval.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include "text/case_file.h"
#include "text/metrics.h"

namespace interlude::text {
namespace {

std::vector<std::string> SplitOn(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, sep)) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

std::string Fixed(double v, int digits = 3) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

void PrintTable(const Confusion& c, const std::vector<std::string>& classes,
                const std::string& indent, std::ostream& out) {
  out << indent << "class        P      R      F1     support\n";
  for (const std::string& label : classes) {
    const ClassScores s = c.For(label);
    std::string name = label;
    name.resize(std::max<size_t>(name.size(), 12), ' ');
    out << indent << name << " " << Fixed(s.precision) << "  " << Fixed(s.recall) << "  "
        << Fixed(s.f1) << "  " << s.support << "\n";
  }
}

// Expected labels of a case: "joy,hope", "none", or "-joy" (must be absent; not gold).
std::vector<std::string> Positives(const std::string& expected) {
  std::vector<std::string> out;
  for (const std::string& label : SplitOn(expected, ',')) {
    if (label != "none" && label[0] != '-') out.push_back(label);
  }
  return out;
}

Status EvaluateEmotionCases(const EmotionAnalyzer& analyzer, const std::string& data_root,
                            std::ostream& out) {
  ASSIGN_OR_RETURN(const std::vector<Case> cases,
                   LoadCaseFile(data_root + "/text/cases/emotions.tsv"));
  std::vector<std::string> classes;
  for (int i = 0; i < kEmotionCount; ++i) classes.emplace_back(EmotionName(static_cast<Emotion>(i)));
  Confusion c;
  int exact = 0;
  for (const Case& k : cases) {
    std::vector<std::string> predicted;
    for (const EmotionScore& s : analyzer.Analyze(Tokenize(k.text))) {
      predicted.emplace_back(EmotionName(s.emotion));
    }
    const std::vector<std::string> gold = Positives(k.expected);
    std::vector<std::string> g = gold, p = predicted;
    std::sort(g.begin(), g.end());
    std::sort(p.begin(), p.end());
    if (g == p) ++exact;
    c.AddMulti(gold, predicted, classes);
  }
  out << "emotion development set (data/text/cases/emotions.tsv, " << cases.size()
      << " sentences, multi-label over 12 emotions)\n";
  out << "  macro-F1 " << Fixed(c.MacroF1()) << ", exact set match "
      << Fixed(cases.empty() ? 0 : static_cast<double>(exact) / static_cast<double>(cases.size()))
      << "\n";
  PrintTable(c, classes, "  ", out);
  return OkStatus();
}

}  // namespace

Status EvaluateEmotions(const EmotionAnalyzer& analyzer, const std::string& shared_data_dir,
                        const std::string& data_root, std::ostream& out,
                        const std::string& split) {
  const std::string dir = shared_data_dir + "/goemotions/ekman/";
  std::ifstream labels_in(dir + "labels.txt");
  if (!labels_in) return NotFound("GoEmotions labels not found: " + dir + "labels.txt");
  std::vector<std::string> ids;
  for (std::string line; std::getline(labels_in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) ids.push_back(line);
  }
  std::ifstream in(dir + split + ".tsv");
  if (!in) return NotFound("GoEmotions split not found: " + dir + split + ".tsv");
  Confusion c;
  Confusion c6;  // the six emotions only (rows whose gold is neutral-only excluded)
  std::vector<std::string> six;
  for (const std::string& l : ids) {
    if (l != "neutral") six.push_back(l);
  }
  int rows = 0;
  int line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const size_t tab = line.find('\t');
    const size_t tab2 = tab == std::string::npos ? tab : line.find('\t', tab + 1);
    if (tab == std::string::npos) {
      return DataLoss(dir + split + ".tsv:" + std::to_string(line_number) + ": no label column");
    }
    const std::string text = line.substr(0, tab);
    const std::string label_field =
        line.substr(tab + 1, tab2 == std::string::npos ? std::string::npos : tab2 - tab - 1);
    std::vector<std::string> gold;
    for (const std::string& id : SplitOn(label_field, ',')) {
      const int k = std::atoi(id.c_str());
      if (k < 0 || static_cast<size_t>(k) >= ids.size()) {
        return DataLoss(dir + split + ".tsv:" + std::to_string(line_number) + ": bad label id");
      }
      gold.push_back(ids[static_cast<size_t>(k)]);
    }
    const Ekman primary = EmotionAnalyzer::PrimaryEkman(analyzer.Analyze(Tokenize(text)));
    const std::vector<std::string> predicted = {std::string(EkmanName(primary))};
    c.AddMulti(gold, predicted, ids);
    const bool neutral_only = gold.size() == 1 && gold[0] == "neutral";
    if (!neutral_only) c6.AddMulti(gold, predicted, six);
    ++rows;
  }
  out << "GoEmotions Ekman " << split << " (" << rows
      << " comments; gold multi-label, prediction = primary Ekman label)\n";
  out << "  macro-F1 over 7 classes: " << Fixed(c.MacroF1())
      << "   (reference: BERT reproduction 0.62; target >= 0.45)\n";
  out << "  macro-F1 over the 6 emotions, non-neutral rows: " << Fixed(c6.MacroF1()) << "\n";
  out << "  exact-set accuracy: " << Fixed(c.Accuracy()) << "\n";
  PrintTable(c, ids, "  ", out);
  return EvaluateEmotionCases(analyzer, data_root, out);
}

Status EvaluateThemes(const ThemeAnalyzer& analyzer, const std::string& data_root,
                      std::ostream& out) {
  ASSIGN_OR_RETURN(const std::vector<Case> cases,
                   LoadCaseFile(data_root + "/text/cases/themes.tsv"));
  const std::vector<std::string>& classes = analyzer.Themes();
  Confusion c;
  int exact = 0;
  for (const Case& k : cases) {
    std::vector<std::string> predicted;
    for (const ThemeScore& s : analyzer.Analyze(Tokenize(k.text))) predicted.push_back(s.theme);
    std::vector<std::string> gold = Positives(k.expected), p = predicted;
    c.AddMulti(gold, predicted, classes);
    std::sort(gold.begin(), gold.end());
    std::sort(p.begin(), p.end());
    if (gold == p) ++exact;
  }
  out << "theme development set (data/text/cases/themes.tsv, " << cases.size()
      << " sentences, multi-label over " << classes.size() << " themes)\n";
  out << "  macro-F1 " << Fixed(c.MacroF1()) << ", exact set match "
      << Fixed(cases.empty() ? 0 : static_cast<double>(exact) / static_cast<double>(cases.size()))
      << "\n";
  PrintTable(c, classes, "  ", out);
  return OkStatus();
}

}  // namespace interlude::text
