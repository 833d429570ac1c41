// Data directory initialisation and the start-up key check.
#include "app/data_dir.h"

#include <sys/stat.h>

#include <filesystem>

#include "crypto/master_key.h"
#include "store/sqlite_connection.h"
#include "store/sqlite_store.h"

namespace interlude::app {
namespace {

namespace fs = std::filesystem;

constexpr char kKeyCheckMeta[] = "master_key_check";

std::string DbPath(const std::string& dir) { return (fs::path(dir) / store::kDatabaseFile).string(); }
std::string KeyPath(const std::string& dir) { return (fs::path(dir) / crypto::kMasterKeyFile).string(); }

Result<crypto::SecretKey> LoadKey(const std::string& dir, const EnvLookup& env) {
  const auto from_env = env(crypto::kMasterKeyEnv);
  return crypto::LoadMasterKey(KeyPath(dir), from_env ? &*from_env : nullptr);
}

// Reads the stored key check without writing anything (read-only connection).
Result<std::optional<std::string>> ReadKeyCheck(const std::string& db_path) {
  ASSIGN_OR_RETURN(auto conn, store::Connection::Open(db_path, store::Connection::Mode::kReadOnly));
  auto has_meta = conn->Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'");
  if (!has_meta.ok()) return has_meta.status();
  ASSIGN_OR_RETURN(const bool exists, has_meta->Step());
  if (!exists) return std::optional<std::string>();
  ASSIGN_OR_RETURN(auto stmt, conn->Prepare("SELECT value FROM meta WHERE key = ?1"));
  stmt.Bind(1, std::string_view(kKeyCheckMeta));
  ASSIGN_OR_RETURN(const bool row, stmt.Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(stmt.Text(0));
}

}  // namespace

bool DataDirInitialised(const std::string& dir) {
  std::error_code ec;
  return fs::exists(DbPath(dir), ec);
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
    RETURN_IF_ERROR(crypto::CreateMasterKeyFile(KeyPath(dir)));
  }
  ASSIGN_OR_RETURN(const crypto::SecretKey master, LoadKey(dir, env));
  const api::ContentVault vault(master);
  ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(DbPath(dir), 1));
  ASSIGN_OR_RETURN(const auto existing, store->meta().Get(kKeyCheckMeta));
  if (existing && !vault.VerifyKeyCheck(*existing)) {
    return FailedPrecondition("the database in " + dir + " was written with another master key");
  }
  if (!existing) RETURN_IF_ERROR(store->meta().Put(kKeyCheckMeta, vault.MakeKeyCheck()));
  return OkStatus();
}

Result<DataDir> OpenDataDir(const std::string& dir, const EnvLookup& env, int readers) {
  if (!DataDirInitialised(dir)) {
    return FailedPrecondition("no database in " + dir + "; run `interlude init --data-dir " + dir +
                              "` first");
  }
  ASSIGN_OR_RETURN(crypto::SecretKey master, LoadKey(dir, env));
  auto vault = std::make_unique<api::ContentVault>(master);
  ASSIGN_OR_RETURN(const auto check, ReadKeyCheck(DbPath(dir)));
  if (check && !vault->VerifyKeyCheck(*check)) {
    return FailedPrecondition(
        "the master key does not match this database (check INTERLUDE_MASTER_KEY or " +
        KeyPath(dir) + "); nothing was changed");
  }
  ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(DbPath(dir), readers));
  if (!check) RETURN_IF_ERROR(store->meta().Put(kKeyCheckMeta, vault->MakeKeyCheck()));
  return DataDir{std::move(vault), std::move(store)};
}

}  // namespace interlude::app
