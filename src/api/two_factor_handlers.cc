// SCAFFOLD — Clinicians' second factor: new recovery codes (helper H1 fills this in).
#include "api/handlers.h"

namespace interlude::api {

Result<Reply> HandleNewTwoFactorRecoveryCodes(ApiDeps&, RequestContext&) { return Internal("not built yet"); }

}  // namespace interlude::api
