#include "store/sqlite_backup.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "store/sqlite_connection.h"
#include "testing/temp_dir.h"

namespace interlude::store {
namespace {

std::int64_t Count(Connection& conn) {
  auto stmt = conn.Prepare("SELECT count(*) FROM t");
  EXPECT_TRUE(stmt.ok());
  EXPECT_TRUE(stmt->Step().value());
  return stmt->Int(0);
}

// Opens `path` for writing (WAL) and fills table t with `rows` rows of 500 random bytes.
// The connection stays open, so the WAL holds uncheckpointed frames.
std::unique_ptr<Connection> WriterWithRows(const std::string& path, int rows) {
  auto writer = Connection::Open(path, Connection::Mode::kReadWrite);
  EXPECT_TRUE(writer.ok());
  if (!writer.ok()) return nullptr;
  EXPECT_TRUE((*writer)->Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)").ok());
  const std::string fill = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
                           std::to_string(rows) +
                           ") INSERT INTO t (v) SELECT randomblob(500) FROM n";
  EXPECT_TRUE((*writer)->Exec(fill.c_str()).ok());
  return std::move(*writer);
}

TEST(SqliteBackupTest, CopiesALiveWalDatabaseAsOneSnapshot) {
  testing::TempDir tmp;
  const std::string src = tmp.File("src.db");
  const std::unique_ptr<Connection> writer = WriterWithRows(src, 2000);
  ASSERT_NE(writer, nullptr);
  // The writer keeps its connection (WAL with uncheckpointed frames) while the copy runs.
  const std::string dest = tmp.File("copy.db");
  const auto stats = BackupDatabase(src, dest, 1);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_GT(stats->steps, 10);
  EXPECT_GT(stats->bytes, 1'000'000);
  auto copy = Connection::Open(dest, Connection::Mode::kReadOnly);
  ASSERT_TRUE(copy.ok());
  EXPECT_EQ(Count(**copy), 2000);
  auto check = (*copy)->Prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check.ok());
  ASSERT_TRUE(check->Step().value());
  EXPECT_EQ(check->Text(0), "ok");
  auto mode = (*copy)->Prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.ok());
  ASSERT_TRUE(mode->Step().value());
  EXPECT_EQ(mode->Text(0), "delete");
  EXPECT_FALSE(std::filesystem::exists(dest + "-wal"));
}

TEST(SqliteBackupTest, WritesDuringTheCopyAreNotBlocked) {
  testing::TempDir tmp;
  const std::string src = tmp.File("src.db");
  const std::unique_ptr<Connection> writer = WriterWithRows(src, 1000);
  ASSERT_NE(writer, nullptr);
  int writes = 0;
  const auto stats = BackupDatabase(src, tmp.File("copy.db"), 5, [&] {
    // A writer in another connection commits while the copy holds its snapshot.
    ASSERT_TRUE(writer->Exec("INSERT INTO t (v) VALUES (randomblob(500))").ok());
    ++writes;
  });
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_GT(writes, 10);
  auto copy = Connection::Open(tmp.File("copy.db"), Connection::Mode::kReadOnly);
  ASSERT_TRUE(copy.ok());
  EXPECT_EQ(Count(**copy), 1000);  // the snapshot, not a mix
  EXPECT_EQ(Count(*writer), 1000 + writes);
}

}  // namespace
}  // namespace interlude::store
