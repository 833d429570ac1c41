// Runs the language engine over what a person wrote and keeps the result with the item:
// the analysis goes into the item's content before it is sealed, so it is encrypted beside
// the words it describes and returned with them.
//
// Thread-safety: pure functions over an immutable Analyzer.
#pragma once

#include <string>

#include "api/api_context.h"

namespace interlude::api {

// Every piece of text in an entry's content {title, text, fields}, one per line.
std::string EntryText(const Json& content);

// Sets content["analysis"] to the analysis of `text` (no-op when there is no analyzer or
// the text is empty). The analysis of valid, bounded input cannot fail; if it ever did, the
// item is saved without one rather than lost.
void AttachAnalysis(const ApiDeps& deps, const std::string& text, Json& content);

}  // namespace interlude::api
