// Trend of a daily series: the Theil–Sen slope (median of all pairwise slopes) and the
// Mann–Kendall test (S, its variance with the tie correction, z with the continuity
// correction, two-sided p from the normal approximation).
//
// Both run in O(n log n) so that three years of daily means (n ≈ 1,100, about 600,000
// pairs) cost well under a millisecond: Mann–Kendall counts with a Fenwick tree over ranks;
// Theil–Sen finds the median slope by randomised interval narrowing (counting the pairs
// below a candidate slope is an inversion count) and then selects among the few pairs left
// in the interval. Small series (and any inconsistency from rounding) use the plain O(n²)
// definition, which the tests also check the fast path against.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <span>

namespace interlude::care {

struct MannKendallResult {
  std::int64_t s = 0;   // Σ_{i<j} sign(y_j − y_i)
  double variance = 0;  // [n(n−1)(2n+5) − Σ_t t(t−1)(2t+5)] / 18, t over groups of ties
  double z = 0;         // (S − 1)/√var if S > 0, 0 if S = 0, (S + 1)/√var if S < 0
  double p_value = 1;   // two-sided, normal approximation
};

// `y` in time order. With fewer than 2 values S = 0 and p = 1.
MannKendallResult MannKendall(std::span<const double> y);

// Median of (y_j − y_i)/(x_j − x_i) over all i < j (the mean of the two middle slopes when
// the number of pairs is even). `x` must be strictly increasing and the same length as `y`
// with at least 2 values; returns 0 otherwise.
double TheilSenSlope(std::span<const double> x, std::span<const double> y);

// How TheilSenSlope found its answer (for tests and benchmarks).
enum class TheilSenPath { kDefinition, kNarrowed, kFellBack };
double TheilSenSlope(std::span<const double> x, std::span<const double> y, TheilSenPath* path);

// The O(n²) definition, for small series and for tests.
double TheilSenSlopeBruteForce(std::span<const double> x, std::span<const double> y);

}  // namespace interlude::care
