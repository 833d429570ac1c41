// Numbered schema migrations for the SQLite store. Migration N takes user_version N-1 to N.
//
// Thread-safety: run once at start, on the writer connection, before any other use.
#pragma once

#include "base/status.h"
#include "store/sqlite_connection.h"

namespace interlude::store {

// The schema version this build writes.
int LatestSchemaVersion();

// Applies every pending migration inside one transaction. Returns FailedPrecondition,
// touching nothing, when the database was written by a newer Interlude.
Result<int> Migrate(Connection& conn);

}  // namespace interlude::store
