#include "app/data_dir.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "base/random.h"
#include "crypto/master_key.h"
#include "store/sqlite_connection.h"
#include "testing/temp_dir.h"

namespace interlude::app {
namespace {

EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
    const auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

std::string Bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(DataDirTest, InitCreatesPrivateKeyAndRefusesToOverwrite) {
  testing::TempDir tmp;
  const std::string dir = tmp.File("var");
  ASSERT_TRUE(InitDataDir(dir, Env({})).ok());
  struct stat st {};
  ASSERT_EQ(::stat((dir + "/master.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const std::string key = Bytes(dir + "/master.key");
  EXPECT_EQ(InitDataDir(dir, Env({})).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(Bytes(dir + "/master.key"), key);
  EXPECT_TRUE(OpenDataDir(dir, Env({}), 1).ok());
}

TEST(DataDirTest, WrongOrMissingKeyStopsAndTouchesNothing) {
  testing::TempDir tmp;
  const std::string dir = tmp.File("var");
  ASSERT_TRUE(InitDataDir(dir, Env({})).ok());
  { ASSERT_TRUE(OpenDataDir(dir, Env({}), 1).ok()); }  // closes cleanly
  const std::string db_before = Bytes(dir + "/interlude.db");

  const auto wrong = OpenDataDir(dir, Env({{"INTERLUDE_MASTER_KEY", std::string(64, 'b')}}), 1);
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find("master key does not match"), std::string::npos);
  EXPECT_EQ(Bytes(dir + "/interlude.db"), db_before);

  std::filesystem::remove(dir + "/master.key");
  const auto missing = OpenDataDir(dir, Env({}), 1);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("no master key"), std::string::npos);
  EXPECT_EQ(Bytes(dir + "/interlude.db"), db_before);

  EXPECT_NE(OpenDataDir(tmp.File("nowhere"), Env({}), 1).status().message().find("interlude init"),
            std::string::npos);
}

TEST(DataDirTest, KeyFromEnvironment) {
  testing::TempDir tmp;
  const std::string dir = tmp.File("var");
  const auto env = Env({{"INTERLUDE_MASTER_KEY", std::string(64, 'c')}});
  ASSERT_TRUE(InitDataDir(dir, env).ok());
  EXPECT_FALSE(std::filesystem::exists(dir + "/master.key"));
  EXPECT_TRUE(OpenDataDir(dir, env, 1).ok());
  EXPECT_FALSE(OpenDataDir(dir, Env({}), 1).ok());
}

bool SameKey(const crypto::SecretKey& a, const crypto::SecretKey& b) {
  return std::memcmp(a.data(), b.data(), crypto::kKeyBytes) == 0;
}

TEST(DataDirTest, RestoreLockExcludesEveryOpener) {
  testing::TempDir tmp;
  const std::string dir = tmp.File("var");
  ASSERT_TRUE(InitDataDir(dir, Env({})).ok());
  {
    auto data = OpenDataDir(dir, Env({}), 1);
    ASSERT_TRUE(data.ok());
    auto second = OpenDataDir(dir, Env({}), 1);  // openers share the lock
    ASSERT_TRUE(second.ok());
    const auto excl = DataDirLock::Acquire(dir, true);
    ASSERT_FALSE(excl.ok());
    EXPECT_NE(excl.status().message().find("stop the server first"), std::string::npos);
  }
  auto excl = DataDirLock::Acquire(dir, true);
  ASSERT_TRUE(excl.ok());
  const auto blocked = OpenDataDir(dir, Env({}), 1);
  ASSERT_FALSE(blocked.ok());
  EXPECT_NE(blocked.status().message().find("restore"), std::string::npos);
}

// The steps of `keys rotate`, run beside an open DataDir: its vault follows the new keyring
// without reopening, and the index and audit keys never change.
TEST(DataDirTest, RotationKeepsSubkeysAndAnOpenVaultFollowsIt) {
  testing::TempDir tmp;
  const std::string dir = tmp.File("var");
  ASSERT_TRUE(InitDataDir(dir, Env({})).ok());
  auto data = OpenDataDir(dir, Env({}), 1);
  ASSERT_TRUE(data.ok());
  const crypto::SecretKey index_key = data->vault->IndexKey();
  const crypto::SecretKey audit_key = data->vault->AuditKey();
  const auto made = data->vault->CreateDataKey("u1");
  store::UserRecord user;
  user.id = "u1";
  user.handle = "h-u1";
  user.wrapped_key = made.wrapped;
  ASSERT_TRUE(data->store->users().Create(user).ok());

  auto conn = store::Connection::Open(DataDirDbPath(dir), store::Connection::Mode::kReadWrite);
  ASSERT_TRUE(conn.ok());
  auto ring = LoadDataDirKeyring(dir, Env({}));
  ASSERT_TRUE(ring.ok());
  const crypto::SecretKey old_key = ring->current();
  ASSERT_TRUE(PinStableKeys(**conn, *ring, old_key).ok());
  ring->keys.insert(ring->keys.begin(), crypto::SecretKey::Random());
  ASSERT_TRUE(crypto::WriteKeyringFile(DataDirKeyPath(dir), *ring).ok());
  ASSERT_TRUE(PinStableKeys(**conn, *ring, old_key).ok());
  EXPECT_EQ(CountNotWrappedUnder(**conn, ring->current()).value(), 1);
  const auto rewrapped = RewrapDataKeys(**conn, *ring, 10);
  ASSERT_TRUE(rewrapped.ok()) << rewrapped.status().message();
  EXPECT_EQ(*rewrapped, 1);
  EXPECT_EQ(CountNotWrappedUnder(**conn, ring->current()).value(), 0);
  ASSERT_TRUE(ResealKeyCheck(**conn, ring->current()).ok());

  // The open vault meets a key id it does not know and re-reads the key file.
  const auto now = data->store->users().FindById("u1");
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(crypto::WrappedKeyId(now->wrapped_key), crypto::KeyId(ring->current()));
  const auto key = data->vault->DataKey(*now);
  ASSERT_TRUE(key.ok()) << key.status().message();
  EXPECT_TRUE(SameKey(*key, made.key));
  EXPECT_EQ(crypto::WrappedKeyId(data->vault->CreateDataKey("u2").wrapped),
            crypto::KeyId(ring->current()));

  // With the old key gone from the file, a fresh open still finds everything.
  ASSERT_TRUE(crypto::WriteKeyringFile(DataDirKeyPath(dir), crypto::MasterKeyring{{ring->current()}}).ok());
  conn->reset();
  data->store.reset();
  data = Result<DataDir>(DataDir{});
  auto again = OpenDataDir(dir, Env({}), 1);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_TRUE(SameKey(again->vault->IndexKey(), index_key));
  EXPECT_TRUE(SameKey(again->vault->AuditKey(), audit_key));
  EXPECT_TRUE(SameKey(*again->vault->DataKey(*now), made.key));
  // And the old key alone no longer opens the database.
  const auto hex_old = ToHex(old_key.span());
  EXPECT_NE(OpenDataDir(dir, Env({{"INTERLUDE_MASTER_KEY", hex_old}}), 1).status().message().find(
                "does not match"),
            std::string::npos);
}

}  // namespace
}  // namespace interlude::app
