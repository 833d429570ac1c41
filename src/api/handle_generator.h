// Friendly, pronounceable handles for anonymous accounts: "quiet-heron-4821".
// About 22 million combinations; the caller retries on the rare clash.
//
// Thread-safety: pure function over kernel randomness.
#pragma once

#include <string>

namespace interlude::api {

std::string NewHandle();

// True when `text` has the shape of a generated handle (lower-case words, a dash, digits).
bool LooksLikeHandle(const std::string& text);

}  // namespace interlude::api
