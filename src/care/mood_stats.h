// Small statistics for mood analytics: running moments, two-sided p-values from the normal
// and Student t distributions, Welch's t-test and Hedges' g. No external library: the
// incomplete beta function is a Lentz continued fraction with our own log-gamma (std::lgamma
// writes the global `signgam` on glibc and is therefore not thread-safe).
//
// Thread-safety: pure functions and plain values.
#pragma once

#include <cstdint>
#include <optional>

namespace interlude::care {

// Count, sum and sum of squares of a sample; enough for its mean and variance.
struct Moments {
  std::int64_t n = 0;
  double sum = 0;
  double sum_sq = 0;

  void Add(double x) {
    ++n;
    sum += x;
    sum_sq += x * x;
  }
  double Mean() const { return n > 0 ? sum / static_cast<double>(n) : 0.0; }
  // Sample variance (n - 1 denominator); 0 when n < 2.
  double Variance() const;
  Moments operator-(const Moments& other) const {
    return {n - other.n, sum - other.sum, sum_sq - other.sum_sq};
  }
};

// P(|Z| >= |z|) for a standard normal Z.
double NormalTwoSidedP(double z);

// P(|T| >= |t|) for Student's t with `df` > 0 degrees of freedom (df may be fractional).
double StudentTTwoSidedP(double t, double df);

// The regularised incomplete beta function I_x(a, b), for a, b > 0 and 0 <= x <= 1.
double RegularizedIncompleteBeta(double a, double b, double x);

// ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error below 1e-13).
double LogGamma(double x);

struct WelchResult {
  double t = 0;
  double df = 0;
  double p_value = 1;
};
// Welch's unequal-variances t-test of mean(a) - mean(b). nullopt when either sample has
// fewer than 2 values or both variances are 0 (the test is not defined).
std::optional<WelchResult> WelchTTest(const Moments& a, const Moments& b);

// Hedges' g: (mean(a) - mean(b)) / pooled SD, times the small-sample correction
// J = 1 - 3 / (4 (n_a + n_b) - 9) (Hedges & Olkin 1985). nullopt when the pooled SD is 0 or
// either sample has fewer than 2 values.
std::optional<double> HedgesG(const Moments& a, const Moments& b);

}  // namespace interlude::care
