// Clinicians' and admins' second factor (RFC 6238 TOTP): enrolment (a new secret sealed
// under the person's data key, ten one-time recovery codes kept only as keyed hashes) and
// the check at sign-in.
//
// Thread-safety: stateless functions over thread-safe dependencies.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/api_context.h"

namespace interlude::api {

struct TwoFactorEnrolment {
  std::string secret_base32;                // for people who type it in
  std::string otpauth_uri;                  // otpauth://totp/Interlude:<login>?secret=...
  std::vector<std::string> recovery_codes;  // shown once, e.g. 7KQF-2M9D-XW4T-HB3C
};

// Enrols (or re-enrols) `user`, whose data key is `data_key`. `login` labels the entry in
// the authenticator app. `fixed_secret_base32`, when given, is used instead of a random
// secret (only the demo does this, so that its printed secret stays the same). Errors: the
// store's.
Result<TwoFactorEnrolment> EnrolTwoFactor(store::Store& store, const ContentVault& vault,
                                          const store::UserRecord& user,
                                          const crypto::SecretKey& data_key,
                                          const std::string& login, UnixMillis now,
                                          const std::optional<std::string>& fixed_secret_base32 =
                                              std::nullopt);

// Replaces the unused recovery codes of `user_id` with ten new ones, returned to be shown
// once. NotFound when the user has no second factor; otherwise the store's errors.
Result<std::vector<std::string>> ReplaceRecoveryCodes(store::Store& store,
                                                      const ContentVault& vault,
                                                      const std::string& user_id);

// Checks `code` (6 digits, or a recovery code) for `user` at `now`. OK once per code;
// Unauthenticated (field "totp") when it is wrong, already used or the user has no second
// factor.
Status VerifySecondFactor(ApiDeps& deps, const store::UserRecord& user,
                          const crypto::SecretKey& data_key, const std::string& code);

// True for roles that must use a second factor (clinician, admin).
bool NeedsSecondFactor(store::Role role);

}  // namespace interlude::api
