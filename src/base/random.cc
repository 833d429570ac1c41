// getrandom(2)-backed randomness.
#include "base/random.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

namespace interlude {

void FillRandom(std::span<std::uint8_t> out) {
  size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = getrandom(out.data() + done, out.size() - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::fputs("fatal: getrandom failed\n", stderr);
      std::abort();
    }
    done += static_cast<size_t>(n);
  }
}

std::uint32_t RandomBelow(std::uint32_t bound) {
  // Rejection sampling avoids modulo bias.
  const std::uint32_t limit = UINT32_MAX - UINT32_MAX % bound;
  for (;;) {
    std::uint8_t b[4];
    FillRandom(b);
    const std::uint32_t v = static_cast<std::uint32_t>(b[0]) << 24 |
                            static_cast<std::uint32_t>(b[1]) << 16 |
                            static_cast<std::uint32_t>(b[2]) << 8 | b[3];
    if (v < limit) return v % bound;
  }
}

std::string NewId() {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  std::uint8_t bytes[17];
  FillRandom(std::span<std::uint8_t>(bytes, 16));
  bytes[16] = 0;
  std::string id;
  id.reserve(26);
  // 26 characters x 5 bits = 130 bits; the last 2 bits are zero padding.
  for (int i = 0; i < 26; ++i) {
    const int bit = i * 5;
    const int byte = bit / 8;
    const int shift = bit % 8;
    const unsigned window = (static_cast<unsigned>(bytes[byte]) << 8) | bytes[byte + 1];
    id.push_back(kAlphabet[(window >> (11 - shift)) & 31u]);
  }
  return id;
}

std::string ToHex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const std::uint8_t b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 15]);
  }
  return out;
}

bool FromHex(std::string_view hex, std::string& out) {
  if (hex.size() % 2 != 0) return false;
  const auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  out.clear();
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int hi = nibble(hex[i]);
    const int lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<char>(hi << 4 | lo));
  }
  return true;
}

}  // namespace interlude
