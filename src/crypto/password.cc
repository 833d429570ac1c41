// Argon2id via libsodium's crypto_pwhash_str, and a password policy.
#include "crypto/password.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <semaphore>
#include <thread>

#include "base/ascii.h"
#include "base/utf8.h"
#include "crypto/secret_key.h"

namespace interlude::crypto {
namespace {

// Words that, with digits or symbols added around them, make the most-guessed passwords
// (from published breach-corpus top lists). A password whose letters, once the digits and
// symbols around them are stripped, are one of these is refused.
constexpr std::array<std::string_view, 60> kCommonBases = {
    "password", "passw0rd", "p@ssword", "p@ssw0rd", "qwerty", "qwertyuiop", "qwertyui",
    "asdfghjkl", "asdfgh", "zxcvbnm", "qazwsx", "qazwsxedc", "letmein", "welcome", "iloveyou",
    "admin", "administrator", "monkey", "dragon", "football", "baseball", "soccer", "princess",
    "sunshine", "superman", "batman", "starwars", "trustno", "master", "shadow", "michael",
    "jennifer", "jessica", "charlie", "liverpool", "chelsea", "arsenal", "computer", "internet",
    "whatever", "changeme", "mypassword", "secret", "abc", "abcd", "abcdef", "abcdefg",
    "abcdefgh", "loveme", "hello", "freedom", "flower", "hunter", "killer", "pokemon", "login",
    "interlude", "passwordpassword", "qwe", "q1w2e3r4t5",
};

// Holds one of the process's Argon2id slots (one per core) for its lifetime.
class ArgonSlot {
 public:
  ArgonSlot() { Slots().acquire(); }
  ~ArgonSlot() { Slots().release(); }
  ArgonSlot(const ArgonSlot&) = delete;
  ArgonSlot& operator=(const ArgonSlot&) = delete;

 private:
  static std::counting_semaphore<256>& Slots() {
    static std::counting_semaphore<256> slots(
        std::clamp<std::ptrdiff_t>(std::thread::hardware_concurrency(), 2, 256));
    return slots;
  }
};

bool IsDigitOrSymbol(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) == 0;
}

// True for "1234567890", "0987654321", "aaaaaaaaaa" and the like.
bool IsTrivialSequence(std::string_view p) {
  bool all_same = true;
  bool ascending = true;
  bool descending = true;
  for (size_t i = 1; i < p.size(); ++i) {
    all_same &= p[i] == p[0];
    ascending &= p[i] == p[i - 1] + 1 || (p[i - 1] == '9' && p[i] == '0');
    descending &= p[i] == p[i - 1] - 1 || (p[i - 1] == '0' && p[i] == '9');
  }
  return all_same || ascending || descending;
}

bool IsCommon(std::string_view password) {
  const std::string lower = AsciiLower(password);
  if (IsTrivialSequence(lower)) return true;
  const auto first = std::find_if_not(lower.begin(), lower.end(), IsDigitOrSymbol);
  const auto last = std::find_if_not(lower.rbegin(), lower.rend(), IsDigitOrSymbol).base();
  if (first >= last) return IsTrivialSequence(lower);  // digits and symbols only
  const std::string_view core(&*first, static_cast<size_t>(last - first));
  // "password" repeated, or a common word surrounded by digits/symbols.
  return std::find(kCommonBases.begin(), kCommonBases.end(), core) != kCommonBases.end() ||
         lower.starts_with("1q2w3e") || lower.starts_with("1qaz2wsx");
}

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  EnsureSodium();
  const ArgonSlot slot;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Internal("password hashing ran out of memory");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureSodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string terminated(hash);  // libsodium wants a NUL-terminated string
  const ArgonSlot slot;
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

Status CheckPasswordPolicy(std::string_view password) {
  if (!IsValidUtf8(password)) return InvalidArgument("password is not valid UTF-8", "password");
  if (CodePointCount(password) < 10) {
    return InvalidArgument("password must be at least 10 characters long", "password");
  }
  if (password.size() > 256) {
    return InvalidArgument("password must be at most 256 bytes long", "password");
  }
  if (IsCommon(password)) {
    return InvalidArgument(
        "that password is one of the most commonly used and easy to guess; please choose "
        "another",
        "password");
  }
  return OkStatus();
}

}  // namespace interlude::crypto
