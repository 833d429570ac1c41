// Creating accounts and checking credentials: shared by the HTTP handlers and the
// command line (`interlude user create`, `interlude demo`), so every account is made the
// same way — a fresh handle, a new wrapped data key, Argon2id secrets, a sealed e-mail.
//
// Thread-safety: stateless functions over thread-safe dependencies.
#pragma once

#include <optional>
#include <string>

#include "api/api_context.h"

namespace interlude::api {

inline constexpr size_t kMaxLoginChars = 320;
inline constexpr size_t kMaxPasswordChars = 1024;

struct NewAccount {
  store::Role role = store::Role::kClient;
  std::string email;          // required unless the account is anonymous
  std::string password;       // required (and checked against the policy) unless anonymous
  std::string recovery_code;  // makes the account anonymous; hashed, never stored
  // A clinician or admin made by a clinic admin: no password and no second factor yet. The
  // person chooses them with this one-time set-up code (POST /auth/setup) before
  // `setup_expires_at`. Hashed into the user's recovery_hash, never stored; the expiry goes
  // into the settings (`setup_expires_at`). Needs `email` and no `password`.
  std::string setup_code;
  UnixMillis setup_expires_at = 0;
  std::string country;  // validated when not empty
  std::string clinic_id;
};

// Validates and creates the account. InvalidArgument names the field ("email", "password",
// "country"; "role" for a set-up code on a client account); AlreadyExists ("email") when the
// e-mail is taken.
Result<store::UserRecord> CreateAccount(ApiDeps& deps, const NewAccount& spec);

// The one form of a typed login: a normalised e-mail, or a handle without spaces in lower
// case. Every spelling that reaches an account gives the same canonical login.
std::string CanonicalLogin(const std::string& login);

// Finds an account by e-mail or handle. NotFound when there is none.
Result<store::UserRecord> FindAccountByLogin(ApiDeps& deps, const std::string& login);

// True when `secret` is the account's password or, for a client, its recovery code (typed in
// any case, with or without dashes). A clinician or admin signs in with the password only:
// their recovery_hash holds the pending set-up code, which is never a password. Always runs
// two Argon2id verifications — against a fixed dummy hash where the account lacks one — so
// the time taken says nothing about the account. `user` null checks against dummies only
// (for unknown logins) and returns false.
bool SecretMatches(const store::UserRecord* user, const std::string& secret);

// The end of a clinician's or admin's pending set-up (a set-up code not yet used), or nullopt
// when the account has none: a client, an account with a password (set up: no code works
// once a password is set, whatever the order of concurrent writes), or settings without a
// readable `setup_expires_at`. An expired set-up is still pending (its code no longer works).
std::optional<UnixMillis> PendingSetupExpiry(const store::UserRecord& user);

// Gives `user`, whose set-up is pending (PendingSetupExpiry), the new set-up `code` valid
// until `expires_at`; the old code stops working. FailedPrecondition when the set-up is not
// pending; otherwise the store's errors.
Status ReplaceSetupCode(ApiDeps& deps, const store::UserRecord& user, const std::string& code,
                        UnixMillis expires_at);

// True when `code` (typed in any case, with or without dashes) is the pending set-up code of
// `user` and `now` is before its expiry, the account being neither disabled nor shredded.
// Always runs one Argon2id verification (against a dummy when there is nothing to check), so
// the time taken says nothing about the account. `user` null returns false.
bool SetupCodeMatches(const store::UserRecord* user, const std::string& code, UnixMillis now);

// `settings_json` without the pending set-up (`setup_expires_at`); other keys are kept.
std::string SettingsWithoutSetup(const std::string& settings_json);

}  // namespace interlude::api
