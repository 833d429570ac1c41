// SCAFFOLD — Therapy sessions a clinician records or imports (H3).
#include "api/handlers.h"

namespace interlude::api {

Result<Reply> HandleListClinicalSessions(ApiDeps&, RequestContext&) { return Internal("not built yet"); }
Result<Reply> HandleCreateClinicalSession(ApiDeps&, RequestContext&) { return Internal("not built yet"); }
Result<Reply> HandleImportClinicalSessions(ApiDeps&, RequestContext&) { return Internal("not built yet"); }
Result<Reply> HandleDeleteClinicalSession(ApiDeps&, RequestContext&) { return Internal("not built yet"); }

}  // namespace interlude::api
