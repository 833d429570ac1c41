// XChaCha20-Poly1305 (IETF) via libsodium.
#include "crypto/aead.h"

#include <sodium.h>

namespace interlude::crypto {
namespace {

constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

std::string Seal(const SecretKey& key, std::string_view plaintext,
                 std::string_view associated_data) {
  EnsureSodium();
  std::string out(kNonce + plaintext.size() + kTag, '\0');
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(dst, kNonce);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(dst + kNonce, &written, Bytes(plaintext),
                                             plaintext.size(), Bytes(associated_data),
                                             associated_data.size(), nullptr, dst, key.data());
  out.resize(kNonce + written);
  return out;
}

Result<std::string> Open(const SecretKey& key, std::string_view sealed,
                         std::string_view associated_data) {
  EnsureSodium();
  if (sealed.size() < kNonce + kTag) return DataLoss("sealed value is truncated");
  std::string out(sealed.size() - kNonce - kTag, '\0');
  unsigned long long written = 0;
  const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
      reinterpret_cast<unsigned char*>(out.data()), &written, nullptr, Bytes(sealed) + kNonce,
      sealed.size() - kNonce, Bytes(associated_data), associated_data.size(), Bytes(sealed),
      key.data());
  if (rc != 0) return DataLoss("sealed value failed authentication");
  out.resize(written);
  return out;
}

}  // namespace interlude::crypto
