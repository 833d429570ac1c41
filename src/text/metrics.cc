// Pearson r and F1 bookkeeping.
#include "text/metrics.h"

#include <cmath>
#include <set>

namespace interlude::text {

double PearsonR(const std::vector<double>& x, const std::vector<double>& y) {
  const size_t n = std::min(x.size(), y.size());
  if (n < 2) return 0;
  double mx = 0, my = 0;
  for (size_t i = 0; i < n; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < n; ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxx == 0 || syy == 0 ? 0 : sxy / std::sqrt(sxx * syy);
}

void Confusion::Add(const std::string& gold, const std::string& predicted) {
  ++total_;
  ++support_[gold];
  if (gold == predicted) {
    ++correct_;
    ++tp_[gold];
  } else {
    ++fn_[gold];
    ++fp_[predicted];
  }
}

void Confusion::AddMulti(const std::vector<std::string>& gold,
                         const std::vector<std::string>& predicted,
                         const std::vector<std::string>& classes) {
  const std::set<std::string> g(gold.begin(), gold.end());
  const std::set<std::string> p(predicted.begin(), predicted.end());
  ++total_;
  if (g == p) ++correct_;
  for (const std::string& c : classes) {
    const bool in_g = g.count(c) > 0;
    const bool in_p = p.count(c) > 0;
    if (in_g) ++support_[c];
    if (in_g && in_p) ++tp_[c];
    if (in_g && !in_p) ++fn_[c];
    if (!in_g && in_p) ++fp_[c];
  }
}

ClassScores Confusion::For(const std::string& label) const {
  const auto get = [](const std::map<std::string, int>& m, const std::string& k) {
    const auto it = m.find(k);
    return it == m.end() ? 0 : it->second;
  };
  ClassScores s;
  const double tp = get(tp_, label), fp = get(fp_, label), fn = get(fn_, label);
  s.precision = tp + fp == 0 ? 0 : tp / (tp + fp);
  s.recall = tp + fn == 0 ? 0 : tp / (tp + fn);
  s.f1 = s.precision + s.recall == 0 ? 0 : 2 * s.precision * s.recall / (s.precision + s.recall);
  s.support = get(support_, label);
  return s;
}

std::vector<std::string> Confusion::Labels() const {
  std::set<std::string> all;
  for (const auto* m : {&tp_, &fp_, &fn_, &support_}) {
    for (const auto& [k, v] : *m) all.insert(k);
  }
  return {all.begin(), all.end()};
}

double Confusion::MacroF1() const {
  double sum = 0;
  int n = 0;
  for (const std::string& l : Labels()) {
    if (For(l).support == 0) continue;  // classes only ever predicted do not count
    sum += For(l).f1;
    ++n;
  }
  return n == 0 ? 0 : sum / n;
}

double Confusion::WeightedF1() const {
  double sum = 0;
  int n = 0;
  for (const std::string& l : Labels()) {
    const ClassScores s = For(l);
    sum += s.f1 * s.support;
    n += s.support;
  }
  return n == 0 ? 0 : sum / n;
}

double Confusion::Accuracy() const { return total_ == 0 ? 0 : static_cast<double>(correct_) / total_; }

}  // namespace interlude::text
