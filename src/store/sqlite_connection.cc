// SQLite connection and statement wrappers.
#include "store/sqlite_connection.h"

namespace interlude::store {

Statement::~Statement() {
  if (stmt_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Statement& Statement::Bind(int index, std::string_view text) {
  sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Statement& Statement::Bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindOrNull(int index, std::string_view text) {
  if (text.empty()) {
    sqlite3_bind_null(stmt_, index);
    return *this;
  }
  return Bind(index, text);
}

Statement& Statement::BindBlobOrNull(int index, std::string_view bytes) {
  if (bytes.empty()) {
    sqlite3_bind_null(stmt_, index);
    return *this;
  }
  return BindBlob(index, bytes);
}

Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return conn_->Check(rc);
}

Status Statement::Run() {
  ASSIGN_OR_RETURN(const bool row, Step());
  if (row) return Internal("statement unexpectedly returned rows");
  return OkStatus();
}

std::string Statement::Text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  if (p == nullptr) return {};
  return {reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::string Statement::Blob(int column) const {
  const void* p = sqlite3_column_blob(stmt_, column);
  if (p == nullptr) return {};
  return {static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, Mode mode) {
  sqlite3* db = nullptr;
  const int flags = (mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY
                                             : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = "cannot open database " + path + ": " +
                      (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return Unavailable(msg);
  }
  std::unique_ptr<Connection> conn(new Connection(db));
  sqlite3_extended_result_codes(db, 1);
  RETURN_IF_ERROR(conn->Exec("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;"));
  if (mode == Mode::kReadWrite) {
    // secure_delete: freed space is zeroed, so a shredded key or deleted entry does not
    // linger in the file's free pages.
    RETURN_IF_ERROR(conn->Exec(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA secure_delete = ON;"));
  } else {
    RETURN_IF_ERROR(conn->Exec("PRAGMA query_only = ON;"));
  }
  return conn;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Status Connection::Exec(const char* sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  sqlite3_free(err);
  return rc == SQLITE_OK ? OkStatus() : Check(rc);
}

Result<Statement> Connection::Prepare(const char* sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return Check(rc);
    it = cache_.emplace(sql, stmt).first;
  }
  return Statement(it->second, this);
}

Status Connection::Check(int rc) const {
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return OkStatus();
  const int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return Unavailable("the database is busy; try again");
  }
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
    // "UNIQUE constraint failed: users.handle" -> field "handle".
    std::string msg = sqlite3_errmsg(db_);
    const size_t dot = msg.rfind('.');
    return AlreadyExists("already exists", dot == std::string::npos ? "" : msg.substr(dot + 1));
  }
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
    return NotFound("the owner of this item no longer exists");  // raced a deletion
  }
  return Internal(std::string("sqlite: ") + sqlite3_errstr(rc) + " (" + sqlite3_errmsg(db_) +
                  ")");
}

}  // namespace interlude::store
