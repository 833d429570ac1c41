// `interlude keys rotate`: replaces the master key without downtime.
//
// Steps, each leaving the data directory readable if the process dies after it (running
// the command again resumes):
//  1. pin the blind-index and audit keys in the database, sealed under the current key
//     (they never change, so e-mail log-in and the audit chain survive the rotation);
//  2. write the keyring [new, old] to master.key (atomic rename, 0600) — a running server
//     re-reads it within a second, wraps new users' keys under the new key and still opens
//     the old ones; re-seal the pinned keys under the new key;
//  3. wait for running servers to notice, then re-wrap every data key in small
//     transactions (compare-and-swap per row, so a concurrent deletion is never undone),
//     pass after pass until none is wrapped under the old key; renew the key check;
//  4. keep the old key in master.key.retired-<UTC time> (0600) for older backups, and
//     write the keyring [new] alone; a last pass catches a key wrapped in the meantime.
//
// Thread-safety: runs on the main thread; other processes are coordinated by SQLite locks,
// the data-directory lock (restore cannot run meanwhile) and interlude.rotate.lock.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <thread>

#include "app/commands.h"
#include "app/data_dir.h"
#include "base/random.h"
#include "store/sqlite_connection.h"

namespace interlude::app {
namespace {

namespace fs = std::filesystem;

constexpr int kBatch = 200;
// Longer than the servers' key-file check interval (api/content_vault.h: one second).
constexpr auto kServerPickUp = std::chrono::milliseconds(2500);

std::string UtcStamp() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

std::string HexId(const crypto::SecretKey& key) {
  const std::string id = crypto::KeyId(key);
  return ToHex({reinterpret_cast<const std::uint8_t*>(id.data()), id.size()});
}

}  // namespace

int RunKeysRotate(const std::string& dir) {
  if (const auto env = ProcessEnv()(crypto::kMasterKeyEnv); env && !env->empty()) {
    return Fail(std::string("the master key comes from ") + crypto::kMasterKeyEnv +
                ", which `keys rotate` cannot rewrite: write it into " + DataDirKeyPath(dir) +
                " (one line, chmod 600), unset the variable, restart the server, then run "
                "`interlude keys rotate` again");
  }
  if (!DataDirInitialised(dir)) {
    return Fail("no database in " + dir + "; run `interlude init --data-dir " + dir + "` first");
  }
  const std::string rotate_lock = (fs::path(dir) / "interlude.rotate.lock").string();
  const int lock_fd = ::open(rotate_lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd < 0 || ::flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
    return Fail("another `interlude keys rotate` is running on " + dir);
  }
  auto dir_lock = DataDirLock::Acquire(dir, false);
  if (!dir_lock.ok()) return Fail(dir_lock.status().message());
  const std::string key_path = DataDirKeyPath(dir);
  auto loaded = LoadDataDirKeyring(dir, ProcessEnv());
  if (!loaded.ok()) return Fail(loaded.status().message());
  auto opened = store::Connection::Open(DataDirDbPath(dir), store::Connection::Mode::kReadWrite);
  if (!opened.ok()) return Fail(opened.status().message());
  store::Connection& conn = **opened;
  auto check = ReadMeta(conn, kKeyCheckMeta);
  if (!check.ok()) return Fail(check.status().message());
  if (*check && !api::ContentVault::VerifyKeyCheck(*loaded, **check)) {
    return Fail("the master key does not match the database in " + dir + "; nothing was changed");
  }

  crypto::MasterKeyring ring = *loaded;
  if (ring.keys.size() == 1) {
    // 1: pin the stable subkeys under the old key before any other key exists.
    if (Status st = PinStableKeys(conn, ring, ring.keys.back()); !st.ok()) return Fail(st.message());
    // 2: the new keyring.
    ring.keys.insert(ring.keys.begin(), crypto::SecretKey::Random());
    if (Status st = crypto::WriteKeyringFile(key_path, ring); !st.ok()) return Fail(st.message());
    std::cout << "new master key " << HexId(ring.current()) << " written to " << key_path
              << " (the old key " << HexId(ring.keys[1]) << " stays in it until the end)\n";
  } else {
    std::cout << "resuming an unfinished rotation to master key " << HexId(ring.current())
              << "\n";
  }
  if (Status st = PinStableKeys(conn, ring, ring.keys.back()); !st.ok()) return Fail(st.message());

  // 3: give running servers time to load the new keyring, then re-wrap.
  std::cout << "waiting for running servers to load the new keyring\n" << std::flush;
  std::this_thread::sleep_for(kServerPickUp);
  auto rewrapped = RewrapDataKeys(conn, ring, kBatch);
  if (!rewrapped.ok()) {
    return Fail(rewrapped.status().message() + "; the keyring in " + key_path +
                " still holds every key, so nothing is unreadable: fix the cause and run "
                "`interlude keys rotate` again");
  }
  if (Status st = ResealKeyCheck(conn, ring.current()); !st.ok()) return Fail(st.message());

  // 4: retire the old keys.
  crypto::MasterKeyring retired;
  retired.keys.assign(ring.keys.begin() + 1, ring.keys.end());
  const std::string retired_path = key_path + ".retired-" + UtcStamp();
  if (Status st = crypto::WriteKeyringFile(retired_path, retired); !st.ok()) return Fail(st.message());
  if (Status st = crypto::WriteKeyringFile(key_path, crypto::MasterKeyring{{ring.current()}});
      !st.ok()) {
    return Fail(st.message());
  }
  // A server that wrapped a key under the old one just before it re-read the file.
  auto late = RewrapDataKeys(conn, ring, kBatch);
  if (!late.ok()) return Fail(late.status().message());
  auto left = CountNotWrappedUnder(conn, ring.current());
  if (!left.ok()) return Fail(left.status().message());
  if (*left != 0) {
    return Fail(std::to_string(*left) + " data keys are still not wrapped under the new key; "
                "put the keys of " + retired_path + " back below the first line of " + key_path +
                " and run `interlude keys rotate` again");
  }
  const std::int64_t total = *rewrapped + *late;
  std::cout << "rotated: " << total << (total == 1 ? " data key" : " data keys")
            << " re-wrapped under master key " << HexId(ring.current()) << "\n"
            << "the old master key is kept in " << retired_path
            << " (only backups made before now need it; keep it as safe as master.key)\n";
  ::close(lock_fd);
  return 0;
}

}  // namespace interlude::app
