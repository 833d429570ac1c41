// Shared fixtures for the mirror's tests: the real engine and checker (from the safety
// tests' fixtures), the composer, the companion and the exercise library loaded once from
// the repository's data/ folder, and helpers to analyse text and read the case files.
//
// Thread-safety: the loaders are initialised once (function-local statics) and immutable.
#pragma once

#include <string>
#include <vector>

#include "mirror/companion.h"
#include "mirror/exercises.h"
#include "mirror/reflection.h"
#include "safety/safe_messaging.h"
#include "safety/test_support.h"
#include "text/analysis.h"
#include "text/analyzer.h"

namespace interlude::mirror::testing {

using safety::testing::ScratchDir;
using safety::testing::TestAnalyzer;
using safety::testing::TestChecker;
using safety::testing::WriteFile;
const ReflectionComposer& TestComposer();
const Companion& TestCompanion();
const ExerciseLibrary& TestLibrary();

// The analysis of `text` (aborts the test binary on failure: the input is the test's own).
text::Analysis Analyze(const std::string& text);

// Splits "a | b | c" into its items (trimmed).
std::vector<std::string> SplitBars(const std::string& text);

// Words in `text` (letters, digits and apostrophes).
int WordCount(const std::string& text);

}  // namespace interlude::mirror::testing
