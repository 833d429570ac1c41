// Theil–Sen and Mann–Kendall in O(n log n).
#include "care/mood_trend.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include "care/mood_stats.h"

namespace interlude::care {
namespace {

constexpr size_t kBruteForceMaxN = 64;

// Median of `v` (reorders it); v must not be empty.
double MedianInPlace(std::vector<double>& v, size_t lower_rank, size_t upper_rank) {
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(lower_rank), v.end());
  const double lo = v[lower_rank];
  if (upper_rank == lower_rank) return lo;
  // The upper middle is the smallest value above the lower rank.
  const double hi =
      *std::min_element(v.begin() + static_cast<std::ptrdiff_t>(lower_rank) + 1, v.end());
  return (lo + hi) / 2.0;
}

// Inversions of `w` (pairs i < j): `strict` counts w[i] > w[j], `loose` counts w[i] >= w[j].
// Sorts `w` ascending on the way (bottom-up merge sort with a branch-free merge step; the
// pairs of equal values, loose − strict, are counted from the sorted result).
struct Inversions {
  std::int64_t strict = 0;
  std::int64_t loose = 0;
};
Inversions CountInversions(std::vector<double>& w, std::vector<double>& tmp) {
  const size_t n = w.size();
  tmp.resize(n);
  std::int64_t strict = 0;
  std::vector<double>* src = &w;
  std::vector<double>* dst = &tmp;
  for (size_t width = 1; width < n; width *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * width) {
      const size_t mid = std::min(lo + width, n);
      const size_t hi = std::min(lo + 2 * width, n);
      const double* s = src->data();
      double* d = dst->data();
      size_t i = lo;
      size_t j = mid;
      size_t k = lo;
      while (i < mid && j < hi) {
        const double l = s[i];
        const double r = s[j];
        const bool right = r < l;  // every left element from i on is > r
        d[k++] = right ? r : l;
        strict += right ? static_cast<std::int64_t>(mid - i) : 0;
        i += right ? 0 : 1;
        j += right ? 1 : 0;
      }
      while (i < mid) d[k++] = s[i++];
      while (j < hi) d[k++] = s[j++];
    }
    std::swap(src, dst);
  }
  if (src != &w) w.swap(tmp);
  std::int64_t ties = 0;
  for (size_t i = 0, run = 1; i + 1 <= n; ++i) {
    if (i + 1 < n && w[i + 1] == w[i]) {
      ++run;
    } else {
      ties += static_cast<std::int64_t>(run * (run - 1) / 2);
      run = 1;
    }
  }
  return {strict, strict + ties};
}

// A small deterministic generator (splitmix64): the result does not depend on it, only the
// time taken does.
struct SplitMix {
  std::uint64_t state;
  std::uint64_t Next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform enough in [0, n) for n < 2^32 (multiply-shift, no division).
  size_t Below(size_t n) { return static_cast<size_t>(((Next() >> 32) * n) >> 32); }
};

class SlopeSelector {
 public:
  SlopeSelector(std::span<const double> x, std::span<const double> y) : x_(x), y_(y) {}

  // Pairs with slope < t and with slope <= t, judged as y_j − t·x_j against y_i − t·x_i.
  struct Counts {
    std::int64_t below = 0;
    std::int64_t at_most = 0;
  };
  Counts Count(double t) {
    w_.resize(x_.size());
    for (size_t i = 0; i < x_.size(); ++i) w_[i] = y_[i] - t * x_[i];
    const Inversions inv = CountInversions(w_, tmp_);
    return {inv.strict, inv.loose};
  }

  // Appends the slopes of pairs with lo < slope < hi (judged as in Count) to `out`.
  void ListBetween(double lo, double hi, std::vector<double>& out) {
    const size_t n = x_.size();
    u_.resize(n);
    v_.resize(n);
    for (size_t i = 0; i < n; ++i) {
      u_[i] = y_[i] - lo * x_[i];
      v_[i] = y_[i] - hi * x_[i];
    }
    // In order of u, the pairs are those a before b with v_a > v_b (and u_a < u_b, x_a < x_b,
    // checked again so that rounding cannot add a pair).
    order_.resize(n);
    for (size_t i = 0; i < n; ++i) order_[i] = static_cast<std::uint32_t>(i);
    std::sort(order_.begin(), order_.end(), [this](std::uint32_t a, std::uint32_t b) {
      return u_[a] < u_[b] || (u_[a] == u_[b] && v_[a] < v_[b]);
    });
    scratch_.resize(n);
    std::vector<std::uint32_t>* src = &order_;
    std::vector<std::uint32_t>* dst = &scratch_;
    for (size_t width = 1; width < n; width *= 2) {
      for (size_t lo_i = 0; lo_i < n; lo_i += 2 * width) {
        const size_t mid = std::min(lo_i + width, n);
        const size_t hi_i = std::min(lo_i + 2 * width, n);
        const std::uint32_t* s = src->data();
        std::uint32_t* d = dst->data();
        size_t i = lo_i;
        size_t k = lo_i;
        for (size_t j = mid; j < hi_i; ++j) {
          const std::uint32_t b = s[j];
          while (i < mid && v_[s[i]] <= v_[b]) d[k++] = s[i++];
          for (size_t t = i; t < mid; ++t) {
            const std::uint32_t a = s[t];
            if (x_[a] < x_[b] && u_[a] < u_[b]) out.push_back((y_[b] - y_[a]) / (x_[b] - x_[a]));
          }
          d[k++] = b;
        }
        while (i < mid) d[k++] = s[i++];
      }
      std::swap(src, dst);
    }
  }

