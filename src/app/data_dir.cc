// Data directory initialisation, the start-up key check, the directory lock and the
// key-rotation helpers.
#include "app/data_dir.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <utility>
#include <vector>

#include "store/sqlite_store.h"

namespace interlude::app {
namespace {

namespace fs = std::filesystem;

// The key file, or "" when the key comes from the environment.
std::string KeyFileFor(const std::string& dir, bool from_env) {
  return from_env ? std::string() : DataDirKeyPath(dir);
}

// Meta values read without writing anything (read-only connection).
Result<std::pair<std::optional<std::string>, std::optional<std::string>>> ReadKeyMeta(
    const std::string& db_path) {
  ASSIGN_OR_RETURN(auto conn, store::Connection::Open(db_path, store::Connection::Mode::kReadOnly));
  ASSIGN_OR_RETURN(auto check, ReadMeta(*conn, kKeyCheckMeta));
  ASSIGN_OR_RETURN(auto stable, ReadMeta(*conn, kStableKeysMeta));
  return std::make_pair(std::move(check), std::move(stable));
}

constexpr char kNotCurrentSql[] =
    "SELECT id, wrapped_key FROM users WHERE wrapped_key IS NOT NULL AND "
    "length(wrapped_key) > 0 AND (length(wrapped_key) <> ?1 OR substr(wrapped_key, 2, ?2) <> ?3) "
    "AND id > ?4 ORDER BY id LIMIT ?5";
constexpr char kCountNotCurrentSql[] =
    "SELECT count(*) FROM users WHERE wrapped_key IS NOT NULL AND "
    "length(wrapped_key) > 0 AND (length(wrapped_key) <> ?1 OR substr(wrapped_key, 2, ?2) <> ?3)";
constexpr char kUpdateWrappedSql[] =
    "UPDATE users SET wrapped_key = ?1 WHERE id = ?2 AND wrapped_key = ?3";
// The size of a wrapped data key with a key id: version byte, key id, nonce, key, tag.
constexpr std::int64_t kWrappedBytes = 1 + crypto::kKeyIdBytes + 24 + crypto::kKeyBytes + 16;

// BEGIN IMMEDIATE, retried while a serving writer holds the lock (each try already waits
// out the busy timeout).
Status BeginImmediate(store::Connection& conn) {
  Status status = OkStatus();
  for (int attempt = 0; attempt < 12; ++attempt) {
    status = conn.Exec("BEGIN IMMEDIATE");
    if (status.code() != StatusCode::kUnavailable) return status;
  }
  return status;
}

}  // namespace

Result<std::shared_ptr<DataDirLock>> DataDirLock::Acquire(const std::string& dir, bool exclusive) {
  const std::string path = (fs::path(dir) / kLockFile).string();
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Internal("cannot open the lock file " + path + ": " + std::strerror(errno));
  }
  if (::flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd);
    if (err != EWOULDBLOCK) return Internal("cannot lock " + path + ": " + std::strerror(err));
    if (exclusive) {
      return FailedPrecondition("the data directory " + dir +
                                " is in use (a running `interlude serve` or another interlude "
                                "command holds it); stop the server first");
    }
    return FailedPrecondition("a restore into " + dir +
                              " is in progress; try again when it has finished");
  }
  return std::shared_ptr<DataDirLock>(new DataDirLock(fd));
}

DataDirLock::~DataDirLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the flock
}

void RemoveStaleTempCopies(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    for (const char* prefix : {".interlude-backup-", ".interlude-restore-"}) {
      const std::string p = prefix;
      if (name.rfind(p, 0) != 0) continue;
      const pid_t pid = static_cast<pid_t>(std::atol(name.c_str() + p.size()));
      if (pid > 0 && (::kill(pid, 0) == 0 || errno != ESRCH)) continue;
      fs::remove(entry.path(), ec);
    }
  }
}

std::string DataDirDbPath(const std::string& dir) {
  return (fs::path(dir) / store::kDatabaseFile).string();
}
std::string DataDirKeyPath(const std::string& dir) {
  return (fs::path(dir) / crypto::kMasterKeyFile).string();
}

Result<crypto::MasterKeyring> LoadDataDirKeyring(const std::string& dir, const EnvLookup& env,
                                                 bool* from_env) {
  const auto value = env(crypto::kMasterKeyEnv);
  const bool use_env = value.has_value() && !value->empty();
  if (from_env != nullptr) *from_env = use_env;
  return crypto::LoadMasterKeyring(DataDirKeyPath(dir), use_env ? &*value : nullptr);
}

