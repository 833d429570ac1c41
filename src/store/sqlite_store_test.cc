#include "store/sqlite_store.h"

#include <gtest/gtest.h>

#include <fstream>

#include "testing/temp_dir.h"

namespace interlude::store {
namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = OpenSqliteStore(dir_.File(kDatabaseFile), 2);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }

  UserRecord MakeUser(const std::string& id, const std::string& handle) {
    UserRecord u;
    u.id = id;
    u.handle = handle;
    u.wrapped_key = "wrapped";
    u.created_at = 1000;
    EXPECT_TRUE(store_->users().Create(u).ok());
    return u;
  }

  SealedRecord MakeRecord(const std::string& user, const std::string& id, UnixMillis at) {
    SealedRecord r{id, user, "free", at, at, at, "sealed-" + id};
    EXPECT_TRUE(store_->records(Collection::kEntries).Insert(r).ok());
    return r;
  }

  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(SqliteStoreTest, UsersAreFoundByIdHandleAndEmailIndex) {
  UserRecord u = MakeUser("u1", "calm-otter-1");
  u.email_index = "idx";
  UserRecord v = MakeUser("u2", "calm-otter-2");
  EXPECT_EQ(store_->users().FindByHandle("calm-otter-1")->id, "u1");
  EXPECT_EQ(store_->users().FindById("u2")->handle, "calm-otter-2");
  EXPECT_EQ(store_->users().FindById("nope").status().code(), StatusCode::kNotFound);

  UserRecord w;
  w.id = "u3";
  w.handle = "h3";
  w.email_index = "same";
  ASSERT_TRUE(store_->users().Create(w).ok());
  w.id = "u4";
  w.handle = "h4";
  const Status dup = store_->users().Create(w);
  EXPECT_EQ(dup.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(dup.field(), "email");
  EXPECT_EQ(store_->users().FindByEmailIndex("same")->id, "u3");
  w.id = "u5";
  w.handle = "h3";
  w.email_index.clear();
  EXPECT_EQ(store_->users().Create(w).field(), "handle");
  EXPECT_EQ(store_->users().List()->size(), 3u);
}

TEST_F(SqliteStoreTest, SettersChangeOneColumnEach) {
  MakeUser("u1", "h1");
  ASSERT_TRUE(store_->sessions().Create({"keep", "u1", 0, 0, 99}).ok());
  ASSERT_TRUE(store_->sessions().Create({"other", "u1", 0, 0, 99}).ok());
  ASSERT_TRUE(store_->users().SetCountry("u1", "GB").ok());
  ASSERT_TRUE(store_->users().SetDisabled("u1", true).ok());
  ASSERT_TRUE(store_->users().SetPasswordEndingOtherSessions("u1", "$argon2id$x", "keep").ok());
  const auto back = store_->users().FindById("u1");
  EXPECT_EQ(back->country, "GB");
  EXPECT_TRUE(back->disabled);  // not undone by the later password change
  EXPECT_EQ(back->password_hash, "$argon2id$x");
  EXPECT_TRUE(store_->sessions().Find("keep").ok());
  EXPECT_FALSE(store_->sessions().Find("other").ok());
  ASSERT_TRUE(store_->users().SetCountry("u1", "").ok());
  EXPECT_EQ(store_->users().FindById("u1")->country, "");
  EXPECT_EQ(store_->users().SetCountry("missing", "GB").code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->users().SetDisabled("missing", true).code(), StatusCode::kNotFound);
  ASSERT_TRUE(store_->users().SetSettings("u1", R"({"schedule":{"phq9":{"frequency":"weekly"}}})").ok());
  EXPECT_EQ(store_->users().FindById("u1")->settings_json, R"({"schedule":{"phq9":{"frequency":"weekly"}}})");
  EXPECT_EQ(store_->users().FindById("u1")->country, "");  // the other columns stay
  EXPECT_EQ(store_->users().SetSettings("missing", "{}").code(), StatusCode::kNotFound);
}

TEST_F(SqliteStoreTest, AssessmentsAreARecordCollection) {
  MakeUser("u1", "h1");
  RecordRepository& q = store_->records(Collection::kAssessments);
  ASSERT_TRUE(q.Insert({"a1", "u1", "phq9", 10, 10, 10, "sealed", 2}).ok());
  ASSERT_TRUE(q.Insert({"a2", "u1", "gad7", 20, 20, 20, "sealed", 0}).ok());
  auto rows = q.List("u1", ListQuery{});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].id, "a2");
  EXPECT_EQ((*rows)[1].kind, "phq9");
  EXPECT_EQ((*rows)[1].risk_tier, 2);
  EXPECT_EQ(CollectionTable(Collection::kAssessments), "assessments");
  Collection parsed;
  ASSERT_TRUE(ParseCollectionTable("assessments", parsed));
  EXPECT_EQ(parsed, Collection::kAssessments);
}

