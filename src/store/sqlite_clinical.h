// SQLite implementations of the clinician side's repositories: second factors, the
// hash-chained access log and recorded therapy sessions.
//
// Thread-safety: as store.h — safe from many threads; each call is one read or one write.
#pragma once

#include <memory>

#include "store/sqlite_database.h"
#include "store/store.h"

namespace interlude::store {

std::unique_ptr<TwoFactorRepository> NewSqliteTwoFactorRepository(SqliteDatabase& db);
std::unique_ptr<AuditRepository> NewSqliteAuditRepository(SqliteDatabase& db);
std::unique_ptr<ClinicalSessionRepository> NewSqliteClinicalSessionRepository(SqliteDatabase& db);

}  // namespace interlude::store
