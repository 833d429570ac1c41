// HttpRequest helpers.
#include "api/http_types.h"

namespace interlude::api {

const std::string& HttpRequest::Header(const std::string& lower_name) const {
  static const std::string kEmpty;
  const auto it = headers.find(lower_name);
  return it == headers.end() ? kEmpty : it->second;
}

}  // namespace interlude::api
