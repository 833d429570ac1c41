#include "crypto/backup_file.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "crypto/master_key.h"
#include "testing/temp_dir.h"

namespace interlude::crypto {
namespace {

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void Write(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// Not compressible, spans several 64 KiB chunks and ends in a partial one.
std::string Payload() {
  std::string s;
  for (std::uint32_t i = 0; s.size() < 200'000; ++i) {
    s.push_back(static_cast<char>((i * 2654435761u) >> 24));
  }
  return s;
}

class BackupFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Write(plain_, Payload());
    ASSERT_TRUE(EncryptBackupFile(master_, plain_, backup_).ok());
  }
  testing::TempDir tmp_;
  SecretKey master_ = SecretKey::Random();
  std::string plain_ = tmp_.File("plain.db");
  std::string backup_ = tmp_.File("backup.bin");
  std::string out_ = tmp_.File("out.db");
};

TEST_F(BackupFileTest, RoundTripsAndNamesItsKey) {
  EXPECT_EQ(Read(backup_).find(Payload().substr(1000, 64)), std::string::npos);
  ASSERT_TRUE(DecryptBackupFile({SecretKey::Random(), master_}, backup_, out_).ok());
  EXPECT_EQ(Read(out_), Payload());
  const auto id = BackupFileKeyId(backup_);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, KeyId(master_));
}

TEST_F(BackupFileTest, EmptyFileRoundTrips) {
  Write(plain_, "");
  ASSERT_TRUE(EncryptBackupFile(master_, plain_, tmp_.File("empty.bin")).ok());
  ASSERT_TRUE(DecryptBackupFile({master_}, tmp_.File("empty.bin"), out_).ok());
  EXPECT_EQ(Read(out_), "");
}

TEST_F(BackupFileTest, RefusesToOverwriteItsOutput) {
  EXPECT_FALSE(EncryptBackupFile(master_, plain_, backup_).ok());
}

TEST_F(BackupFileTest, WrongKeyIsNamedAndLeavesNoOutput) {
  const Status st = DecryptBackupFile({SecretKey::Random()}, backup_, out_);
  EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(st.message().find("another master key"), std::string::npos) << st.message();
  EXPECT_FALSE(std::filesystem::exists(out_));
}

TEST_F(BackupFileTest, TruncationIsDetectedAtEveryLength) {
  const std::string full = Read(backup_);
  for (const size_t keep : {size_t{20}, size_t{49}, size_t{60}, size_t{70'000}, full.size() - 1,
                            full.size() - 17}) {
    Write(tmp_.File("cut.bin"), full.substr(0, keep));
    const Status st = DecryptBackupFile({master_}, tmp_.File("cut.bin"), out_);
    EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition) << keep;
    EXPECT_NE(st.message().find("truncated"), std::string::npos) << keep << ": " << st.message();
    EXPECT_FALSE(std::filesystem::exists(out_));
  }
  // Dropping whole trailing chunks is truncation too (the FINAL tag is missing).
  const size_t first_chunk = 49 + 4 + 64 * 1024 + 17;
  Write(tmp_.File("cut.bin"), full.substr(0, first_chunk));
  EXPECT_NE(DecryptBackupFile({master_}, tmp_.File("cut.bin"), out_).message().find("truncated"),
            std::string::npos);
}

TEST_F(BackupFileTest, TamperingIsDetected) {
  const std::string full = Read(backup_);
  for (const size_t at : {size_t{20}, size_t{30}, size_t{45}, size_t{60}, size_t{100'000},
                          full.size() - 1}) {
    std::string bad = full;
    bad[at] = static_cast<char>(bad[at] ^ 0x01);
    Write(tmp_.File("bad.bin"), bad);
    const Status st = DecryptBackupFile({master_}, tmp_.File("bad.bin"), out_);
    EXPECT_FALSE(st.ok()) << at;
    EXPECT_FALSE(std::filesystem::exists(out_));
  }
  Write(tmp_.File("bad.bin"), full + "more");
  const Status st = DecryptBackupFile({master_}, tmp_.File("bad.bin"), out_);
  EXPECT_NE(st.message().find("after its last chunk"), std::string::npos) << st.message();
  Write(tmp_.File("bad.bin"), "SQLite format 3");
  EXPECT_NE(DecryptBackupFile({master_}, tmp_.File("bad.bin"), out_).message().find("not an Interlude backup"),
            std::string::npos);
}

}  // namespace
}  // namespace interlude::crypto
