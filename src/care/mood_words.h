// Numbers as people read them in the analytics' plain-language readings.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

namespace interlude::care {

// One decimal place: 4.56 -> "4.6", 5 -> "5.0".
std::string OneDecimal(double value);

// Two decimal places: 0.234 -> "0.23".
std::string TwoDecimals(double value);

// "1 check-in", "3 check-ins".
std::string Count(long long n, const char* singular, const char* plural);

}  // namespace interlude::care
