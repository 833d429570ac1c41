#include "server/static_files.h"

#include <gtest/gtest.h>

#include <fstream>

#include "testing/temp_dir.h"

namespace interlude::server {
namespace {

std::string HeaderOf(const api::HttpResponse& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return {};
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_.path() / "assets");
    Write("index.html", "<!doctype html>shell");
    Write("assets/app-abc123.js", "console.log(1)");
    Write("assets/app-abc123.js.gz", "GZ");
    Write("assets/app-abc123.js.br", "BR");
    auto loaded = StaticFiles::Load(dir_.path().string());
    ASSERT_TRUE(loaded.ok());
    files_ = std::move(*loaded);
  }
  void Write(const std::string& rel, const std::string& body) {
    std::ofstream(dir_.path() / rel, std::ios::binary) << body;
  }
  testing::TempDir dir_;
  std::unique_ptr<StaticFiles> files_;
};

TEST_F(StaticFilesTest, NegotiatesPrecompressedVariants) {
  auto br = files_->Serve("/assets/app-abc123.js", "gzip, deflate, br");
  ASSERT_TRUE(br);
  EXPECT_EQ(br->body, "BR");
  EXPECT_EQ(HeaderOf(*br, "Content-Encoding"), "br");
  EXPECT_EQ(HeaderOf(*br, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(files_->Serve("/assets/app-abc123.js", "gzip")->body, "GZ");
  EXPECT_EQ(files_->Serve("/assets/app-abc123.js", "")->body, "console.log(1)");
  EXPECT_EQ(HeaderOf(*files_->Serve("/assets/app-abc123.js", ""), "Content-Type"),
            "text/javascript; charset=utf-8");
}

TEST_F(StaticFilesTest, FallsBackToShellOnlyForRoutes) {
  EXPECT_EQ(files_->Serve("/", "")->body, "<!doctype html>shell");
  EXPECT_EQ(files_->Serve("/journal/abc", "")->body, "<!doctype html>shell");
  EXPECT_EQ(HeaderOf(*files_->Serve("/", ""), "Cache-Control"), "no-cache");
  EXPECT_FALSE(files_->Serve("/assets/missing.js", ""));
  EXPECT_EQ(files_->Serve("/../../etc/passwd", "")->body, "<!doctype html>shell");  // never the file
  EXPECT_FALSE(files_->Serve("/assets/app-abc123.js.gz", ""));  // variants are not URLs
}

TEST(StaticFilesLoadTest, SkipsLinksThatLeaveTheRoot) {
  namespace fs = std::filesystem;
  testing::TempDir dir;
  fs::create_directories(dir.path() / "root" / "assets");
  fs::create_directories(dir.path() / "outside");
  std::ofstream(dir.path() / "root" / "index.html") << "shell";
  std::ofstream(dir.path() / "root" / "assets" / "real.js") << "real";
  std::ofstream(dir.path() / "secret.txt") << "secret";
  std::ofstream(dir.path() / "outside" / "more.txt") << "secret";
  fs::create_symlink(dir.path() / "secret.txt", dir.path() / "root" / "leak.txt");
  fs::create_symlink(dir.path() / "outside", dir.path() / "root" / "linkdir");
  fs::create_symlink("assets/real.js", dir.path() / "root" / "alias.js");  // stays inside
  auto files = StaticFiles::Load((dir.path() / "root").string());
  ASSERT_TRUE(files.ok());
  EXPECT_FALSE((*files)->Serve("/leak.txt", ""));
  EXPECT_FALSE((*files)->Serve("/linkdir/more.txt", ""));
  ASSERT_TRUE((*files)->Serve("/alias.js", ""));
  EXPECT_EQ((*files)->Serve("/alias.js", "")->body, "real");
}

TEST(StaticFilesLoadTest, RequiresIndex) {
  testing::TempDir empty;
  EXPECT_EQ(StaticFiles::Load(empty.path().string()).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace interlude::server
