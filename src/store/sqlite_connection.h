// A thin RAII layer over one sqlite3 connection: open with our pragmas, cached prepared
// statements, and SQLite result codes mapped to Status.
//
// Thread-safety: a Connection is used by one thread at a time (the database hands them out).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/status.h"

namespace interlude::store {

class Connection;

// A prepared statement borrowed from a connection's cache; reset and unbound when it goes.
class Statement {
 public:
  Statement(sqlite3_stmt* stmt, Connection* conn) : stmt_(stmt), conn_(conn) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept : stmt_(other.stmt_), conn_(other.conn_) {
    other.stmt_ = nullptr;
  }

  // Parameters are 1-based, as in SQLite.
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, std::int64_t value);
  Statement& BindBlob(int index, std::string_view bytes);
  // Binds NULL when `text` is empty.
  Statement& BindOrNull(int index, std::string_view text);
  Statement& BindBlobOrNull(int index, std::string_view bytes);

  // Advances; true when a row is ready, false when done. Errors map as Connection::Check.
  Result<bool> Step();
  // Runs to completion; the statement must produce no rows.
  Status Run();

  std::string Text(int column) const;  // "" for NULL
  std::string Blob(int column) const;  // "" for NULL
  std::int64_t Int(int column) const;

 private:
  sqlite3_stmt* stmt_;
  Connection* conn_;
};

class Connection {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // Opens (creating when read-write) the database at `path` with foreign keys on, a busy
  // timeout and, for the writer, WAL with synchronous=FULL.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, Mode mode);
  ~Connection();

  // Runs one or more statements without results.
  Status Exec(const char* sql);
  // A cached prepared statement for `sql` (which must be a string literal or live forever).
  Result<Statement> Prepare(const char* sql);

  // Maps a SQLite result code to a Status: BUSY/LOCKED -> Unavailable, UNIQUE ->
  // AlreadyExists with the column as field, FOREIGNKEY -> NotFound, else -> Internal.
  Status Check(int rc) const;
  std::int64_t Changes() const { return sqlite3_changes64(db_); }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<const char*, sqlite3_stmt*> cache_;
};

}  // namespace interlude::store
