// Number formatting for readings (std::to_chars: locale-independent and fast).
#include "care/mood_words.h"

#include <charconv>
#include <cmath>

namespace interlude::care {
namespace {

std::string Fixed(double value, int digits) {
  if (!std::isfinite(value)) return "—";
  const double scale = std::pow(10.0, digits);
  double rounded = std::round(value * scale) / scale;
  if (rounded == 0.0) rounded = 0.0;  // no "-0.0"
  char buf[48];
  const auto r = std::to_chars(buf, buf + sizeof buf, rounded, std::chars_format::fixed, digits);
  return std::string(buf, r.ptr);
}

}  // namespace

std::string OneDecimal(double value) { return Fixed(value, 1); }
std::string TwoDecimals(double value) { return Fixed(value, 2); }

std::string Count(long long n, const char* singular, const char* plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

}  // namespace interlude::care
