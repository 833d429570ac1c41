#include "app/data_dir.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <map>
#include <sstream>

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

}  // namespace
}  // namespace interlude::app
