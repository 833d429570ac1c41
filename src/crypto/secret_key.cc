// SecretKey storage and libsodium initialisation.
#include "crypto/secret_key.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

namespace interlude::crypto {

void EnsureSodium() {
  static const bool ready = [] {
    if (sodium_init() < 0) {
      std::fputs("fatal: libsodium could not be initialised\n", stderr);
      std::abort();
    }
    return true;
  }();
  (void)ready;
}

SecretKey::SecretKey() = default;
SecretKey::~SecretKey() { sodium_memzero(bytes_.data(), bytes_.size()); }
SecretKey::SecretKey(const SecretKey& other) : bytes_(other.bytes_) {}
SecretKey& SecretKey::operator=(const SecretKey& other) {
  bytes_ = other.bytes_;
  return *this;
}

SecretKey SecretKey::Random() {
  EnsureSodium();
  SecretKey key;
  randombytes_buf(key.bytes_.data(), key.bytes_.size());
  return key;
}

bool SecretKey::FromBytes(std::span<const std::uint8_t> bytes, SecretKey& out) {
  if (bytes.size() != kKeyBytes) return false;
  std::copy(bytes.begin(), bytes.end(), out.bytes_.begin());
  return true;
}

}  // namespace interlude::crypto
