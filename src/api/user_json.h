// The user as the API shows it, and validation of account fields (e-mail, country).
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "api/api_context.h"

namespace interlude::api {

// {id, handle, role, email, country, created_at}; the e-mail is opened with `data_key`.
Result<Json> UserToJson(const ContentVault& vault, const store::UserRecord& user,
                        const crypto::SecretKey& data_key);

// Trims and lower-cases; InvalidArgument (field "email") unless it looks like an address.
Result<std::string> NormalizeEmail(const std::string& raw);

// InvalidArgument (field "country") unless two upper-case ASCII letters.
Status ValidateCountry(const std::string& code);

// Where the sealed e-mail lives, for its associated data.
inline constexpr char kEmailTable[] = "users.email";

}  // namespace interlude::api
