// Status -> HTTP mapping and error bodies.
#include "api/api_error.h"

#include <nlohmann/json.hpp>

namespace interlude::api {

ApiError ErrorFromStatus(const Status& status) {
  ApiError e;
  e.code = std::string(StatusCodeName(status.code()));
  e.message = status.message();
  e.field = status.field();
  switch (status.code()) {
    case StatusCode::kOk:  // not an error; callers should not get here
    case StatusCode::kInternal:
    case StatusCode::kDataLoss:
      e.http_status = 500;
      e.code = "internal";
      e.message = "Something went wrong on our side. Nothing you saved was lost; please try "
                  "again in a moment.";
      e.field.clear();
      break;
    case StatusCode::kInvalidArgument: e.http_status = 400; break;
    case StatusCode::kUnauthenticated: e.http_status = 401; break;
    case StatusCode::kPermissionDenied: e.http_status = 403; break;
    case StatusCode::kNotFound: e.http_status = 404; break;
    case StatusCode::kAlreadyExists: e.http_status = 409; break;
    case StatusCode::kFailedPrecondition: e.http_status = 409; break;
    case StatusCode::kResourceExhausted: e.http_status = 429; break;
    case StatusCode::kUnavailable: e.http_status = 503; break;
  }
  return e;
}

ApiError MalformedJson(size_t byte_position) {
  return {400, "malformed_json",
          "the request body is not valid JSON (problem at byte " +
              std::to_string(byte_position) + ")",
          ""};
}

ApiError PayloadTooLarge(size_t limit_bytes) {
  return {413, "payload_too_large",
          "the request body is larger than " + std::to_string(limit_bytes / 1024) + " KiB", ""};
}

ApiError UnsupportedMediaType() {
  return {415, "unsupported_media_type", "the request body must be JSON (application/json)",
          ""};
}

ApiError MethodNotAllowed() {
  return {405, "method_not_allowed", "this method is not allowed on this path", ""};
}

ApiError OriginMismatch() {
  return {403, "origin_mismatch",
          "this request came from another site and was refused to protect your account", ""};
}

ApiError RouteNotFound() { return {404, "not_found", "there is nothing at this address", ""}; }

namespace {

// Messages are written as lower-case clauses so they compose; people get a sentence.
std::string AsSentence(std::string message) {
  if (message.empty()) return message;
  if (message[0] >= 'a' && message[0] <= 'z') message[0] = static_cast<char>(message[0] - 'a' + 'A');
  const char last = message.back();
  if (last != '.' && last != '?' && last != '!' && last != ')') message.push_back('.');
  return message;
}

}  // namespace

HttpResponse ErrorResponse(const ApiError& error, const std::string& request_id) {
  nlohmann::json body = {{"code", error.code},
                         {"message", AsSentence(error.message)},
                         {"request_id", request_id}};
  if (!error.field.empty()) body["field"] = error.field;
  HttpResponse r;
  r.status = error.http_status;
  // Messages may quote input; never let a stray byte stop the answer.
  r.body = nlohmann::json{{"error", body}}.dump(-1, ' ', false,
                                                nlohmann::json::error_handler_t::replace);
  return r;
}

}  // namespace interlude::api
