// `interlude eval mirror`: how the reflection composer and the companion's first reply do on
// real messages — the CounselChat questions (../shared/data/counselchat) and the development
// entries of data/mirror/cases — against a fixed-sentence baseline: LSM with the message
// (overall and by message length), the MITI reflection-to-question ratio and share of
// complex reflections (from the reply acts), safe-messaging violations, template repeats
// per simulated person, and time per reply; then sample exchanges for a person to read.
//
// Thread-safety: runs on the calling thread.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "text/analyzer.h"

namespace interlude::mirror {

// One CounselChat row's question (the fields the evaluation reads).
struct CounselQuestion {
  std::string text;
  std::string topic;
  std::string split;
};

// The questions of the CounselChat CSV (RFC 4180: quoted fields may hold commas, quotes
// written "" and line breaks), deduplicated by text, in file order. InvalidArgument when the
// header lacks questionText.
Result<std::vector<CounselQuestion>> ParseCounselChat(std::string_view csv);

// Runs the evaluation and prints it. NotFound when the CSV or the case file is missing.
Status EvaluateMirror(const text::Analyzer& analyzer, const std::string& data_root,
                      const std::string& shared_data, std::ostream& out);

}  // namespace interlude::mirror
