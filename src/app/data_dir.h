// The data directory: `interlude.db` plus `master.key` (unless INTERLUDE_MASTER_KEY is set).
// InitDataDir creates it; OpenDataDir checks the master key against the database before
// anything is written, so a wrong or missing key stops start-up and touches nothing.
//
// Thread-safety: call from the main thread at start.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "api/content_vault.h"
#include "base/config.h"
#include "store/store.h"

namespace interlude::app {

struct DataDir {
  std::unique_ptr<api::ContentVault> vault;
  std::unique_ptr<store::Store> store;
};

// Creates `dir` (mode 0700), a new master key file (unless the key comes from the
// environment) and the database. AlreadyExists, touching nothing, when a database or a key
// file is already there.
Status InitDataDir(const std::string& dir, const EnvLookup& env);

// Opens an initialised data directory. FailedPrecondition with an operator-facing
// sentence when it is not initialised, the key is missing or malformed, or the key does not
// match the database.
Result<DataDir> OpenDataDir(const std::string& dir, const EnvLookup& env, int readers);

// True when `dir` holds a database.
bool DataDirInitialised(const std::string& dir);

}  // namespace interlude::app
