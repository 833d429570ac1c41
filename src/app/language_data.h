// Where the language engine's data lives: $INTERLUDE_LANGUAGE_DATA, else the repository's
// data/ folder found from the binary's location (build/<preset>/interlude -> data/), else
// ./data.
//
// Thread-safety: pure function (reads the environment and the file system).
#pragma once

#include <string>

namespace interlude::app {

std::string LanguageDataRoot();

}  // namespace interlude::app