bool DataDirInitialised(const std::string& dir) {
  std::error_code ec;
  return fs::exists(DataDirDbPath(dir), ec);
}

Status InitDataDir(const std::string& dir, const EnvLookup& env) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Internal("cannot create the data directory " + dir + ": " + ec.message());
  ::chmod(dir.c_str(), 0700);
  // A database without its key must never get a fresh key: that would bind it to the
  // wrong one.
  if (DataDirInitialised(dir)) {
    return AlreadyExists("the data directory " + dir + " is already initialised");
  }
  if (!env(crypto::kMasterKeyEnv).has_value()) {
    RETURN_IF_ERROR(crypto::CreateMasterKeyFile(DataDirKeyPath(dir)));
  }
  ASSIGN_OR_RETURN(const crypto::MasterKeyring ring, LoadDataDirKeyring(dir, env));
  ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(DataDirDbPath(dir), 1));
  ASSIGN_OR_RETURN(const auto existing, store->meta().Get(kKeyCheckMeta));
  if (existing && !api::ContentVault::VerifyKeyCheck(ring, *existing)) {
    return FailedPrecondition("the database in " + dir + " was written with another master key");
  }
  if (!existing) {
    RETURN_IF_ERROR(
        store->meta().Put(kKeyCheckMeta, api::ContentVault::MakeKeyCheck(ring.current())));
  }
  return OkStatus();
}

Result<DataDir> OpenDataDir(const std::string& dir, const EnvLookup& env, int readers) {
  if (!DataDirInitialised(dir)) {
    return FailedPrecondition("no database in " + dir + "; run `interlude init --data-dir " + dir +
                              "` first");
  }
  ASSIGN_OR_RETURN(std::shared_ptr<DataDirLock> lock, DataDirLock::Acquire(dir, false));
  RemoveStaleTempCopies(dir);
  bool from_env = false;
  ASSIGN_OR_RETURN(crypto::MasterKeyring ring, LoadDataDirKeyring(dir, env, &from_env));
  ASSIGN_OR_RETURN(const auto meta, ReadKeyMeta(DataDirDbPath(dir)));
  const auto& [check, stable] = meta;
  if (check && !api::ContentVault::VerifyKeyCheck(ring, *check)) {
    return FailedPrecondition(
        "the master key does not match this database (check INTERLUDE_MASTER_KEY or " +
        DataDirKeyPath(dir) + "); nothing was changed");
  }
  crypto::SecretKey index_key;
  crypto::SecretKey audit_key;
  if (stable) {
    auto keys = api::ContentVault::OpenStableKeys(ring, *stable);
    if (!keys.ok()) {
      return FailedPrecondition("cannot open the index and audit keys stored in the database (" +
                                keys.status().message() + "); check " + DataDirKeyPath(dir));
    }
    index_key = keys->index_key;
    audit_key = keys->audit_key;
  } else {
    // Never rotated: the keys are still derived from the one (oldest) master key.
    index_key = api::ContentVault::DeriveIndexKey(ring.keys.back());
    audit_key = api::ContentVault::DeriveAuditKey(ring.keys.back());
  }
  auto vault = std::make_unique<api::ContentVault>(std::move(ring), index_key, audit_key,
                                                   KeyFileFor(dir, from_env));
  ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(DataDirDbPath(dir), readers));
  if (!check) RETURN_IF_ERROR(store->meta().Put(kKeyCheckMeta, vault->MakeKeyCheck()));
  return DataDir{std::move(vault), std::move(store), std::move(lock)};
}

