#include "store/sqlite_database.h"

#include <gtest/gtest.h>

#include <thread>

#include "store/migrations.h"
#include "testing/temp_dir.h"

namespace interlude::store {
namespace {

TEST(SqliteDatabaseTest, MigratesFreshDatabase) {
  testing::TempDir dir;
  auto db = SqliteDatabase::Open(dir.File("a.db"), 2);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ((*db)->schema_version(), LatestSchemaVersion());
}

TEST(SqliteDatabaseTest, RefusesNewerSchemaAndLeavesItAlone) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  {
    auto conn = Connection::Open(path, Connection::Mode::kReadWrite);
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE((*conn)->Exec("CREATE TABLE keep (x); PRAGMA user_version = 999;").ok());
  }
  auto db = SqliteDatabase::Open(path, 1);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(db.status().message().find("newer Interlude"), std::string::npos);
  auto conn = Connection::Open(path, Connection::Mode::kReadOnly);
  ASSERT_TRUE(conn.ok());
  auto stmt = (*conn)->Prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'users'");
  ASSERT_TRUE(stmt.ok());
  ASSERT_TRUE(stmt->Step().value());
  EXPECT_EQ(stmt->Int(0), 0);  // no migration ran
}

TEST(SqliteDatabaseTest, ConcurrentWritesShareCommitsAndFailuresStayIsolated) {
  testing::TempDir dir;
  auto db = SqliteDatabase::Open(dir.File("a.db"), 2);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Write([](Connection& c) { return c.Exec("CREATE TABLE t (v INTEGER)"); }).ok());
  constexpr int kThreads = 16;
  constexpr int kPerThread = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failed{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const int v = t * 1000 + i;
        const Status st = (*db)->Write([v](Connection& c) -> Status {
          auto s = c.Prepare("INSERT INTO t (v) VALUES (?1)");
          if (!s.ok()) return s.status();
          s->Bind(1, std::int64_t{v});
          RETURN_IF_ERROR(s->Run());
          // Every 5th write fails after inserting: its row must be rolled back alone.
          if (v % 5 == 0) return InvalidArgument("rejected on purpose");
          return OkStatus();
        });
        if (!st.ok()) ++failed;
      }
    });
  }
  for (auto& th : threads) th.join();
  std::int64_t rows = 0;
  ASSERT_TRUE((*db)->Read([&](Connection& c) -> Status {
    ASSIGN_OR_RETURN(Statement s, c.Prepare("SELECT COUNT(*), SUM(v % 5 = 0) FROM t"));
    EXPECT_TRUE(s.Step().value());
    rows = s.Int(0);
    EXPECT_EQ(s.Int(1), 0);
    return OkStatus();
  }).ok());
  EXPECT_EQ(rows + failed.load(), kThreads * kPerThread);
  EXPECT_EQ(failed.load(), kThreads * kPerThread / 5);
  EXPECT_EQ((*db)->writes(), static_cast<std::uint64_t>(kThreads * kPerThread + 1));
  EXPECT_LE((*db)->commits(), (*db)->writes());
}

}  // namespace
}  // namespace interlude::store
