// SCAFFOLD — The client's view of who looked at their data (H2).
#include "api/handlers.h"

namespace interlude::api {

Result<Reply> HandleAccessLog(ApiDeps&, RequestContext&) { return Internal("not built yet"); }

}  // namespace interlude::api
