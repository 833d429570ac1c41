// SCAFFOLD — A clinician's reads of one linked client's shared data (H2).
#include "api/handlers.h"

namespace interlude::api {

Result<Reply> HandleClinicianClient(ApiDeps&, RequestContext&) { return Internal("not built yet"); }
Result<Reply> HandleClinicianCheckins(ApiDeps&, RequestContext&) { return Internal("not built yet"); }
Result<Reply> HandleClinicianInsights(ApiDeps&, RequestContext&) { return Internal("not built yet"); }
Result<Reply> HandleClinicianEntries(ApiDeps&, RequestContext&) { return Internal("not built yet"); }
Result<Reply> HandleClinicianAssessments(ApiDeps&, RequestContext&) { return Internal("not built yet"); }
Result<Reply> HandleClinicianConversations(ApiDeps&, RequestContext&) { return Internal("not built yet"); }
Result<Reply> HandleClinicianClientAlerts(ApiDeps&, RequestContext&) { return Internal("not built yet"); }

}  // namespace interlude::api
