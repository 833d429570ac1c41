// SCAFFOLD — The clinician's caseload sorted by need (H2).
#include "api/handlers.h"

namespace interlude::api {

Result<Reply> HandleCaseload(ApiDeps&, RequestContext&) { return Internal("not built yet"); }

}  // namespace interlude::api
