// Api: the JSON contract (docs/api.md). Routes a plain HttpRequest to its handler after
// the common steps — authentication, the origin check, body decoding — and turns the
// outcome into an HttpResponse through the one error table (api_error.h).
//
// Thread-safety: Handle may be called from many threads at once.
#pragma once

#include "api/api_context.h"
#include "api/http_types.h"

namespace interlude::api {

class Api {
 public:
  // `analyzer` may be null (then writes carry no analysis), `safety` too (then no
  // resources or messages), `notifier` (then no outbound alert notices) and `instruments`
  // (then the questionnaire endpoints answer 503) and `mirror` (then no reflections, and the
  // companion and exercise endpoints answer 503).
  Api(store::Store& store, const Clock& clock, const ContentVault& vault, ApiOptions options,
      const text::Analyzer* analyzer = nullptr, const safety::SafetyLayer* safety = nullptr,
      AlertNotifier* notifier = nullptr, const care::InstrumentSet* instruments = nullptr,
      const mirror::Mirror* mirror = nullptr)
      : deps_{store,    clock,  vault,    std::move(options), analyzer,
              safety,   notifier, instruments, mirror} {}

  // Serves one request whose path starts with /api/. Never throws; bad input is never a 500.
  HttpResponse Handle(const HttpRequest& request);

 private:
  HttpResponse Serve(RequestContext& ctx);
  ApiDeps deps_;
};

}  // namespace interlude::api
