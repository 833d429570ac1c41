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
  // Found by fuzz/config_fuzzer: a float for an integer key is refused, not cast.
  const std::string huge_float = WriteTemp("session_idle_minutes = 7.7e26\n");
  EXPECT_EQ(LoadConfig({}, huge_float, FakeEnv({})).status().field(), "session_idle_minutes");
  EXPECT_EQ(LoadConfig({}, WriteTemp("threads = 8.0\n"), FakeEnv({})).status().field(), "threads");
  const std::string bad_toml = WriteTemp("threads = = 3\n");
  EXPECT_FALSE(LoadConfig({}, bad_toml, FakeEnv({})).ok());
  EXPECT_EQ(LoadConfig({}, "", FakeEnv({{"INTERLUDE_THREADS", "x"}})).status().field(),
            "INTERLUDE_THREADS");
  EXPECT_EQ(LoadConfig({}, "", FakeEnv({{"INTERLUDE_THREADS", "9999"}})).status().field(),
            "INTERLUDE_THREADS");
  EXPECT_EQ(LoadConfig({}, "/nonexistent/x.toml", FakeEnv({})).status().code(),
            StatusCode::kNotFound);
}

TEST(ConfigTest, TlsMetricsAndConnectionLimits) {
  const Config defaults;
  EXPECT_EQ(defaults.metrics_allow, "127.0.0.1,::1");
  EXPECT_TRUE(defaults.tls_cert.empty());
  const std::string path = WriteTemp(
      "tls_cert = \"/etc/interlude/cert.pem\"\ntls_key = \"/etc/interlude/key.pem\"\n"
      "metrics_allow = \"10.0.0.5\"\nmax_connections = 50\n");
  const auto cfg = LoadConfig({}, path,
                              FakeEnv({{"INTERLUDE_REQUEST_READ_TIMEOUT_SECONDS", "3"},
                                       {"INTERLUDE_METRICS_ALLOW", "10.0.0.6"}}));
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  EXPECT_EQ(cfg->tls_cert, "/etc/interlude/cert.pem");
  EXPECT_EQ(cfg->tls_key, "/etc/interlude/key.pem");
  EXPECT_EQ(cfg->metrics_allow, "10.0.0.6");
  EXPECT_EQ(cfg->max_connections, 50);
  EXPECT_EQ(cfg->request_read_timeout_seconds, 3);
  EXPECT_EQ(LoadConfig({}, "", FakeEnv({{"INTERLUDE_MAX_CONNECTIONS", "0"}})).status().field(),
            "INTERLUDE_MAX_CONNECTIONS");
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace interlude
