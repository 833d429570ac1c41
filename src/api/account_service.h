// Creating accounts and checking credentials: shared by the HTTP handlers and the
// command line (`interlude user create`, `interlude demo`), so every account is made the
// same way — a fresh handle, a new wrapped data key, Argon2id secrets, a sealed e-mail.
//
// Thread-safety: stateless functions over thread-safe dependencies.
#pragma once

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
  std::string country;        // validated when not empty
  std::string clinic_id;
};

// Validates and creates the account. InvalidArgument names the field ("email", "password",
// "country"); AlreadyExists ("email") when the e-mail is taken.
Result<store::UserRecord> CreateAccount(ApiDeps& deps, const NewAccount& spec);

// The one form of a typed login: a normalised e-mail, or a handle without spaces in lower
// case. Every spelling that reaches an account gives the same canonical login.
std::string CanonicalLogin(const std::string& login);

// Finds an account by e-mail or handle. NotFound when there is none.
Result<store::UserRecord> FindAccountByLogin(ApiDeps& deps, const std::string& login);

// True when `secret` is the account's password or its recovery code (typed in any case,
// with or without dashes). Always runs two Argon2id verifications — against a fixed dummy
// hash where the account lacks one — so the time taken says nothing about the account.
// `user` null checks against dummies only (for unknown logins) and returns false.
bool SecretMatches(const store::UserRecord* user, const std::string& secret);

}  // namespace interlude::api
