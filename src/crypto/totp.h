// One-time passwords for the second factor: RFC 4648 base32 (how authenticator apps take a
// secret), RFC 4226 HOTP and RFC 6238 TOTP over HMAC-SHA1 (what those apps compute), and the
// otpauth:// URI an app reads from a QR code or a link.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace interlude::crypto {

inline constexpr int kTotpDigits = 6;
inline constexpr std::int64_t kTotpStepSeconds = 30;

// RFC 4648 base32 of `bytes`, upper case, without '=' padding.
std::string Base32Encode(std::string_view bytes);

// Decodes base32 written by people or apps: lower case, spaces, dashes and trailing '='
// are allowed. Returns nullopt on any other character, on a length that cannot come from
// whole bytes (1, 3 or 6 characters in the last group of eight), or on non-zero padding
// bits (and when there is nothing to decode).
std::optional<std::string> Base32Decode(std::string_view text);

// RFC 4226 HOTP: HMAC-SHA1 of the 8-byte big-endian `counter` under `key`, dynamically
// truncated to `digits` decimal digits (6 to 8), left-padded with zeros.
std::string Hotp(std::string_view key, std::uint64_t counter, int digits = kTotpDigits);

// The RFC 6238 time step of `unix_seconds` (30-second steps from the epoch; never negative).
std::int64_t TotpStep(std::int64_t unix_seconds);

// The TOTP code of `key` at `unix_seconds`.
std::string Totp(std::string_view key, std::int64_t unix_seconds, int digits = kTotpDigits);

// Checks a typed 6-digit `code` against steps t-1, t and t+1 of `unix_seconds` (one step
// of clock drift either way), comparing in constant time. Returns the matching step (the
// caller stores it so that a code is accepted only once), or nullopt when `code` is not
// six digits or matches none of them.
std::optional<std::int64_t> VerifyTotp(std::string_view key, std::string_view code,
                                       std::int64_t unix_seconds);

// True when `a` and `b` are equal, in a time that depends only on their lengths (libsodium's
// sodium_memcmp), for comparing codes and their hashes.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// otpauth://totp/<Issuer>:<account>?secret=<B32>&issuer=<Issuer>&algorithm=SHA1&digits=6&period=30
// with the label parts and the issuer percent-encoded (RFC 3986 unreserved kept).
std::string OtpauthUri(std::string_view issuer, std::string_view account,
                       std::string_view secret_base32);

}  // namespace interlude::crypto
