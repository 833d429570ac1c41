// SecretKey: 32 bytes of key material that is wiped from memory when destroyed.
//
// Thread-safety: immutable after construction; safe to share read-only across threads.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

namespace interlude::crypto {

inline constexpr size_t kKeyBytes = 32;

class SecretKey {
 public:
  SecretKey();  // all zero; call Random() or FromBytes() for a usable key
  ~SecretKey();
  SecretKey(const SecretKey& other);
  SecretKey& operator=(const SecretKey& other);

  static SecretKey Random();
  // Copies exactly kKeyBytes from `bytes`; returns false (and leaves `out` untouched) otherwise.
  static bool FromBytes(std::span<const std::uint8_t> bytes, SecretKey& out);

  const std::uint8_t* data() const { return bytes_.data(); }
  std::span<const std::uint8_t, kKeyBytes> span() const { return bytes_; }

 private:
  std::array<std::uint8_t, kKeyBytes> bytes_{};
};

// Makes sure libsodium is initialised; safe to call repeatedly from any thread.
void EnsureSodium();

}  // namespace interlude::crypto
