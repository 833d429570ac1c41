// The SQLite implementation of the storage interface (store/store.h).
//
// Thread-safety: safe for concurrent use; reads use a pooled connection, writes go through
// the group-commit writer of SqliteDatabase.
#pragma once

#include <memory>
#include <string>

#include "store/sqlite_database.h"
#include "store/store.h"

namespace interlude::store {

// Opens or creates `<data_dir>/interlude.db`. `readers`: size of the reader pool.
// FailedPrecondition when the database is from a newer version; Unavailable when it cannot
// be opened; Internal when a migration fails.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& db_path, int readers);

// The database file name inside a data directory.
inline constexpr char kDatabaseFile[] = "interlude.db";

}  // namespace interlude::store
