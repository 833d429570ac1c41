// SCAFFOLD — Homework: set by a linked clinician, done by the client (H4).
#include "api/handlers.h"

namespace interlude::api {

Result<Reply> HandleCreateAssignment(ApiDeps&, RequestContext&) { return Internal("not built yet"); }
Result<Reply> HandleClinicianAssignments(ApiDeps&, RequestContext&) { return Internal("not built yet"); }
Result<Reply> HandleDeleteAssignment(ApiDeps&, RequestContext&) { return Internal("not built yet"); }
Result<Reply> HandleMyAssignments(ApiDeps&, RequestContext&) { return Internal("not built yet"); }
Result<Reply> HandlePatchAssignment(ApiDeps&, RequestContext&) { return Internal("not built yet"); }

}  // namespace interlude::api
