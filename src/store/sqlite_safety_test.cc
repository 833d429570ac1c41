#include "store/sqlite_safety.h"

#include <gtest/gtest.h>

#include "store/sqlite_store.h"
#include "testing/temp_dir.h"

namespace interlude::store {
namespace {

class SqliteSafetyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = OpenSqliteStore(dir_.File(kDatabaseFile), 2);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    for (const char* id : {"client", "other", "doc"}) {
      UserRecord u;
      u.id = id;
      u.handle = std::string("h-") + id;
      u.wrapped_key = "wrapped";
      u.role = std::string(id) == "doc" ? Role::kClinician : Role::kClient;
      ASSERT_TRUE(store_->users().Create(u).ok());
    }
  }

  Status Put(Collection c, const std::string& id, UnixMillis at, int tier,
             const AlertRecord* alert = nullptr) {
    SealedRecord r{id, "client", "free", at, at, at, "sealed", tier};
    return store_->records(c).Insert(r, alert);
  }

  LinkRecord Link(const std::string& share_json, UnixMillis at) {
    EXPECT_TRUE(store_->links().CreateInvitation({"hash", "doc", at, at + 1000}).ok());
    LinkRecord l{"link1", "client", "", share_json, at, at};
    auto linked = store_->links().Redeem("hash", l, at);
    EXPECT_TRUE(linked.ok()) << linked.status().ToString();
    return *linked;
  }

  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(SqliteSafetyTest, RecentRiskReadsEveryCollectionSinceTheCutOffExceptTheItem) {
  ASSERT_TRUE(Put(Collection::kEntries, "e-old", 100, 2).ok());
  ASSERT_TRUE(Put(Collection::kEntries, "e-none", 500, 0).ok());
  ASSERT_TRUE(Put(Collection::kEntries, "e-new", 600, 3).ok());
  ASSERT_TRUE(Put(Collection::kCheckins, "c1", 700, 1).ok());
  ASSERT_TRUE(Put(Collection::kScreenings, "s1", 800, 2).ok());
  ASSERT_TRUE(Put(Collection::kAssessments, "q1", 900, 3).ok());  // PHQ-9 item 9
  ASSERT_TRUE(Put(Collection::kAssessments, "q-none", 950, 0).ok());
  ASSERT_TRUE(Put(Collection::kConversations, "chat1", 990, 2).ok());  // a companion turn
  ASSERT_TRUE(Put(Collection::kActivities, "a1", 995, 3).ok());  // no risk meaning: not read
  auto marks = store_->safety().RecentRisk("client", 200, "e-new");
  ASSERT_TRUE(marks.ok());
  ASSERT_EQ(marks->size(), 4u);
  EXPECT_EQ((*marks)[0].item_id, "chat1");
  EXPECT_EQ((*marks)[0].source, Collection::kConversations);
  EXPECT_EQ((*marks)[1].item_id, "q1");
  EXPECT_EQ((*marks)[1].source, Collection::kAssessments);
  EXPECT_EQ((*marks)[1].tier, 3);
  EXPECT_EQ((*marks)[2].item_id, "s1");
  EXPECT_EQ((*marks)[2].source, Collection::kScreenings);
  EXPECT_EQ((*marks)[2].tier, 2);
  EXPECT_EQ((*marks)[3].item_id, "c1");
  EXPECT_TRUE(store_->safety().RecentRisk("other", 0, "")->empty());
}

TEST_F(SqliteSafetyTest, AnAlertCommitsWithItsItemAndNeverWithoutIt) {
  AlertRecord a{"a1", "client", Collection::kEntries, "e1", 3, "SAFE-001:preparatory", 50, "", 0};
  ASSERT_TRUE(Put(Collection::kEntries, "e1", 50, 3, &a).ok());
  // The second insert clashes on the item id: its alert must not be stored either.
  AlertRecord b = a;
  b.id = "a2";
  EXPECT_EQ(Put(Collection::kEntries, "e1", 60, 3, &b).code(), StatusCode::kAlreadyExists);
  auto all = store_->safety().AllAlerts(false, 10);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].reasons, "SAFE-001:preparatory");
  EXPECT_EQ(store_->safety().GetAlert("a2").status().code(), StatusCode::kNotFound);
}

TEST_F(SqliteSafetyTest, ClinicianSeesAlertsOnlyWithConsentAndSinceTheLink) {
  AlertRecord before{"a0", "client", Collection::kEntries, "e0", 3, "x", 10, "", 0};
  ASSERT_TRUE(Put(Collection::kEntries, "e0", 10, 3, &before).ok());
  Link(R"({"safety_alerts":true})", 100);
  AlertRecord after{"a1", "client", Collection::kEntries, "e1", 3, "x", 200, "", 0};
  ASSERT_TRUE(Put(Collection::kEntries, "e1", 200, 3, &after).ok());
  auto seen = store_->safety().AlertsForClinician("doc", true, 10);
  ASSERT_TRUE(seen.ok());
  ASSERT_EQ(seen->size(), 1u);
  EXPECT_EQ((*seen)[0].id, "a1");

  ASSERT_TRUE(store_->safety().AcknowledgeAlert("a1", "doc", 300).ok());
  EXPECT_TRUE(store_->safety().AlertsForClinician("doc", true, 10)->empty());
  EXPECT_EQ(store_->safety().AlertsForClinician("doc", false, 10)->size(), 1u);
  // A second acknowledgement keeps the first.
  ASSERT_TRUE(store_->safety().AcknowledgeAlert("a1", "other", 400).ok());
  EXPECT_EQ(store_->safety().GetAlert("a1")->acknowledged_at, 300);
  EXPECT_EQ(store_->safety().AcknowledgeAlert("nope", "doc", 1).code(), StatusCode::kNotFound);

  // Consent withdrawn: nothing is visible any more.
  ASSERT_TRUE(store_->links().UpdateShare("client", "link1", R"({"safety_alerts":false})", 500).ok());
  EXPECT_TRUE(store_->safety().AlertsForClinician("doc", false, 10)->empty());
}

TEST_F(SqliteSafetyTest, InvitationsAreUsedOnceAndExpire) {
  ASSERT_TRUE(store_->links().CreateInvitation({"h1", "doc", 0, 100}).ok());
  LinkRecord l{"l1", "client", "", "{}", 50, 50};
  EXPECT_EQ(store_->links().Redeem("h1", l, 100).status().code(), StatusCode::kNotFound);  // expired
  ASSERT_TRUE(store_->links().CreateInvitation({"h2", "doc", 0, 1000}).ok());
  auto ok = store_->links().Redeem("h2", l, 60);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->clinician_id, "doc");
  l.id = "l2";
  EXPECT_EQ(store_->links().Redeem("h2", l, 61).status().code(), StatusCode::kNotFound);  // used
  ASSERT_TRUE(store_->links().CreateInvitation({"h3", "doc", 0, 1000}).ok());
  const auto twice = store_->links().Redeem("h3", l, 62);
  EXPECT_EQ(twice.status().code(), StatusCode::kAlreadyExists);
  // The failed redemption left the invitation unused.
  LinkRecord other{"l3", "other", "", "{}", 63, 63};
  EXPECT_TRUE(store_->links().Redeem("h3", other, 63).ok());
  EXPECT_EQ(store_->links().ForClinician("doc")->size(), 2u);
  EXPECT_EQ(store_->links().Delete("other", "l1").code(), StatusCode::kNotFound);  // not theirs
  ASSERT_TRUE(store_->links().Delete("client", "l1").ok());
  EXPECT_TRUE(store_->links().ForClient("client")->empty());
}

}  // namespace
}  // namespace interlude::store
