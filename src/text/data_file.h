// Reading the engine's data files (lexicons, patterns, case files): one loop for all of
// them, so every file follows the same rules — `#` comments and blank lines are skipped,
// Windows line endings are tolerated, and errors name the file and line.
//
// Thread-safety: pure functions (they read the file system).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace interlude::text {

// Calls `fn(line, number)` for every line of `path` that is not blank or a `#` comment
// (number is 1-based; a trailing '\r' is removed) and stops at the first error it returns.
// NotFound naming `what` and the path when the file cannot be opened.
Status ForEachDataLine(const std::string& path, std::string_view what,
                       const std::function<Status(const std::string& line, int number)>& fn);

// InvalidArgument "path:number: message".
Status DataLineError(const std::string& path, int number, const std::string& message);

}  // namespace interlude::text
