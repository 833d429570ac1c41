// SCAFFOLD — The clinic admin: list and create the clinic's clinicians (H1).
#include "api/handlers.h"

namespace interlude::api {

Result<Reply> HandleListClinicians(ApiDeps&, RequestContext&) { return Internal("not built yet"); }
Result<Reply> HandleCreateClinician(ApiDeps&, RequestContext&) { return Internal("not built yet"); }

}  // namespace interlude::api
