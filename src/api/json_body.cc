// Request body decoding and typed field access.
#include "api/json_body.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "base/utf8.h"

namespace interlude::api {
namespace {

bool IsJsonContentType(const std::string& value) {
  std::string lower;
  for (const char c : value) {
    if (c == ';') break;
    if (c != ' ' && c != '\t') lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return lower == "application/json";
}

// Deepest nesting of arrays and objects outside strings; stops counting past `limit`.
int NestingDepth(const std::string& body, int limit) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : body) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

// How a field is named to people: "sleep_hours" -> "sleep hours", "fields.mood_before" ->
// "mood before". (The `field` member keeps the exact name for programs.)
std::string HumanName(const std::string& field) {
  std::string name = field.rfind("fields.", 0) == 0 ? field.substr(7) : field;
  for (char& c : name) {
    if (c == '_') c = ' ';
  }
  return name;
}

ApiError Invalid(std::string message, std::string field = {}) {
  return {400, "invalid_argument", std::move(message), std::move(field)};
}

const char* TypeName(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::string: return "a string";
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return "an object";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "a number";
    default: return "an unsupported value";
  }
}

Status CheckText(const Json& v, const std::string& field, size_t max_chars) {
  const std::string name = HumanName(field);
  if (!v.is_string()) return InvalidArgument(name + " must be text, not " + TypeName(v), field);
  const auto& s = v.get_ref<const std::string&>();
  if (!IsValidUtf8(s)) return InvalidArgument(name + " is not valid UTF-8", field);
  if (CodePointCount(s) > max_chars) {
    return InvalidArgument(name + " is too long: at most " + std::to_string(max_chars) +
                               " characters",
                           field);
  }
  return OkStatus();
}

}  // namespace

std::variant<Json, ApiError> ParseJsonObject(const HttpRequest& request, bool empty_is_object) {
  if (request.body.size() > kMaxBodyBytes) return PayloadTooLarge(kMaxBodyBytes);
  const bool blank = std::all_of(request.body.begin(), request.body.end(),
                                 [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
  if (blank && empty_is_object) return Json::object();
  if (!IsJsonContentType(request.Header("content-type"))) return UnsupportedMediaType();
  if (blank) return Invalid("the request body is empty; a JSON object was expected");
  if (!IsValidUtf8(request.body)) return Invalid("the request body is not valid UTF-8");
  if (NestingDepth(request.body, kMaxJsonDepth) > kMaxJsonDepth) {
    return Invalid("the request body is nested too deeply");
  }
  Json parsed;
  try {
    parsed = Json::parse(request.body);
  } catch (const Json::parse_error& e) {
    return MalformedJson(e.byte);
  } catch (const Json::exception&) {
    return Invalid("the request body contains a number that is out of range");
  }
  if (!parsed.is_object()) return Invalid("the request body must be a JSON object");
  return parsed;
}

bool ObjectReader::Has(const char* name) const {
  const auto it = object_.find(name);
  return it != object_.end() && !it->is_null();
}

Result<std::string> ObjectReader::RequiredString(const char* name, size_t max_chars) {
  known_.insert(name);
  const auto it = object_.find(name);
  if (it == object_.end() || it->is_null()) {
    return InvalidArgument(HumanName(FieldName(name)) + " is required", FieldName(name));
  }
  RETURN_IF_ERROR(CheckText(*it, FieldName(name), max_chars));
  return it->get<std::string>();
}

Result<std::optional<std::string>> ObjectReader::OptionalString(const char* name,
                                                                size_t max_chars) {
  known_.insert(name);
  const auto it = object_.find(name);
  if (it == object_.end() || it->is_null()) return std::optional<std::string>();
  RETURN_IF_ERROR(CheckText(*it, FieldName(name), max_chars));
  return std::optional<std::string>(it->get<std::string>());
}

Result<std::int64_t> ObjectReader::RequiredInt(const char* name, std::int64_t lo,
                                               std::int64_t hi) {
  ASSIGN_OR_RETURN(const auto v, OptionalInt(name, lo, hi));
  if (!v) return InvalidArgument(HumanName(FieldName(name)) + " is required", FieldName(name));
  return *v;
}

Result<std::optional<std::int64_t>> ObjectReader::OptionalInt(const char* name, std::int64_t lo,
                                                              std::int64_t hi) {
  known_.insert(name);
  const auto it = object_.find(name);
  if (it == object_.end() || it->is_null()) return std::optional<std::int64_t>();
  const std::string field = FieldName(name);
  const std::string human = HumanName(field);
  const std::string range = " from " + std::to_string(lo) + " to " + std::to_string(hi);
  if (!it->is_number_integer()) {
    return InvalidArgument(human + " must be a whole number" + range, field);
  }
  if (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(hi)) {
    return InvalidArgument(human + " must be" + range, field);
  }
  const auto v = it->get<std::int64_t>();
  if (v < lo || v > hi) return InvalidArgument(human + " must be" + range, field);
  return std::optional<std::int64_t>(v);
}

Result<std::optional<bool>> ObjectReader::OptionalBool(const char* name) {
  known_.insert(name);
  const auto it = object_.find(name);
  if (it == object_.end() || it->is_null()) return std::optional<bool>();
  const std::string field = FieldName(name);
  if (!it->is_boolean()) return InvalidArgument(HumanName(field) + " must be true or false", field);
  return std::optional<bool>(it->get<bool>());
}

Result<std::optional<double>> ObjectReader::OptionalNumber(const char* name, double lo,
                                                           double hi) {
  known_.insert(name);
  const auto it = object_.find(name);
  if (it == object_.end() || it->is_null()) return std::optional<double>();
  const std::string field = FieldName(name);
  if (!it->is_number()) return InvalidArgument(HumanName(field) + " must be a number", field);
  const double v = it->get<double>();
  if (!std::isfinite(v) || v < lo || v > hi) {
    char buf[96];
    std::snprintf(buf, sizeof buf, " must be between %g and %g", lo, hi);
    return InvalidArgument(HumanName(field) + buf, field);
  }
  return std::optional<double>(v);
}

Result<std::vector<std::string>> ObjectReader::OptionalStringArray(const char* name,
                                                                   size_t max_items,
                                                                   size_t max_chars) {
  known_.insert(name);
  std::vector<std::string> out;
  const auto it = object_.find(name);
  if (it == object_.end() || it->is_null()) return out;
  const std::string field = FieldName(name);
  if (!it->is_array()) return InvalidArgument(HumanName(field) + " must be a list of words", field);
  if (it->size() > max_items) {
    return InvalidArgument(HumanName(field) + " has too many items: at most " + std::to_string(max_items),
                           field);
  }
  for (const Json& item : *it) {
    RETURN_IF_ERROR(CheckText(item, field, max_chars));
    out.push_back(item.get<std::string>());
  }
  return out;
}

Result<const Json*> ObjectReader::OptionalObject(const char* name) {
  known_.insert(name);
  const auto it = object_.find(name);
  if (it == object_.end() || it->is_null()) return static_cast<const Json*>(nullptr);
  if (!it->is_object()) {
    return InvalidArgument(HumanName(FieldName(name)) + " must be an object", FieldName(name));
  }
  return &*it;
}

Status ObjectReader::Finish() const {
  for (const auto& [key, value] : object_.items()) {
    if (known_.count(key) == 0) {
      const std::string field = FieldName(key.c_str());
      return InvalidArgument("unknown field: " + field, field);
    }
  }
  return OkStatus();
}

}  // namespace interlude::api
