// SqliteDatabase: one writer connection behind a group-commit thread, and a pool of reader
// connections. Many concurrent writes share one durable commit; each write runs inside its
// own savepoint, so one failing write does not undo the others in its batch.
//
// Thread-safety: Read and Write may be called from any number of threads. The callbacks
// run on a connection that no other thread uses meanwhile.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/status.h"
#include "store/sqlite_connection.h"

namespace interlude::store {

class SqliteDatabase {
 public:
  // Opens `path` (":memory:" is not supported: readers need a shared file), applies
  // migrations and starts the writer. `readers` is the size of the reader pool.
  static Result<std::unique_ptr<SqliteDatabase>> Open(const std::string& path, int readers);
  ~SqliteDatabase();  // finishes queued writes, then closes

  // Runs `fn` in a transaction shared with other queued writes; returns when the commit is
  // durable (or `fn`'s own error). Unavailable when the commit itself fails.
  Status Write(std::function<Status(Connection&)> fn);

  // Like Write, and after the commit truncates the write-ahead log (best effort), so the
  // bytes the write replaced do not linger in it. For crypto-shredding.
  Status WriteThenCheckpoint(std::function<Status(Connection&)> fn);

  // Queues `fn` for the next commit and returns at once, without waiting for it to be
  // durable. Only for state that may be lost in a crash (the reflection memory); a failure
  // is logged by its code. Readers may not see it until that commit.
  void WriteBehind(std::function<Status(Connection&)> fn);

  // Runs `fn` on a reader connection (sees every write whose Write has returned).
  Status Read(const std::function<Status(Connection&)>& fn);

  int schema_version() const { return schema_version_; }

  // How many commits and writes so far (for metrics and tests of group commit).
  std::uint64_t commits() const;
  std::uint64_t writes() const;

 private:
  struct Job;
  SqliteDatabase() = default;
  bool Enqueue(std::shared_ptr<Job> job);  // false once stopping
  Status EnqueueAndWait(std::function<Status(Connection&)> fn, bool checkpoint);
  void WriterLoop();

  std::unique_ptr<Connection> writer_;
  int schema_version_ = 0;

  mutable std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::vector<std::shared_ptr<Job>> queue_;
  bool stopping_ = false;
  std::uint64_t commits_ = 0;
  std::uint64_t writes_ = 0;
  std::thread writer_thread_;

  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
};

}  // namespace interlude::store
