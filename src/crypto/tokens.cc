// Token and index helpers on libsodium primitives.
#include "crypto/tokens.h"

#include <sodium.h>

#include <cctype>

#include "base/random.h"

namespace interlude::crypto {

std::string NewSessionToken() {
  EnsureSodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string HashToken(std::string_view token) {
  EnsureSodium();
  std::uint8_t digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return ToHex(digest);
}

std::string NewRecoveryCode() {
  static constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::string code;
  for (int i = 0; i < 16; ++i) {
    if (i > 0 && i % 4 == 0) code.push_back('-');
    code.push_back(kCrockford[RandomBelow(32)]);
  }
  return code;
}

std::string CanonicalRecoveryCode(std::string_view typed) {
  std::string out;
  for (const char raw : typed) {
    if (raw == '-' || raw == ' ') continue;
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(raw)));
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    out.push_back(c);
  }
  return out;
}

std::string KeyedIndex(const SecretKey& key, std::string_view value) {
  EnsureSodium();
  std::uint8_t digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(value.data()),
                     value.size(), key.data(), kKeyBytes);
  return ToHex(digest);
}

SecretKey DeriveSubkey(const SecretKey& master, std::uint64_t id, const char (&context)[9]) {
  EnsureSodium();
  std::uint8_t bytes[kKeyBytes];
  crypto_kdf_derive_from_key(bytes, sizeof bytes, id, context, master.data());
  SecretKey key;
  SecretKey::FromBytes(bytes, key);
  sodium_memzero(bytes, sizeof bytes);
  return key;
}

}  // namespace interlude::crypto
