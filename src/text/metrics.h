// Evaluation arithmetic: Pearson r, and per-class / macro / weighted precision, recall and
// F1 from (gold, predicted) label pairs.
//
// Thread-safety: pure functions / values.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace interlude::text {

double PearsonR(const std::vector<double>& x, const std::vector<double>& y);

struct ClassScores {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  int support = 0;  // gold count
};

class Confusion {
 public:
  void Add(const std::string& gold, const std::string& predicted);
  // Multi-label: each label in gold/predicted counts as a binary decision per class.
  void AddMulti(const std::vector<std::string>& gold, const std::vector<std::string>& predicted,
                const std::vector<std::string>& classes);
  ClassScores For(const std::string& label) const;
  std::vector<std::string> Labels() const;  // every label seen, sorted
  double MacroF1() const;
  double WeightedF1() const;
  double Accuracy() const;

 private:
  std::map<std::string, int> tp_, fp_, fn_, support_;
  int total_ = 0;
  int correct_ = 0;
};

}  // namespace interlude::text
