// An online copy of a live SQLite database (the sqlite3_backup API), used by
// `interlude backup`. The copy is taken inside one read transaction on a connection of its
// own, a few pages per step: in WAL mode the serving writers are never blocked by it, and
// the copy is one consistent snapshot (no restarts however much is written meanwhile).
//
// Thread-safety: a free function; opens and closes its own connections.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "base/status.h"

namespace interlude::store {

struct BackupStats {
  std::int64_t pages = 0;
  std::int64_t bytes = 0;
  std::int64_t steps = 0;
};

// Copies the database at `source_path` into `dest_path` (which must not exist or be an
// empty file the caller created, e.g. with mode 0600), `pages_per_step` pages at a time.
// The copy is left in rollback-journal mode, so opening it later makes no -wal/-shm files.
// `after_step` (tests) runs between steps. Unavailable when the source stays busy;
// Internal for other SQLite errors.
Result<BackupStats> BackupDatabase(const std::string& source_path, const std::string& dest_path,
                                   int pages_per_step,
                                   const std::function<void()>& after_step = {});

}  // namespace interlude::store
