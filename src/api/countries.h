// ISO 3166-1 alpha-2 country codes (the officially assigned ones).
//
// Thread-safety: immutable static data.
#pragma once

#include <string_view>

namespace interlude::api {

// True when `code` is an officially assigned ISO 3166-1 alpha-2 code ("GB", "US").
bool IsIsoCountryCode(std::string_view code);

}  // namespace interlude::api