 private:
  std::span<const double> x_;
  std::span<const double> y_;
  std::vector<double> w_, tmp_, u_, v_;
  std::vector<std::uint32_t> order_, scratch_;
};

}  // namespace

MannKendallResult MannKendall(std::span<const double> y) {
  MannKendallResult r;
  const size_t n = y.size();
  if (n < 2) return r;
  std::vector<double> sorted(y.begin(), y.end());
  std::sort(sorted.begin(), sorted.end());
  // Tie groups.
  double tie_term = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && sorted[j] == sorted[i]) ++j;
    const double t = static_cast<double>(j - i);
    tie_term += t * (t - 1.0) * (2.0 * t + 5.0);
    i = j;
  }
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  // Fenwick tree over the ranks of the values seen so far.
  std::vector<std::int64_t> tree(sorted.size() + 1, 0);
  const auto prefix = [&tree](size_t i) {  // values with rank < i
    std::int64_t s = 0;
    for (; i > 0; i -= i & (~i + 1)) s += tree[i];
    return s;
  };
  std::int64_t s = 0;
  for (size_t j = 0; j < n; ++j) {
    const size_t rank =
        static_cast<size_t>(std::lower_bound(sorted.begin(), sorted.end(), y[j]) - sorted.begin());
    const std::int64_t below = prefix(rank);
    const std::int64_t not_above = prefix(rank + 1);
    const std::int64_t above = static_cast<std::int64_t>(j) - not_above;
    s += below - above;
    for (size_t i = rank + 1; i < tree.size(); i += i & (~i + 1)) ++tree[i];
  }
  const double dn = static_cast<double>(n);
  r.s = s;
  r.variance = (dn * (dn - 1.0) * (2.0 * dn + 5.0) - tie_term) / 18.0;
  if (r.variance > 0.0 && s != 0) {
    r.z = (static_cast<double>(s) - (s > 0 ? 1.0 : -1.0)) / std::sqrt(r.variance);
  }
  r.p_value = r.variance > 0.0 ? NormalTwoSidedP(r.z) : 1.0;
  return r;
}

double TheilSenSlopeBruteForce(std::span<const double> x, std::span<const double> y) {
  const size_t n = x.size();
  if (n < 2 || y.size() != n) return 0.0;
  std::vector<double> slopes;
  slopes.reserve(n * (n - 1) / 2);
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) slopes.push_back((y[j] - y[i]) / (x[j] - x[i]));
  }
  const size_t m = slopes.size();
  return MedianInPlace(slopes, (m - 1) / 2, m / 2);
}

double TheilSenSlope(std::span<const double> x, std::span<const double> y) {
  return TheilSenSlope(x, y, nullptr);
}

