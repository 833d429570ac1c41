#include "base/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace interlude {
namespace {

EnvLookup FakeEnv(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
    const auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

std::string WriteTemp(const std::string& body) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("interlude_config_test_" + std::to_string(::getpid()) + ".toml");
  std::ofstream(path) << body;
  return path.string();
}

TEST(ConfigTest, FileThenEnvironment) {
  const std::string path = WriteTemp("listen = \"0.0.0.0:9000\"\nthreads = 3\n");
  const auto cfg = LoadConfig({}, path, FakeEnv({{"INTERLUDE_THREADS", "5"}}));
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  EXPECT_EQ(cfg->listen, "0.0.0.0:9000");
  EXPECT_EQ(cfg->threads, 5);
  std::filesystem::remove(path);
}

TEST(ConfigTest, RejectsUnknownKeyAndBadTypes) {
  const std::string unknown = WriteTemp("lisen = \"x\"\n");
  EXPECT_EQ(LoadConfig({}, unknown, FakeEnv({})).status().field(), "lisen");
  const std::string bad_type = WriteTemp("threads = \"many\"\n");
  EXPECT_EQ(LoadConfig({}, bad_type, FakeEnv({})).status().field(), "threads");
  const std::string bad_toml = WriteTemp("threads = = 3\n");
  EXPECT_FALSE(LoadConfig({}, bad_toml, FakeEnv({})).ok());
  EXPECT_EQ(LoadConfig({}, "", FakeEnv({{"INTERLUDE_THREADS", "x"}})).status().field(),
            "INTERLUDE_THREADS");
  EXPECT_EQ(LoadConfig({}, "", FakeEnv({{"INTERLUDE_THREADS", "9999"}})).status().field(),
            "INTERLUDE_THREADS");
  EXPECT_EQ(LoadConfig({}, "/nonexistent/x.toml", FakeEnv({})).status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace interlude
