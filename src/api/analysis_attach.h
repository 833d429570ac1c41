// Runs the language engine over what a person wrote and keeps the result with the item:
// the analysis goes into the item's content before it is sealed, so it is encrypted beside
// the words it describes and returned with them.
//
// Thread-safety: pure functions over an immutable Analyzer.
#pragma once

#include <optional>
#include <string>

#include "api/api_context.h"

namespace interlude::api {

// What is analysed for an entry: every piece of its text, one per line, and where each came
// from, so evidence offsets can be traced back to the field the person wrote in.
struct AnalysedText {
  std::string text;
  Json segments = Json::array();  // [{field: "title"|"text"|"fields.<name>", begin, end}]
};
AnalysedText EntryText(const Json& content);

// Sets content["analysis"] to the analysis of `text` (no-op when there is no analyzer or
// the text is empty), with `segments` when given, and returns the analysis (its risk
// findings go to the safety layer, the rest to the reflection), or nullopt when there was
// none. Evidence offsets are UTF-8 byte offsets into `text`. If analysis ever failed or
// threw, the item is saved without one rather than lost.
std::optional<text::Analysis> AttachAnalysis(const ApiDeps& deps, const std::string& text,
                                             Json& content, const Json& segments = Json::array());

// The risk findings of an optional analysis (none when there was no analysis).
inline text::RiskAssessment RiskOf(const std::optional<text::Analysis>& analysis) {
  return analysis ? analysis->risk : text::RiskAssessment{};
}

}  // namespace interlude::api