double TheilSenSlope(std::span<const double> x, std::span<const double> y, TheilSenPath* path) {
  TheilSenPath ignored;
  if (path == nullptr) path = &ignored;
  *path = TheilSenPath::kDefinition;
  const size_t n = x.size();
  if (n < 2 || y.size() != n) return 0.0;
  if (n <= kBruteForceMaxN) return TheilSenSlopeBruteForce(x, y);
  *path = TheilSenPath::kFellBack;

  const auto total = static_cast<std::int64_t>(n * (n - 1) / 2);
  // Wanted: the slopes at 0-based ranks k1 and k2 (equal when the number of pairs is odd).
  const std::int64_t k1 = (total - 1) / 2;
  const std::int64_t k2 = total / 2;
  // Finite bounds strictly outside every pairwise slope.
  double min_gap = std::numeric_limits<double>::infinity();
  for (size_t i = 1; i < n; ++i) min_gap = std::min(min_gap, x[i] - x[i - 1]);
  if (!(min_gap > 0.0)) return 0.0;  // x not strictly increasing
  const auto [y_min, y_max] = std::minmax_element(y.begin(), y.end());
  const double bound = (*y_max - *y_min) / min_gap + 1.0;

  // Invariant: the ranks still wanted, a <= b, lie in [c_lo, c_hi), where c_lo counts the
  // pairs with slope <= lo and c_hi those with slope < hi: their slopes are in (lo, hi).
  // A candidate slope with many ties (a flat series has thousands of zero slopes) can hold a
  // wanted rank itself; then it is the answer for that rank.
  SlopeSelector selector(x, y);
  double lo = -bound;
  double hi = bound;
  std::int64_t c_lo = 0;
  std::int64_t c_hi = total;
  std::int64_t a = k1;
  std::int64_t b = k2;
  std::optional<double> value_a;  // found for k1
  std::optional<double> value_b;  // found for k2
  // Listing up to ~16 pairs per point is cheaper than another round of rejection sampling.
  const auto cap = static_cast<std::int64_t>(std::max<size_t>(4096, 16 * n));
  SplitMix rng{0x5eed0000ULL + n};
  std::vector<double> sample;
  constexpr size_t kSample = 1024;
  sample.reserve(kSample);
  for (int round = 0; round < 8 && c_hi - c_lo > cap; ++round) {
    // Later rounds draw fewer: most draws fall outside the narrowed interval.
    const size_t want = round == 0 ? kSample : kSample / 2;
    sample.clear();
    for (size_t draw = 0; draw < want * 16 && sample.size() < want; ++draw) {
      size_t i = rng.Below(n);
      size_t j = rng.Below(n);
      if (i == j) continue;
      if (i > j) std::swap(i, j);
      const double dy = y[j] - y[i];
      const double dx = x[j] - x[i];
      if (dy > lo * dx && dy < hi * dx) sample.push_back(dy / dx);
    }
    if (sample.size() < 64) break;
    std::sort(sample.begin(), sample.end());
    const double m = static_cast<double>(sample.size());
    const double span = static_cast<double>(c_hi - c_lo);
    const double pos_a = static_cast<double>(a - c_lo) / span * m;
    const double pos_b = static_cast<double>(b - c_lo + 1) / span * m;
    const double margin = 1.5 * std::sqrt(m);  // about three standard deviations of a rank
    const auto at = [&](double pos) {
      return sample[static_cast<size_t>(std::clamp(pos, 0.0, m - 1.0))];
    };
    // The central candidate is counted only when the sample shows a heavy tie at it (such a
    // tie can hold the wanted ranks and would never fit in a listing).
    const double central = at(pos_a);
    const auto [tie_begin, tie_end] = std::equal_range(sample.begin(), sample.end(), central);
    const bool heavy_tie = (tie_end - tie_begin) * 64 >= static_cast<std::ptrdiff_t>(sample.size());
    for (const double c : {central, at(pos_a - margin), at(pos_b + margin)}) {
      if (!(c > lo && c < hi)) continue;
      if (c == central && !heavy_tie) continue;
      const SlopeSelector::Counts counts = selector.Count(c);
      const bool a_here = counts.below <= a && a < counts.at_most;
      const bool b_here = counts.below <= b && b < counts.at_most;
      if (a_here && b_here) {
        if (!value_a) value_a = c;
        if (!value_b) value_b = c;
        break;
      }
      if (a_here && !b_here) {  // k1 = c; k2 is the next slope above c
        value_a = c;
        a = b;
        lo = c;
        c_lo = counts.at_most;
      } else if (b_here && !a_here) {  // k2 = c; k1 is the slope just below c
        value_b = c;
        b = a;
        hi = c;
        c_hi = counts.below;
      } else if (counts.at_most <= a) {
        lo = c;
        c_lo = counts.at_most;
      } else if (b < counts.below) {
        hi = c;
        c_hi = counts.below;
      }
    }
    if (value_a && value_b) break;
  }
  if (!value_a || !value_b) {
    if (c_hi - c_lo > cap) return TheilSenSlopeBruteForce(x, y);
    std::vector<double> between;
    between.reserve(static_cast<size_t>(c_hi - c_lo));
    selector.ListBetween(lo, hi, between);
    // Rounding can make the listing disagree with the counts near lo or hi; then the plain
    // definition decides.
    if (static_cast<std::int64_t>(between.size()) != c_hi - c_lo) {
      return TheilSenSlopeBruteForce(x, y);
    }
    const auto ra = static_cast<size_t>(a - c_lo);
    std::nth_element(between.begin(), between.begin() + static_cast<std::ptrdiff_t>(ra),
                     between.end());
    const double va = between[ra];
    const double vb = b == a
                          ? va
                          : *std::min_element(between.begin() + static_cast<std::ptrdiff_t>(ra) + 1,
                                              between.end());
    if (!value_a) value_a = va;
    if (!value_b) value_b = vb;
  }
  *path = TheilSenPath::kNarrowed;
  return (*value_a + *value_b) / 2.0;
}

}  // namespace interlude::care
