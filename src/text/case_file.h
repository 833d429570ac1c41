// Case files: the language engine's behaviour written down as readable examples, one per
// line — `text<TAB>expected[<TAB>note]` — with `#` comments and blank lines ignored.
// Clinicians can read and extend them; one parameterised test per analyser runs them, and
// `interlude eval` reports them as development sets.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace interlude::text {

struct Case {
  int line = 0;          // 1-based line in the file, for messages
  std::string text;      // the sentence, with "\t" and "\n" written as \t and \n
  std::string expected;  // the label(s), format chosen by each analyser's file
  std::string note;      // optional: why this case matters
};

// Reads a case file. NotFound when it is missing; InvalidArgument naming the line when a
// line has no TAB or an empty text.
Result<std::vector<Case>> LoadCaseFile(const std::string& path);

// The repository's data/ folder, for tests and evaluation: $INTERLUDE_DATA_DIR, else
// <source>/data where <source> is $INTERLUDE_SOURCE_DIR or the tree this was built from.
// (The server finds its data with app/language_data.h instead.)
std::string DataRoot();

// ../shared/data beside the repository: $INTERLUDE_SHARED_DATA, else <source>/../shared/data.
std::string SharedDataRoot();

}  // namespace interlude::text
