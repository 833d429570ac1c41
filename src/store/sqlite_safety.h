// SQLite implementations of the safety and link repositories (alerts, recent risk history,
// invitations, client-clinician links), and the alert insert that record writes share so an
// item and its alert commit together.
//
// Thread-safety: as store.h — safe from many threads; each call is one read or one write.
#pragma once

#include <memory>

#include "store/sqlite_database.h"
#include "store/store.h"

namespace interlude::store {

// Inserts `alert` on `c` (inside the caller's write).
Status InsertAlert(Connection& c, const AlertRecord& alert);

std::unique_ptr<SafetyRepository> NewSqliteSafetyRepository(SqliteDatabase& db);
std::unique_ptr<LinkRepository> NewSqliteLinkRepository(SqliteDatabase& db);

}  // namespace interlude::store
