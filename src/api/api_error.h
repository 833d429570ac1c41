// The one table that maps failures to HTTP: a Status (or a transport-level problem such as
// malformed JSON) becomes a status code, a stable error code, a human sentence and the
// request id. Internal messages never reach the client.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "api/http_types.h"
#include "base/status.h"

namespace interlude::api {

struct ApiError {
  int http_status = 500;
  std::string code;     // stable, snake_case
  std::string message;  // a sentence for people
  std::string field;    // the request field at fault, or ""
};

// Maps a non-OK Status through the table. Internal and DataLoss become a generic sentence.
ApiError ErrorFromStatus(const Status& status);

// Transport-level errors that are not Status codes.
ApiError MalformedJson(size_t byte_position);
ApiError PayloadTooLarge(size_t limit_bytes);
ApiError UnsupportedMediaType();
ApiError MethodNotAllowed();
ApiError OriginMismatch();
ApiError RouteNotFound();

// Builds the JSON error response with the request id.
HttpResponse ErrorResponse(const ApiError& error, const std::string& request_id);

}  // namespace interlude::api
