// Decoding request bodies: content type, size, UTF-8, nesting depth and JSON syntax at the
// edge, then typed field access that names the field at fault and refuses unknown fields.
//
// Thread-safety: ObjectReader is used by one request at a time.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "api/api_error.h"
#include "api/http_types.h"
#include "base/status.h"

namespace interlude::api {

using Json = nlohmann::json;

inline constexpr size_t kMaxBodyBytes = 256 * 1024;
inline constexpr int kMaxJsonDepth = 32;

// Parses the body of `request` as a JSON object. An empty body is treated as {} when
// `empty_is_object`. Errors: 413, 415, 400 malformed_json (with the byte position), 400
// invalid_argument for invalid UTF-8, excessive nesting or a non-object top level.
std::variant<Json, ApiError> ParseJsonObject(const HttpRequest& request, bool empty_is_object);

// Typed access to the fields of one JSON object. Every getter records the field as known;
// Finish() refuses any field that no getter asked for.
class ObjectReader {
 public:
  explicit ObjectReader(const Json& object, std::string prefix = "")
      : object_(object), prefix_(std::move(prefix)) {}

  // Text: must be a string of valid UTF-8 with at most `max_chars` code points.
  Result<std::string> RequiredString(const char* name, size_t max_chars);
  // Absent or null -> nullopt.
  Result<std::optional<std::string>> OptionalString(const char* name, size_t max_chars);
  Result<std::optional<std::int64_t>> OptionalInt(const char* name, std::int64_t lo,
                                                  std::int64_t hi);
  Result<std::int64_t> RequiredInt(const char* name, std::int64_t lo, std::int64_t hi);
  Result<std::optional<double>> OptionalNumber(const char* name, double lo, double hi);
  // Absent or null -> nullopt; present must be true or false.
  Result<std::optional<bool>> OptionalBool(const char* name);
  // Absent or null -> empty. Each item a string of at most `max_chars`.
  Result<std::vector<std::string>> OptionalStringArray(const char* name, size_t max_items,
                                                       size_t max_chars);
  // Absent or null -> nullptr; present must be an object.
  Result<const Json*> OptionalObject(const char* name);
  bool Has(const char* name) const;

  // InvalidArgument naming the first field no getter asked for.
  Status Finish() const;

 private:
  std::string FieldName(const char* name) const { return prefix_ + name; }
  const Json& object_;
  std::string prefix_;
  std::set<std::string> known_;
};

}  // namespace interlude::api
