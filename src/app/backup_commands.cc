// `interlude backup` and `interlude restore`: an encrypted, consistent copy of the database
// (never the master key), taken while the server runs, and its atomic restore.
//
// The plaintext copy lives only inside the data directory (mode 0600) under a name with the
// process id, and is unlinked on every path out; a copy left by a killed process is removed
// by the next backup, restore or server start (RemoveStaleTempCopies).
//
// Thread-safety: each command runs on the main thread.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <vector>

#include "app/commands.h"
#include "app/data_dir.h"
#include "crypto/backup_file.h"
#include "store/sqlite_backup.h"
#include "store/sqlite_connection.h"

namespace interlude::app {
namespace {

namespace fs = std::filesystem;

constexpr int kPagesPerStep = 256;
constexpr int kRewrapBatch = 200;

// Removes a plaintext database copy (and any journal SQLite made beside it) on scope exit.
class TempCopy {
 public:
  TempCopy(const std::string& dir, const char* kind)
      : path_((fs::path(dir) / (std::string(".interlude-") + kind + "-" +
                                std::to_string(::getpid()) + ".db"))
                  .string()) {
    Remove();
  }
  ~TempCopy() { Remove(); }
  TempCopy(const TempCopy&) = delete;
  TempCopy& operator=(const TempCopy&) = delete;
  const std::string& path() const { return path_; }
  // Creates the empty file with mode 0600 before SQLite opens it.
  Status Create() const {
    const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return Internal("cannot create " + path_ + ": " + std::strerror(errno));
    ::close(fd);
    return OkStatus();
  }
  void Remove() const {
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) ::unlink((path_ + suffix).c_str());
  }

