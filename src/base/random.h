// Cryptographically secure randomness from the kernel (getrandom), and id helpers.
//
// Thread-safety: all functions are safe to call from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace interlude {

// Fills `out` with random bytes; aborts the process if the kernel cannot supply them
// (there is no safe way to continue without randomness).
void FillRandom(std::span<std::uint8_t> out);

// A uniformly random integer in [0, bound), bound > 0.
std::uint32_t RandomBelow(std::uint32_t bound);

// A new opaque id: 128 random bits as 26 lowercase base32 characters.
std::string NewId();

// Lowercase hex of bytes.
std::string ToHex(std::span<const std::uint8_t> bytes);

// Decodes lowercase or uppercase hex; returns false on odd length or a non-hex character.
bool FromHex(std::string_view hex, std::string& out);

}  // namespace interlude
