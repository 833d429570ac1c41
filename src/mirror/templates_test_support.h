// Shared fixtures for the mirror's language tests: the real engine, checker, composer and
// companion loaded once from the repository's data/ folder, and helpers to analyse text and
// read the case files.
//
// Thread-safety: the loaders are initialised once (function-local statics) and immutable.
#pragma once

#include <string>
#include <vector>

#include "mirror/companion.h"
#include "mirror/reflection.h"
#include "safety/safe_messaging.h"
#include "text/analysis.h"
#include "text/analyzer.h"

namespace interlude::mirror::testing {

const text::Analyzer& TestAnalyzer();
const safety::SafeMessagingChecker& TestChecker();
const ReflectionComposer& TestComposer();
const Companion& TestCompanion();

// The analysis of `text` (aborts the test binary on failure: the input is the test's own).
text::Analysis Analyze(const std::string& text);

// Splits "a | b | c" into its items (trimmed).
std::vector<std::string> SplitBars(const std::string& text);

// A fresh, empty folder under the system temp folder, unique per process and call.
std::string ScratchDir(const std::string& name);
void WriteFile(const std::string& path, const std::string& content);

// Words in `text` (letters, digits and apostrophes).
int WordCount(const std::string& text);

}  // namespace interlude::mirror::testing
