// Homework as stored: one sealed record per assignment in the client's `assignments`
// collection (kind = the assignment kind, sort_at = the due date at 00:00 UTC), its body the
// assignment object of docs/api.md "Homework" without `id` (the record's id) and with
// `assigned_by` as the clinician's id. Shared by the homework endpoints and the brief.
//
// Thread-safety: stateless functions over thread-safe dependencies.
#pragma once

#include <string>
#include <vector>

#include "api/api_context.h"

namespace interlude::api {

// Every assignment of `client` (whose data key is `key`) as API objects (docs/api.md),
// due first and open before done. `assigned_by` (when not empty) keeps only those set by
// that clinician. Unreadable rows are skipped. Errors: the store's.
Result<std::vector<Json>> ListAssignmentJson(ApiDeps& deps, const store::UserRecord& client,
                                             const crypto::SecretKey& key,
                                             const std::string& assigned_by = "");

}  // namespace interlude::api
