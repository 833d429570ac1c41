// UTF-8 validation and counting (utf8proc).
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace interlude {

// True when every byte of `text` is ASCII (then it is also valid UTF-8); reads eight bytes
// at a time, so callers can skip a full UTF-8 walk for plain text.
bool IsAsciiText(std::string_view text);

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool IsValidUtf8(std::string_view text);

// The number of Unicode code points in valid UTF-8 text.
size_t CodePointCount(std::string_view text);

}  // namespace interlude
