// Group-commit writer and reader pool.
#include "store/sqlite_database.h"

#include <algorithm>
#include <exception>
#include <future>

#include "base/log.h"
#include "store/migrations.h"

namespace interlude::store {

struct SqliteDatabase::Job {
  std::function<Status(Connection&)> fn;
  bool checkpoint = false;
  std::promise<Status> done;
};

namespace {

// Runs one write; a throw (allocation failure, a bug) fails that write, not the process.
Status RunJob(const std::function<Status(Connection&)>& fn, Connection& conn) {
  try {
    return fn(conn);
  } catch (const std::exception&) {
    return Internal("write failed with an exception");
  }
}

}  // namespace

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const std::string& path,
                                                             int readers) {
  std::unique_ptr<SqliteDatabase> db(new SqliteDatabase());
  ASSIGN_OR_RETURN(db->writer_, Connection::Open(path, Connection::Mode::kReadWrite));
  ASSIGN_OR_RETURN(db->schema_version_, Migrate(*db->writer_));
  for (int i = 0; i < std::max(1, readers); ++i) {
    ASSIGN_OR_RETURN(auto reader, Connection::Open(path, Connection::Mode::kReadOnly));
    db->idle_readers_.push_back(std::move(reader));
  }
  db->writer_thread_ = std::thread([raw = db.get()] { raw->WriterLoop(); });
  return db;
}

SqliteDatabase::~SqliteDatabase() {
  {
    std::lock_guard<std::mutex> lock(queue_mu_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  if (writer_thread_.joinable()) writer_thread_.join();
}

Status SqliteDatabase::Write(std::function<Status(Connection&)> fn) {
  return EnqueueAndWait(std::move(fn), false);
}

Status SqliteDatabase::WriteThenCheckpoint(std::function<Status(Connection&)> fn) {
  return EnqueueAndWait(std::move(fn), true);
}

void SqliteDatabase::WriteBehind(std::function<Status(Connection&)> fn) {
  auto job = std::make_shared<Job>();
  job->fn = [fn = std::move(fn)](Connection& c) {
    Status st = fn(c);
    if (!st.ok()) {
      Log(LogLevel::kWarn, "store.write_behind_failed",
          {{"code", LogId(StatusCodeName(st.code()))}});
    }
    return st;
  };
  (void)Enqueue(std::move(job));  // nobody waits: the queue keeps the job until it is done
}

bool SqliteDatabase::Enqueue(std::shared_ptr<Job> job) {
  {
    std::lock_guard<std::mutex> lock(queue_mu_);
    if (stopping_) return false;
    queue_.push_back(std::move(job));
  }
  queue_cv_.notify_one();
  return true;
}

Status SqliteDatabase::EnqueueAndWait(std::function<Status(Connection&)> fn, bool checkpoint) {
  // Shared with the writer thread, which may still be inside set_value() when we return.
  auto job = std::make_shared<Job>();
  job->fn = std::move(fn);
  job->checkpoint = checkpoint;
  auto done = job->done.get_future();
  if (!Enqueue(std::move(job))) return Unavailable("the server is shutting down");
  return done.get();
}

void SqliteDatabase::WriterLoop() {
  std::vector<std::shared_ptr<Job>> batch;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(queue_mu_);
      queue_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued has been written
      batch.swap(queue_);
    }
    std::vector<Status> results(batch.size());
    Status txn = writer_->Exec("BEGIN IMMEDIATE");
    if (txn.ok()) {
      for (size_t i = 0; i < batch.size(); ++i) {
        txn = writer_->Exec("SAVEPOINT job");
        if (!txn.ok()) break;
        results[i] = RunJob(batch[i]->fn, *writer_);
        txn = results[i].ok() ? writer_->Exec("RELEASE job")
                              : writer_->Exec("ROLLBACK TO job; RELEASE job");
        if (!txn.ok()) break;
      }
      if (txn.ok()) txn = writer_->Exec("COMMIT");
      if (!txn.ok()) (void)writer_->Exec("ROLLBACK");
    }
    const bool checkpoint = std::any_of(batch.begin(), batch.end(),
                                        [](const auto& job) { return job->checkpoint; });
    if (txn.ok() && checkpoint) {
      (void)writer_->Exec("PRAGMA wal_checkpoint(TRUNCATE)");  // busy readers: next time
    }
    if (!txn.ok()) {
      Log(LogLevel::kError, "store.commit_failed", {{"code", LogId(StatusCodeName(txn.code()))},
                                                    {"batch", static_cast<int>(batch.size())}});
    }
    {
      std::lock_guard<std::mutex> lock(queue_mu_);
      ++commits_;
      writes_ += batch.size();
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      batch[i]->done.set_value(txn.ok() ? results[i]
                                        : Unavailable("the write could not be committed"));
    }
    batch.clear();
  }
}

Status SqliteDatabase::Read(const std::function<Status(Connection&)>& fn) {
  std::unique_ptr<Connection> conn;
  {
    std::unique_lock<std::mutex> lock(pool_mu_);
    pool_cv_.wait(lock, [this] { return !idle_readers_.empty(); });
    conn = std::move(idle_readers_.back());
    idle_readers_.pop_back();
  }
  // The connection goes back to the pool however `fn` ends.
  struct Return {
    SqliteDatabase* db;
    std::unique_ptr<Connection>& conn;
    ~Return() {
      {
        std::lock_guard<std::mutex> lock(db->pool_mu_);
        db->idle_readers_.push_back(std::move(conn));
      }
      db->pool_cv_.notify_one();
    }
  } give_back{this, conn};
  return RunJob(fn, *conn);
}

std::uint64_t SqliteDatabase::commits() const {
  std::lock_guard<std::mutex> lock(queue_mu_);
  return commits_;
}

std::uint64_t SqliteDatabase::writes() const {
  std::lock_guard<std::mutex> lock(queue_mu_);
  return writes_;
}

}  // namespace interlude::store
