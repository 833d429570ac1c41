// Moments, distributions and two-sample tests.
#include "care/mood_stats.h"

#include <array>
#include <cmath>
#include <limits>

namespace interlude::care {
namespace {

// Continued fraction for I_x(a, b) (modified Lentz), valid for x < (a + 1) / (a + b + 2).
double BetaContinuedFraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr double kEps = 1e-15;
  const double qab = a + b;
  const double qap = a + 1.0;
  const double qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 300; ++m) {
    const double dm = static_cast<double>(m);
    const double m2 = 2.0 * dm;
    double aa = dm * (b - dm) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + dm) * (qab + dm) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1.0) < kEps) break;
  }
  return h;
}

}  // namespace

double Moments::Variance() const {
  if (n < 2) return 0.0;
  const double dn = static_cast<double>(n);
  const double v = (sum_sq - sum * sum / dn) / (dn - 1.0);
  return v > 0.0 ? v : 0.0;  // rounding can make a constant sample slightly negative
}

double LogGamma(double x) {
  static constexpr std::array<double, 9> kCoef = {
      0.99999999999980993,  676.5203681218851,     -1259.1392167224028,
      771.32342877765313,   -176.61502916214059,   12.507343278686905,
      -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
  constexpr double kPi = 3.14159265358979323846;
  if (x < 0.5) {  // reflection
    return std::log(kPi / std::fabs(std::sin(kPi * x))) - LogGamma(1.0 - x);
  }
  x -= 1.0;
  double a = kCoef[0];
  const double t = x + 7.5;
  for (size_t i = 1; i < kCoef.size(); ++i) a += kCoef[i] / (x + static_cast<double>(i));
  return 0.5 * std::log(2.0 * kPi) + (x + 0.5) * std::log(t) - t + std::log(a);
}

double RegularizedIncompleteBeta(double a, double b, double x) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double log_front =
      LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  if (x < (a + 1.0) / (a + b + 2.0)) return front * BetaContinuedFraction(a, b, x) / a;
  return 1.0 - front * BetaContinuedFraction(b, a, 1.0 - x) / b;
}

double NormalTwoSidedP(double z) { return std::erfc(std::fabs(z) / std::sqrt(2.0)); }

double StudentTTwoSidedP(double t, double df) {
  if (!(df > 0.0) || std::isnan(t)) return std::numeric_limits<double>::quiet_NaN();
  if (std::isinf(t)) return 0.0;
  return RegularizedIncompleteBeta(df / 2.0, 0.5, df / (df + t * t));
}

std::optional<WelchResult> WelchTTest(const Moments& a, const Moments& b) {
  if (a.n < 2 || b.n < 2) return std::nullopt;
  const double va = a.Variance() / static_cast<double>(a.n);
  const double vb = b.Variance() / static_cast<double>(b.n);
  const double se2 = va + vb;
  if (!(se2 > 0.0)) return std::nullopt;
  WelchResult r;
  r.t = (a.Mean() - b.Mean()) / std::sqrt(se2);
  r.df =
      se2 * se2 / (va * va / static_cast<double>(a.n - 1) + vb * vb / static_cast<double>(b.n - 1));
  r.p_value = StudentTTwoSidedP(r.t, r.df);
  return r;
}

std::optional<double> HedgesG(const Moments& a, const Moments& b) {
  if (a.n < 2 || b.n < 2) return std::nullopt;
  const double na = static_cast<double>(a.n);
  const double nb = static_cast<double>(b.n);
  const double pooled = ((na - 1.0) * a.Variance() + (nb - 1.0) * b.Variance()) / (na + nb - 2.0);
  if (!(pooled > 0.0)) return std::nullopt;
  const double d = (a.Mean() - b.Mean()) / std::sqrt(pooled);
  return d * (1.0 - 3.0 / (4.0 * (na + nb) - 9.0));
}

}  // namespace interlude::care