TEST_F(SqliteStoreTest, InsertForDeletedOwnerIsNotFound) {
  const SealedRecord orphan{"e1", "ghost", "free", 1, 1, 1, "x"};
  EXPECT_EQ(store_->records(Collection::kEntries).Insert(orphan).code(), StatusCode::kNotFound);
}

TEST_F(SqliteStoreTest, InsertManyStoresAllOrNone) {
  MakeUser("u1", "h1");
  auto& checkins = store_->records(Collection::kCheckins);
  std::vector<SealedRecord> batch;
  for (int i = 0; i < 50; ++i) {
    const std::string id = "c" + std::to_string(i);
    batch.push_back({id, "u1", "mood", 100 + i, 100 + i, 100 + i, "sealed-" + id});
  }
  ASSERT_TRUE(checkins.InsertMany(batch).ok());
  EXPECT_EQ(*checkins.Count("u1"), 50);
  EXPECT_EQ(checkins.Get("u1", "c49")->body, "sealed-c49");

  // One clashing id in the middle: nothing of the second batch is stored.
  std::vector<SealedRecord> clash = {{"d1", "u1", "mood", 1, 1, 1, "x"},
                                     {"c7", "u1", "mood", 1, 1, 1, "y"},
                                     {"d2", "u1", "mood", 1, 1, 1, "z"}};
  EXPECT_EQ(checkins.InsertMany(clash).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(*checkins.Count("u1"), 50);
  EXPECT_EQ(checkins.Get("u1", "d1").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(checkins.Get("u1", "c7")->body, "sealed-c7");
}

TEST_F(SqliteStoreTest, UpsertBehindInsertsThenReplacesWithoutWaiting) {
  MakeUser("u1", "h1");
  MakeUser("u2", "h2");
  auto& state = store_->records(Collection::kMirrorState);
  state.UpsertBehind({"u1", "u1", "mirror", 1, 1, 1, "first"});
  state.UpsertBehind({"u1", "u1", "mirror", 2, 1, 2, "second"});
  // Another person's row with the same id is never replaced.
  state.UpsertBehind({"u1", "u2", "mirror", 3, 3, 3, "not yours"});
  // The queue is first in, first out: once a later write is durable, so are these.
  MakeUser("u3", "h3");
  auto row = state.Get("u1", "u1");
  ASSERT_TRUE(row.ok()) << row.status().ToString();
  EXPECT_EQ(row->body, "second");
  EXPECT_EQ(row->updated_at, 2);
  EXPECT_EQ(row->created_at, 1);
  EXPECT_EQ(state.Get("u2", "u1").status().code(), StatusCode::kNotFound);
}

TEST_F(SqliteStoreTest, WritesBehindAreCommittedWhenTheStoreCloses) {
  MakeUser("u1", "h1");
  store_->records(Collection::kMirrorState).UpsertBehind({"u1", "u1", "mirror", 1, 1, 1, "kept"});
  store_.reset();  // drains the queue
  auto reopened = OpenSqliteStore(dir_.File(kDatabaseFile), 1);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ((*reopened)->records(Collection::kMirrorState).Get("u1", "u1")->body, "kept");
}

TEST_F(SqliteStoreTest, ListsNewestFirstWithCursorAndRange) {
  MakeUser("u1", "h1");
  MakeUser("u2", "h2");
  for (int i = 0; i < 5; ++i) MakeRecord("u1", "e" + std::to_string(i), 100 + i);
  MakeRecord("u1", "tie-a", 102);  // same time as e2: ordered by id
  MakeRecord("u2", "other", 103);
  auto& entries = store_->records(Collection::kEntries);

  ListQuery q;
  q.limit = 3;
  auto page1 = entries.List("u1", q);
  ASSERT_EQ(page1->size(), 3u);
  EXPECT_EQ((*page1)[0].id, "e4");
  EXPECT_EQ((*page1)[1].id, "e3");
  EXPECT_EQ((*page1)[2].id, "tie-a");
  q.before = Cursor{(*page1)[2].sort_at, (*page1)[2].id};
  auto page2 = entries.List("u1", q);
  ASSERT_EQ(page2->size(), 3u);
  EXPECT_EQ((*page2)[0].id, "e2");
  EXPECT_EQ((*page2)[2].id, "e0");

  ListQuery range;
  range.from = 101;
  range.to = 103;
  auto ranged = entries.List("u1", range);
  ASSERT_EQ(ranged->size(), 3u);  // e1, e2, tie-a
  EXPECT_EQ(*entries.Count("u1"), 6);
}

TEST_F(SqliteStoreTest, OwnershipIsEnforcedOnEveryRecordOperation) {
  MakeUser("u1", "h1");
  MakeUser("u2", "h2");
  SealedRecord r = MakeRecord("u1", "e1", 100);
  auto& entries = store_->records(Collection::kEntries);
  EXPECT_EQ(entries.Get("u2", "e1").status().code(), StatusCode::kNotFound);
  r.user_id = "u2";
  r.body = "stolen";
  EXPECT_EQ(entries.Replace(r).code(), StatusCode::kNotFound);
  EXPECT_EQ(entries.Delete("u2", "e1").code(), StatusCode::kNotFound);
  EXPECT_EQ(entries.Get("u1", "e1")->body, "sealed-e1");
  ASSERT_TRUE(entries.Delete("u1", "e1").ok());
  EXPECT_EQ(entries.Get("u1", "e1").status().code(), StatusCode::kNotFound);
}

TEST_F(SqliteStoreTest, DeletingUserShredsKeyAndCascades) {
  MakeUser("u1", "h1");
  MakeRecord("u1", "e1", 100);
  ASSERT_TRUE(store_->sessions().Create({"tok", "u1", 1, 1, 99}).ok());
  ASSERT_TRUE(store_->users().ShredDataKey("u1").ok());
  EXPECT_TRUE(store_->users().FindById("u1")->wrapped_key.empty());
  MakeUser("u2", "h2");
  ASSERT_TRUE(store_->users().ShredDataKey("u2").ok());
  EXPECT_EQ(*store_->users().DeleteShredded(), 2);  // finishes interrupted deletions
  EXPECT_EQ(store_->records(Collection::kEntries).Get("u1", "e1").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->sessions().Find("tok").status().code(), StatusCode::kNotFound);
  MakeUser("u3", "h3");
  ASSERT_TRUE(store_->users().Delete("u3").ok());
  EXPECT_EQ(store_->users().Delete("u3").code(), StatusCode::kNotFound);
}

// The wrapped key must leave the files, not just the table: free pages are zeroed and
// the write-ahead log is truncated after shredding.
TEST_F(SqliteStoreTest, ShreddedKeyBytesLeaveTheFiles) {
  UserRecord u;
  u.id = "u1";
  u.handle = "h1";
  u.wrapped_key = "WRAPPED-KEY-SENTINEL-7f3a9c";
  ASSERT_TRUE(store_->users().Create(u).ok());
  ASSERT_TRUE(store_->users().ShredDataKey("u1").ok());
  store_.reset();
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(bytes.find("WRAPPED-KEY-SENTINEL"), std::string::npos) << entry.path();
  }
}

TEST_F(SqliteStoreTest, SessionsJoinUserAndExpire) {
  MakeUser("u1", "h1");
  ASSERT_TRUE(store_->sessions().Create({"a", "u1", 0, 10, 1000}).ok());
  ASSERT_TRUE(store_->sessions().Create({"b", "u1", 0, 500, 1000}).ok());
  EXPECT_EQ(store_->sessions().Find("a")->user.handle, "h1");
  ASSERT_TRUE(store_->sessions().Touch("a", 600).ok());
  EXPECT_EQ(store_->sessions().Find("a")->session.last_seen_at, 600);
  ASSERT_TRUE(store_->sessions().DeleteExpired(550, 700).ok());
  EXPECT_TRUE(store_->sessions().Find("a").ok());
  EXPECT_FALSE(store_->sessions().Find("b").ok());
  ASSERT_TRUE(store_->sessions().Create({"c", "u1", 0, 600, 1000}).ok());
  ASSERT_TRUE(store_->sessions().DeleteForUser("u1", "c").ok());
  EXPECT_FALSE(store_->sessions().Find("a").ok());
  EXPECT_TRUE(store_->sessions().Find("c").ok());
}

TEST_F(SqliteStoreTest, ThrottleCountsWithinWindow) {
  auto& t = store_->throttle();
  ASSERT_TRUE(t.RecordFailure("k", 100).ok());
  ASSERT_TRUE(t.RecordFailure("k", 200).ok());
  ASSERT_TRUE(t.RecordFailure("other", 200).ok());
  EXPECT_EQ(t.Failures("k", 0)->failures, 2);
  EXPECT_EQ(t.Failures("k", 150)->failures, 1);
  EXPECT_EQ(t.Failures("k", 150)->oldest, 200);
  ASSERT_TRUE(t.Clear("k").ok());
  EXPECT_EQ(t.Failures("k", 0)->failures, 0);
}

TEST_F(SqliteStoreTest, MetaAndClinics) {
  EXPECT_FALSE(store_->meta().Get("x")->has_value());
  ASSERT_TRUE(store_->meta().Put("x", "1").ok());
  ASSERT_TRUE(store_->meta().Put("x", "2").ok());
  EXPECT_EQ(**store_->meta().Get("x"), "2");
  ASSERT_TRUE(store_->clinics().Create({"c1", "Riverside", 1}).ok());
  EXPECT_EQ(store_->clinics().Create({"c2", "Riverside", 1}).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->clinics().FindByName("Riverside")->id, "c1");
  EXPECT_EQ(store_->clinics().FindByName("Elsewhere").status().code(), StatusCode::kNotFound);
}

TEST_F(SqliteStoreTest, DataSurvivesReopen) {
  MakeUser("u1", "h1");
  MakeRecord("u1", "e1", 100);
  store_.reset();
  auto again = OpenSqliteStore(dir_.File(kDatabaseFile), 1);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->records(Collection::kEntries).Get("u1", "e1")->body, "sealed-e1");
}

}  // namespace
}  // namespace interlude::store