 private:
  std::string path_;
};

void SyncDir(const std::string& path) {
  std::string dir = fs::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

Result<std::int64_t> CountUsers(store::Connection& conn) {
  ASSIGN_OR_RETURN(auto stmt, conn.Prepare("SELECT count(*) FROM users WHERE wrapped_key IS NOT NULL"));
  ASSIGN_OR_RETURN(const bool row, stmt.Step());
  return row ? stmt.Int(0) : 0;
}

std::string Plural(std::int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

int RunBackup(const BackupFlags& flags) {
  const std::string& dir = flags.data_dir;
  std::error_code ec;
  if (fs::exists(flags.file, ec) && !flags.force) {
    return Fail(flags.file + " already exists; choose another file or pass --force to replace it");
  }
  if (!DataDirInitialised(dir)) {
    return Fail("no database in " + dir + "; nothing to back up");
  }
  auto lock = DataDirLock::Acquire(dir, false);
  if (!lock.ok()) return Fail(lock.status().message());
  RemoveStaleTempCopies(dir);
  auto ring = LoadDataDirKeyring(dir, ProcessEnv());
  if (!ring.ok()) return Fail(ring.status().message());
  {
    // A backup under the wrong key would be useless: check the key first.
    auto conn = store::Connection::Open(DataDirDbPath(dir), store::Connection::Mode::kReadOnly);
    if (!conn.ok()) return Fail(conn.status().message());
    auto check = ReadMeta(**conn, kKeyCheckMeta);
    if (!check.ok()) return Fail(check.status().message());
    if (*check && !api::ContentVault::VerifyKeyCheck(*ring, **check)) {
      return Fail("the master key does not match the database in " + dir + "; no backup was made");
    }
  }
  const TempCopy copy(dir, "backup");
  if (Status st = copy.Create(); !st.ok()) return Fail(st.message());
  auto stats = store::BackupDatabase(DataDirDbPath(dir), copy.path(), kPagesPerStep);
  if (!stats.ok()) return Fail(stats.status().message());
  std::int64_t users = 0;
  {
    auto conn = store::Connection::Open(copy.path(), store::Connection::Mode::kReadOnly);
    if (!conn.ok()) return Fail(conn.status().message());
    auto n = CountUsers(**conn);
    if (!n.ok()) return Fail(n.status().message());
    users = *n;
  }
  const std::string tmp_out = flags.file + ".tmp";
  ::unlink(tmp_out.c_str());
  if (Status st = crypto::EncryptBackupFile(ring->current(), copy.path(), tmp_out); !st.ok()) {
    return Fail(st.message());
  }
  if (::rename(tmp_out.c_str(), flags.file.c_str()) != 0) {
    const std::string err = std::strerror(errno);
    ::unlink(tmp_out.c_str());
    return Fail("cannot move the backup into place at " + flags.file + ": " + err);
  }
  SyncDir(flags.file);
  const auto size = fs::file_size(flags.file, ec);
  std::cout << "backup written to " << flags.file << ": " << (ec ? 0 : size) << " bytes, "
            << Plural(users, "user", "users") << " (database only: keep the master key "
            << "safe apart from it)\n";
  return 0;
}

int RunRestore(const RestoreFlags& flags) {
  const std::string& dir = flags.data_dir;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Fail("the data directory " + dir + " does not exist; run `interlude init --data-dir " +
                dir + "` and put the master key in it first");
  }
  if (!fs::exists(flags.file, ec)) return Fail("the backup file " + flags.file + " does not exist");
  auto lock = DataDirLock::Acquire(dir, true);
  if (!lock.ok()) return Fail(lock.status().message() + "; nothing was restored");
  RemoveStaleTempCopies(dir);
  auto ring = LoadDataDirKeyring(dir, ProcessEnv());
  if (!ring.ok()) return Fail(ring.status().message());
  crypto::MasterKeyring all = *ring;  // D's keys, then the --key-file keys
  if (!flags.key_file.empty()) {
    auto extra = crypto::LoadMasterKeyring(flags.key_file, nullptr);
    if (!extra.ok()) return Fail(extra.status().message());
    all.keys.insert(all.keys.end(), extra->keys.begin(), extra->keys.end());
  }
  const std::string unchanged = "; nothing in " + dir + " was changed";
  const TempCopy copy(dir, "restore");
  if (Status st = crypto::DecryptBackupFile(all.keys, flags.file, copy.path()); !st.ok()) {
    return Fail(st.message() + unchanged);
  }
  std::int64_t users = 0;
  std::int64_t rewrapped = 0;
  {
    auto conn = store::Connection::Open(copy.path(), store::Connection::Mode::kReadWrite);
    if (!conn.ok()) return Fail("the backup does not hold a readable database" + unchanged);
    store::Connection& c = **conn;
    {
      auto integrity = c.Prepare("PRAGMA integrity_check");
      if (!integrity.ok()) return Fail("the backup does not hold a readable database" + unchanged);
      auto row = integrity->Step();
      if (!row.ok() || !*row || integrity->Text(0) != "ok") {
        return Fail("the database in the backup fails SQLite's integrity check" + unchanged);
      }
    }
    auto check = ReadMeta(c, kKeyCheckMeta);
    if (!check.ok() || !*check) {
      return Fail("the backup's database has no master key check; it is not an Interlude "
                  "database" + unchanged);
    }
    if (!api::ContentVault::VerifyKeyCheck(all, **check)) {
      return Fail("the backup's database was written under a master key that is neither " +
                  DataDirKeyPath(dir) + " nor in --key-file" + unchanged);
    }
    // Bind the copy to D's current key: data keys wrapped under a retired key (from
    // --key-file) are re-wrapped, the index and audit keys pinned, the key check renewed.
    // A database never rotated derives its index and audit keys from the one key its
    // check was sealed under.
    const crypto::SecretKey* own = &all.keys.back();
    for (const crypto::SecretKey& k : all.keys) {
      if (api::ContentVault::VerifyKeyCheck(crypto::MasterKeyring{{k}}, **check)) {
        own = &k;
        break;
      }
    }
    Status st = PinStableKeys(c, all, *own);
    if (st.ok()) {
      auto n = RewrapDataKeys(c, all, kRewrapBatch);
      if (n.ok()) {
        rewrapped = *n;
      } else {
        st = n.status();
      }
    }
    if (st.ok()) st = ResealKeyCheck(c, ring->current());
    if (!st.ok()) {
      return Fail(st.message() + (flags.key_file.empty() ? " (pass the retired key with --key-file)" : "") +
                  unchanged);
    }
    auto n = CountUsers(c);
    if (!n.ok()) return Fail(n.status().message() + unchanged);
    users = *n;
    if (Status j = c.Exec("PRAGMA journal_mode = DELETE"); !j.ok()) return Fail(j.message() + unchanged);
  }
  // Fsync the copy, then swap it in: the stale WAL of the old database must not be replayed
  // onto the restored one.
  {
    const int fd = ::open(copy.path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
      if (fd >= 0) ::close(fd);
      return Fail("cannot sync the restored copy" + unchanged);
    }
    ::close(fd);
  }
  const std::string db = DataDirDbPath(dir);
  ::unlink((db + "-wal").c_str());
  ::unlink((db + "-shm").c_str());
  if (::rename(copy.path().c_str(), db.c_str()) != 0) {
    return Fail("cannot move the restored database into place: " + std::string(std::strerror(errno)));
  }
  SyncDir(db);
  std::cout << "restored " << flags.file << " into " << dir << ": "
            << Plural(users, "user", "users");
  if (rewrapped > 0) {
    std::cout << "; " << Plural(rewrapped, "data key", "data keys")
              << " re-wrapped under the current master key";
  }
  std::cout << "\n";
  return 0;
}

}  // namespace interlude::app
