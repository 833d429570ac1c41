// Online backup of a live database with sqlite3_backup_init/step/finish.
#include "store/sqlite_backup.h"

#include <sqlite3.h>

namespace interlude::store {
namespace {

// Closes a raw connection on scope exit.
struct Db {
  sqlite3* db = nullptr;
  ~Db() {
    if (db != nullptr) sqlite3_close_v2(db);
  }
};

Status Fail(sqlite3* db, const std::string& what) {
  const int code = sqlite3_errcode(db) & 0xff;
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
    return Unavailable("the database stayed busy while " + what + "; try again");
  }
  return Internal("SQLite error while " + what + ": " + sqlite3_errmsg(db));
}

}  // namespace

Result<BackupStats> BackupDatabase(const std::string& source_path, const std::string& dest_path,
                                   int pages_per_step,
                                   const std::function<void()>& after_step) {
  Db src;
  if (sqlite3_open_v2(source_path.c_str(), &src.db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    return Fail(src.db, "opening the database to copy");
  }
  sqlite3_busy_timeout(src.db, 5000);
  // One read transaction for the whole copy: a stable snapshot that, in WAL mode, does not
  // block writers in other connections or processes.
  if (sqlite3_exec(src.db, "BEGIN; SELECT count(*) FROM sqlite_master;", nullptr, nullptr,
                   nullptr) != SQLITE_OK) {
    return Fail(src.db, "starting the read transaction");
  }
  Db dest;
  if (sqlite3_open_v2(dest_path.c_str(), &dest.db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    return Fail(dest.db, "creating the copy");
  }
  sqlite3_busy_timeout(dest.db, 5000);
  sqlite3_backup* backup = sqlite3_backup_init(dest.db, "main", src.db, "main");
  if (backup == nullptr) return Fail(dest.db, "starting the copy");
  BackupStats stats;
  int rc = SQLITE_OK;
  int busy_rounds = 0;
  for (;;) {
    rc = sqlite3_backup_step(backup, pages_per_step);
    ++stats.steps;
    if (rc == SQLITE_DONE) break;
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      if (++busy_rounds > 1000) break;
      sqlite3_sleep(10);
      continue;
    }
    if (rc != SQLITE_OK) break;
    if (after_step) after_step();
  }
  stats.pages = sqlite3_backup_pagecount(backup);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      return Unavailable("the database stayed busy while copying it; try again");
    }
    return Internal(std::string("SQLite error while copying the database: ") + sqlite3_errstr(rc));
  }
  sqlite3_exec(src.db, "COMMIT", nullptr, nullptr, nullptr);
  // A standalone file: rollback journal, no -wal/-shm next to it.
  if (sqlite3_exec(dest.db, "PRAGMA journal_mode = DELETE;", nullptr, nullptr, nullptr) !=
      SQLITE_OK) {
    return Fail(dest.db, "finishing the copy");
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(dest.db, "PRAGMA page_size", -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    stats.bytes = stats.pages * sqlite3_column_int64(stmt, 0);
  }
  sqlite3_finalize(stmt);
  return stats;
}

}  // namespace interlude::store
