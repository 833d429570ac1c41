// Shared fixtures for the safety tests: the real engine and safety data loaded once from
// the repository's data/ folder, and a scratch folder for bad-file tests.
//
// Thread-safety: the loaders are initialised once (function-local statics) and immutable.
#pragma once

#include <cstdlib>
#include <iostream>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "safety/helplines.h"
#include "safety/response.h"
#include "safety/safe_messaging.h"
#include "safety/tier.h"
#include "text/analyzer.h"
#include "text/case_file.h"

namespace interlude::safety::testing {

// The loaded object, or the test binary stops with `what` and the error (test data is ours).
template <typename T>
T* OrDie(Result<std::unique_ptr<T>> loaded, const char* what) {
  if (!loaded.ok()) {
    std::cerr << what << ": " << loaded.status().ToString() << "\n";
    std::abort();
  }
  return std::move(loaded).value().release();
}

const text::Analyzer& TestAnalyzer();
const SafeMessagingChecker& TestChecker();
const HelplineDirectory& TestHelplines();
const ResponseBuilder& TestResponses();

// A fresh, empty folder under the system temp folder, unique per process and call.
std::string ScratchDir(const std::string& name);
// Writes `content` to `path`, creating parent folders.
void WriteFile(const std::string& path, const std::string& content);

// Splits a case's sequence "first | second | third" into its items.
std::vector<std::string> SplitSequence(const std::string& text);

// Parses "high:self,third_party" / "none" into a tier and concerns; false when malformed.
bool ParseExpected(const std::string& text, Tier& tier, Concerns& concerns);
// "high:self,third_party" for an assessment ("none" when the tier is none and no concern).
std::string Describe(const Assessment& a);

}  // namespace interlude::safety::testing

namespace interlude::text {
// Case files' rows in test names and failure messages (instead of raw bytes).
inline void PrintTo(const Case& c, std::ostream* os) {
  *os << "line " << c.line << ": \"" << c.text << "\" -> " << c.expected;
}
}  // namespace interlude::text
