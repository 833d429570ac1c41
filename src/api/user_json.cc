// User serialisation and account field validation.
#include "api/user_json.h"

#include <cctype>

#include "api/countries.h"
#include "base/time_format.h"

namespace interlude::api {

Result<Json> UserToJson(const ContentVault& vault, const store::UserRecord& user,
                        const crypto::SecretKey& data_key) {
  Json email = nullptr;
  if (!user.email_sealed.empty()) {
    ASSIGN_OR_RETURN(const std::string plain,
                     vault.Open(data_key, kEmailTable, user.id, user.id, user.email_sealed));
    email = plain;
  }
  return Json{{"id", user.id},
              {"handle", user.handle},
              {"role", store::RoleName(user.role)},
              {"email", email},
              {"country", user.country.empty() ? Json(nullptr) : Json(user.country)},
              {"created_at", FormatIso8601(user.created_at)}};
}

Result<std::string> NormalizeEmail(const std::string& raw) {
  size_t begin = 0;
  size_t end = raw.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(raw[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(raw[end - 1]))) --end;
  std::string email;
  for (size_t i = begin; i < end; ++i) {
    email.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(raw[i]))));
  }
  const size_t at = email.find('@');
  const bool shape_ok = at != std::string::npos && at > 0 && email.find('@', at + 1) == std::string::npos &&
                        email.find('.', at) != std::string::npos && email.back() != '.' &&
                        email.size() <= 254;
  bool chars_ok = true;
  for (const char c : email) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '<' || c == '>' || c == ',' || c == ';') chars_ok = false;
  }
  if (!shape_ok || !chars_ok) {
    return InvalidArgument("that does not look like an e-mail address", "email");
  }
  return email;
}

Status ValidateCountry(const std::string& code) {
  if (IsIsoCountryCode(code)) return OkStatus();
  return InvalidArgument("country must be a two-letter ISO 3166-1 code such as US or GB",
                         "country");
}

}  // namespace interlude::api
