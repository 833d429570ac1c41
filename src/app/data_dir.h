// The data directory: `interlude.db` plus `master.key` (unless INTERLUDE_MASTER_KEY is set).
// InitDataDir creates it; OpenDataDir checks the master key against the database before
// anything is written, so a wrong or missing key stops start-up and touches nothing.
//
// Every opener holds a shared advisory lock (flock) on `interlude.lock` for as long as it
// keeps the DataDir; `interlude restore` takes it exclusively, so it refuses while a server
// or another command uses the directory. The kernel drops the lock when a process dies,
// even by kill -9.
//
// The key-rotation helpers (PinStableKeys, RewrapDataKeys, ResealKeyCheck) work on one
// writer connection of their own and are shared by `keys rotate` and `restore --key-file`.
//
// Thread-safety: call from the main thread at start.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "api/content_vault.h"
#include "base/config.h"
#include "crypto/master_key.h"
#include "store/sqlite_connection.h"
#include "store/store.h"

namespace interlude::app {

inline constexpr char kLockFile[] = "interlude.lock";
inline constexpr char kKeyCheckMeta[] = "master_key_check";
inline constexpr char kStableKeysMeta[] = "stable_subkeys";

// An flock on the data directory's lock file, released when destroyed.
class DataDirLock {
 public:
  // Shared (any number of openers) or exclusive (restore). FailedPrecondition with a
  // sentence naming what holds it when it cannot be taken at once.
  static Result<std::shared_ptr<DataDirLock>> Acquire(const std::string& dir, bool exclusive);
  ~DataDirLock();
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;

 private:
  explicit DataDirLock(int fd) : fd_(fd) {}
  int fd_;
};

struct DataDir {
  std::unique_ptr<api::ContentVault> vault;
  std::unique_ptr<store::Store> store;
  std::shared_ptr<DataDirLock> lock;
};

std::string DataDirDbPath(const std::string& dir);
std::string DataDirKeyPath(const std::string& dir);

// Creates `dir` (mode 0700), a new master key file (unless the key comes from the
// environment) and the database. AlreadyExists, touching nothing, when a database or a key
// file is already there.
Status InitDataDir(const std::string& dir, const EnvLookup& env);

// Opens an initialised data directory. FailedPrecondition with an operator-facing
// sentence when it is not initialised, the key is missing or malformed, or the key does not
// match the database.
Result<DataDir> OpenDataDir(const std::string& dir, const EnvLookup& env, int readers);

// The master keyring for `dir` (environment first, then the key file), and whether it
// came from the environment.
Result<crypto::MasterKeyring> LoadDataDirKeyring(const std::string& dir, const EnvLookup& env,
                                                 bool* from_env = nullptr);

// Removes plaintext database copies a killed `backup` or `restore` left behind in `dir`
// (".interlude-backup-<pid>.db*", ".interlude-restore-<pid>.db*" whose process is gone).
void RemoveStaleTempCopies(const std::string& dir);

// True when `dir` holds a database.
bool DataDirInitialised(const std::string& dir);

// A meta value read over `conn` (nullopt when absent or when there is no meta table).
Result<std::optional<std::string>> ReadMeta(store::Connection& conn, const char* key);
Status WriteMeta(store::Connection& conn, const char* key, const std::string& value);

// Makes sure the blind-index and audit keys are stored in meta, sealed under
// `ring.current()`: on first use they are derived (as before any rotation) from
// `derive_from`, afterwards re-sealed. Must run before a key leaves the keyring.
Status PinStableKeys(store::Connection& conn, const crypto::MasterKeyring& ring,
                     const crypto::SecretKey& derive_from);

// Re-wraps every data key not wrapped under `ring.current()` (found with any key of `ring`)
// in transactions of `batch` rows, until none is left. Returns how many were re-wrapped.
// DataLoss naming the count when some key opens with no key of the ring.
Result<std::int64_t> RewrapDataKeys(store::Connection& conn, const crypto::MasterKeyring& ring,
                                    int batch);

// How many data keys are wrapped under a key other than `current` (legacy values without a
// key id count as not current).
Result<std::int64_t> CountNotWrappedUnder(store::Connection& conn,
                                          const crypto::SecretKey& current);

// Stores a new key check value sealed under `master`.
Status ResealKeyCheck(store::Connection& conn, const crypto::SecretKey& master);

}  // namespace interlude::app
