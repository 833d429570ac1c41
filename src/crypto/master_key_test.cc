#include "crypto/master_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <cstring>
#include <fstream>

namespace interlude::crypto {
namespace {

class MasterKeyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("interlude_mk_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / kMasterKeyFile).string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(MasterKeyTest, CreatesPrivateFileAndRefusesOverwrite) {
  ASSERT_TRUE(CreateMasterKeyFile(path_).ok());
  struct stat st {};
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::ifstream in(path_);
  std::string before((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(CreateMasterKeyFile(path_).code(), StatusCode::kAlreadyExists);
  std::ifstream again(path_);
  std::string after((std::istreambuf_iterator<char>(again)), {});
  EXPECT_EQ(before, after);
  EXPECT_TRUE(LoadMasterKey(path_, nullptr).ok());
}

TEST_F(MasterKeyTest, ExplainsMissingMalformedAndExposedKeys) {
  EXPECT_EQ(LoadMasterKey(path_, nullptr).status().code(), StatusCode::kFailedPrecondition);
  const std::string bad = "xyz";
  EXPECT_NE(LoadMasterKey(path_, &bad).status().message().find("64 hexadecimal"),
            std::string::npos);
  ASSERT_TRUE(CreateMasterKeyFile(path_).ok());
  ::chmod(path_.c_str(), 0644);
  EXPECT_NE(LoadMasterKey(path_, nullptr).status().message().find("chmod 600"),
            std::string::npos);
}

TEST_F(MasterKeyTest, EnvironmentWins) {
  const std::string hex(64, 'a');
  const auto key = LoadMasterKey(path_, &hex);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->data()[0], 0xaa);
}

TEST(DataKeyTest, WrapIsBoundToUserAndMaster) {
  const SecretKey master = SecretKey::Random();
  const SecretKey data = SecretKey::Random();
  const std::string wrapped = WrapDataKey(master, data, "u1");
  const auto back = UnwrapDataKey(master, wrapped, "u1");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(std::memcmp(back->data(), data.data(), kKeyBytes), 0);
  EXPECT_FALSE(UnwrapDataKey(master, wrapped, "u2").ok());
  EXPECT_FALSE(UnwrapDataKey(SecretKey::Random(), wrapped, "u1").ok());
}

}  // namespace
}  // namespace interlude::crypto

namespace interlude::crypto {
namespace {

TEST(KeyringTest, ParsesCurrentThenPreviousKeys) {
  const std::string a(64, 'a');
  const std::string b(64, 'b');
  const auto ring = ParseKeyring(a + "\n\n" + b + "  \n", "test");
  ASSERT_TRUE(ring.ok());
  ASSERT_EQ(ring->keys.size(), 2u);
  EXPECT_EQ(ring->current().data()[0], 0xaa);
  EXPECT_EQ(ring->keys[1].data()[0], 0xbb);
  EXPECT_FALSE(ParseKeyring("", "test").ok());
  EXPECT_FALSE(ParseKeyring(a + "\nnot a key\n", "test").ok());
}

TEST(KeyringTest, WrittenKeyringLoadsBackPrivate) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("interlude_ring_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "master.key").string();
  const MasterKeyring ring{{SecretKey::Random(), SecretKey::Random()}};
  ASSERT_TRUE(WriteKeyringFile(path, ring).ok());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const auto back = LoadMasterKeyring(path, nullptr);
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->keys.size(), 2u);
  EXPECT_EQ(KeyId(back->keys[0]), KeyId(ring.keys[0]));
  EXPECT_EQ(KeyId(back->keys[1]), KeyId(ring.keys[1]));
  EXPECT_EQ(KeyId(LoadMasterKey(path, nullptr).value()), KeyId(ring.keys[0]));
  std::filesystem::remove_all(dir);
}

TEST(KeyringTest, UnwrapPicksTheKeyTheWrappedValueNames) {
  const SecretKey old_key = SecretKey::Random();
  const SecretKey new_key = SecretKey::Random();
  const SecretKey data = SecretKey::Random();
  const std::string wrapped = WrapDataKey(old_key, data, "u1");
  EXPECT_EQ(WrappedKeyId(wrapped), KeyId(old_key));
  EXPECT_NE(KeyId(old_key), KeyId(new_key));
  const auto back = UnwrapDataKey(MasterKeyring{{new_key, old_key}}, wrapped, "u1");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(std::memcmp(back->data(), data.data(), kKeyBytes), 0);
  // A keyring without the named key says so (the caller may reload and retry).
  EXPECT_EQ(UnwrapDataKey(MasterKeyring{{new_key}}, wrapped, "u1").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(UnwrapDataKey(new_key, wrapped, "u1").status().code(), StatusCode::kDataLoss);
}

TEST(KeyringTest, ValuesWithoutKeyIdOpenWithAnyKeyOfTheRing) {
  // The format before key ids: the sealed key alone.
  const SecretKey old_key = SecretKey::Random();
  const SecretKey data = SecretKey::Random();
  const std::string legacy = WrapDataKey(old_key, data, "u1").substr(1 + kKeyIdBytes);
  EXPECT_EQ(WrappedKeyId(legacy), "");
  EXPECT_TRUE(UnwrapDataKey(MasterKeyring{{SecretKey::Random(), old_key}}, legacy, "u1").ok());
  EXPECT_EQ(UnwrapDataKey(MasterKeyring{{SecretKey::Random()}}, legacy, "u1").status().code(),
            StatusCode::kDataLoss);
}

}  // namespace
}  // namespace interlude::crypto
