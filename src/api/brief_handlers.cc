// SCAFFOLD — The pre-session brief and note drafts (H3).
#include "api/handlers.h"

namespace interlude::api {

Result<Reply> HandleBrief(ApiDeps&, RequestContext&) { return Internal("not built yet"); }
Result<Reply> HandleNoteDraft(ApiDeps&, RequestContext&) { return Internal("not built yet"); }

}  // namespace interlude::api
