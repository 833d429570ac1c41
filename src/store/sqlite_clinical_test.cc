#include "store/sqlite_clinical.h"

#include <gtest/gtest.h>

#include <sqlite3.h>

#include "store/sqlite_store.h"
#include "testing/temp_dir.h"

namespace interlude::store {
namespace {

class SqliteClinicalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = OpenSqliteStore(dir_.File(kDatabaseFile), 2);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    for (const char* id : {"client", "doc"}) {
      UserRecord u;
      u.id = id;
      u.handle = std::string("h-") + id;
      u.wrapped_key = "wrapped";
      u.role = std::string(id) == "doc" ? Role::kClinician : Role::kClient;
      ASSERT_TRUE(store_->users().Create(u).ok());
    }
  }

  // A stand-in chain: the previous hash, then the line's fields.
  static std::string Chain(const AuditRecord& a) {
    return a.prev_hash + "|" + std::to_string(a.seq) + a.category;
  }

  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(SqliteClinicalTest, TotpStepsAreAcceptedOnlyForwardAndRecoveryCodesOnce) {
  TwoFactorRecord r{"doc", "sealed-secret", 0, {"h1", "h2"}, 5};
  ASSERT_TRUE(store_->two_factor().Put(r).ok());
  EXPECT_TRUE(store_->two_factor().AcceptStep("doc", 100).ok());
  EXPECT_EQ(store_->two_factor().AcceptStep("doc", 100).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->two_factor().AcceptStep("doc", 99).code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(store_->two_factor().AcceptStep("doc", 101).ok());
  EXPECT_TRUE(store_->two_factor().UseRecoveryCode("doc", "h2").ok());
  EXPECT_EQ(store_->two_factor().UseRecoveryCode("doc", "h2").code(), StatusCode::kNotFound);
  auto got = store_->two_factor().Get("doc");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->secret_sealed, "sealed-secret");
  EXPECT_EQ(got->last_step, 101);
  EXPECT_EQ(got->recovery_hashes, std::vector<std::string>{"h1"});
  EXPECT_EQ(store_->two_factor().Get("client").status().code(), StatusCode::kNotFound);
}

TEST_F(SqliteClinicalTest, AuditLinesChainInOrderAndRefuseChanges) {
  for (const char* category : {"checkins", "entries", "brief"}) {
    AuditRecord line;
    line.at = 10;
    line.actor_id = "doc";
    line.subject_id = "client";
    line.category = category;
    line.action = "read";
    ASSERT_TRUE(store_->audit().Append(line, Chain).ok());
  }
  std::vector<AuditRecord> all;
  ASSERT_TRUE(store_->audit().Scan([&](const AuditRecord& a) {
    all.push_back(a);
    return OkStatus();
  }).ok());
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].seq, 1);
  EXPECT_EQ(all[0].prev_hash, "");
  EXPECT_EQ(all[1].prev_hash, all[0].hash);
  EXPECT_EQ(all[2].prev_hash, all[1].hash);
  auto newest = store_->audit().ForSubject("client", 2);
  ASSERT_TRUE(newest.ok());
  ASSERT_EQ(newest->size(), 2u);
  EXPECT_EQ((*newest)[0].category, "brief");

  // The triggers refuse edits and deletions through SQL.
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.File(kDatabaseFile).c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit_log SET category = 'x' WHERE seq = 2", nullptr,
                         nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit_log WHERE seq = 2", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
}

TEST_F(SqliteClinicalTest, SessionsBelongToTheirPairAndImportsDoNotDuplicate) {
  ClinicalSessionRecord a{"s1", "doc", "client", 2000, "ics", "uid-1", 1};
  ClinicalSessionRecord b{"s2", "doc", "client", 1000, "manual", "", 1};
  ClinicalSessionRecord c{"s3", "doc", "client", 3000, "manual", "", 1};
  ASSERT_TRUE(store_->clinical_sessions().Insert(a).ok());
  ASSERT_TRUE(store_->clinical_sessions().Insert(b).ok());
  ASSERT_TRUE(store_->clinical_sessions().Insert(c).ok());  // manual ones never clash
  ClinicalSessionRecord again = a;
  again.id = "s4";
  const Status dup = store_->clinical_sessions().Insert(again);
  EXPECT_EQ(dup.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(dup.field(), "uid");
  auto pair = store_->clinical_sessions().ForPair("doc", "client");
  ASSERT_TRUE(pair.ok());
  ASSERT_EQ(pair->size(), 3u);
  EXPECT_EQ((*pair)[0].id, "s2");  // oldest first
  EXPECT_EQ(store_->clinical_sessions().Get("client", "doc", "s1").status().code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(store_->clinical_sessions().Delete("doc", "client", "s1").ok());
  EXPECT_EQ(store_->clinical_sessions().Delete("doc", "client", "s1").code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace interlude::store