Result<std::optional<std::string>> ReadMeta(store::Connection& conn, const char* key) {
  ASSIGN_OR_RETURN(auto has_meta,
                   conn.Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"));
  ASSIGN_OR_RETURN(const bool exists, has_meta.Step());
  if (!exists) return std::optional<std::string>();
  ASSIGN_OR_RETURN(auto stmt, conn.Prepare("SELECT value FROM meta WHERE key = ?1"));
  stmt.Bind(1, std::string_view(key));
  ASSIGN_OR_RETURN(const bool row, stmt.Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(stmt.Text(0));
}

Status WriteMeta(store::Connection& conn, const char* key, const std::string& value) {
  ASSIGN_OR_RETURN(auto stmt, conn.Prepare("INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
  stmt.Bind(1, std::string_view(key)).Bind(2, value);
  return stmt.Run();
}

Status PinStableKeys(store::Connection& conn, const crypto::MasterKeyring& ring,
                     const crypto::SecretKey& derive_from) {
  ASSIGN_OR_RETURN(const auto stored, ReadMeta(conn, kStableKeysMeta));
  crypto::SecretKey index_key;
  crypto::SecretKey audit_key;
  if (stored) {
    auto keys = api::ContentVault::OpenStableKeys(ring, *stored);
    if (!keys.ok()) {
      return FailedPrecondition("cannot open the index and audit keys stored in the database: " +
                                keys.status().message());
    }
    if (keys->key_id == crypto::KeyId(ring.current())) return OkStatus();
    index_key = keys->index_key;
    audit_key = keys->audit_key;
  } else {
    index_key = api::ContentVault::DeriveIndexKey(derive_from);
    audit_key = api::ContentVault::DeriveAuditKey(derive_from);
  }
  return WriteMeta(conn, kStableKeysMeta,
                   api::ContentVault::SealStableKeys(ring.current(), index_key, audit_key));
}

Result<std::int64_t> CountNotWrappedUnder(store::Connection& conn,
                                          const crypto::SecretKey& current) {
  const std::string id = crypto::KeyId(current);
  ASSIGN_OR_RETURN(auto count, conn.Prepare(kCountNotCurrentSql));
  count.Bind(1, kWrappedBytes)
      .Bind(2, static_cast<std::int64_t>(crypto::kKeyIdBytes))
      .BindBlob(3, id);
  ASSIGN_OR_RETURN(const bool row, count.Step());
  return row ? count.Int(0) : 0;
}

Result<std::int64_t> RewrapDataKeys(store::Connection& conn, const crypto::MasterKeyring& ring,
                                    int batch) {
  const crypto::SecretKey& current = ring.current();
  const std::string current_id = crypto::KeyId(current);
  std::int64_t total = 0;
  // Passes until one finds nothing to do: a server that had not yet loaded the new keyring
  // may have wrapped a new user's key under the old one meanwhile.
  for (;;) {
    std::int64_t in_pass = 0;
    std::int64_t unopenable = 0;
    std::string after;
    for (;;) {
      RETURN_IF_ERROR(BeginImmediate(conn));
      std::vector<std::pair<std::string, std::string>> rows;
      {
        auto select = conn.Prepare(kNotCurrentSql);
        if (!select.ok()) {
          (void)conn.Exec("ROLLBACK");
          return select.status();
        }
        select->Bind(1, kWrappedBytes)
            .Bind(2, static_cast<std::int64_t>(crypto::kKeyIdBytes))
            .BindBlob(3, current_id)
            .Bind(4, after)
            .Bind(5, static_cast<std::int64_t>(batch));
        for (;;) {
          auto row = select->Step();
          if (!row.ok()) {
            (void)conn.Exec("ROLLBACK");
            return row.status();
          }
          if (!*row) break;
          rows.emplace_back(select->Text(0), select->Blob(1));
        }
      }
      if (rows.empty()) {
        RETURN_IF_ERROR(conn.Exec("COMMIT"));
        break;
      }
      for (const auto& [user_id, wrapped] : rows) {
        after = user_id;
        auto key = crypto::UnwrapDataKey(ring, wrapped, user_id);
        if (!key.ok()) {
          ++unopenable;
          continue;
        }
        auto update = conn.Prepare(kUpdateWrappedSql);
        Status status = update.ok() ? OkStatus() : update.status();
        if (status.ok()) {
          update->BindBlob(1, crypto::WrapDataKey(current, *key, user_id))
              .Bind(2, user_id)
              .BindBlob(3, wrapped);
          status = update->Run();
        }
        if (!status.ok()) {
          (void)conn.Exec("ROLLBACK");
          return status;
        }
        in_pass += conn.Changes();
      }
      RETURN_IF_ERROR(conn.Exec("COMMIT"));
    }
    total += in_pass;
    if (unopenable > 0) {
      return DataLoss(std::to_string(unopenable) +
                      " data keys open with none of the master keys given; nothing more was "
                      "changed for them");
    }
    if (in_pass == 0) return total;
  }
}

Status ResealKeyCheck(store::Connection& conn, const crypto::SecretKey& master) {
  return WriteMeta(conn, kKeyCheckMeta, api::ContentVault::MakeKeyCheck(master));
}

}  // namespace interlude::app
