// The demo must show what it claims: six courses of mood a newcomer can tell apart.
#include "app/demo_seed.h"

#include <gtest/gtest.h>

#include <map>
#include <numeric>
#include <sstream>

#include "api/checkin_content.h"
#include "api/entry_content.h"
#include "app/data_dir.h"
#include "app/demo_personas.h"
#include "base/time_format.h"
#include "crypto/totp.h"
#include "testing/temp_dir.h"
#include "text/case_file.h"

namespace interlude::app {
namespace {

constexpr UnixMillis kNow = 1795830289000;
constexpr UnixMillis kDay = 86400000;

EnvLookup NoEnv() {
  return [](const char*) -> std::optional<std::string> { return std::nullopt; };
}

struct Series {
  std::vector<double> first_month;
  std::vector<double> last_month;
  size_t checkins = 0;
  size_t entries = 0;
};

double Mean(const std::vector<double>& v) {
  return v.empty() ? 0 : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

class DemoSeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.File("var");
    ASSERT_TRUE(InitDataDir(dir_, NoEnv()).ok());
    auto data = OpenDataDir(dir_, NoEnv(), 2);
    ASSERT_TRUE(data.ok());
    data_ = std::move(*data);
    auto instruments = care::InstrumentSet::Load(text::DataRoot());
    ASSERT_TRUE(instruments.ok()) << instruments.status().ToString();
    instruments_ = std::move(*instruments);
    std::ostringstream out;
    ASSERT_TRUE(SeedDemo(*data_.store, *data_.vault, kNow, out, nullptr, nullptr, instruments_.get()).ok());
    output_ = out.str();
  }

  Series SeriesOf(const std::string& handle_or_email_prefix) {
    Series s;
    auto users = data_.store->users().List();
    for (const store::UserRecord& u : *users) {
      auto key = data_.vault->DataKey(u);
      if (!key.ok()) continue;
      auto email = data_.vault->Open(*key, "users.email", u.id, u.id, u.email_sealed);
      if (!email.ok() || email->rfind(handle_or_email_prefix, 0) != 0) continue;
      store::ListQuery all;
      all.limit = 0;
      auto rows = data_.store->records(store::Collection::kCheckins).List(u.id, all);
      for (const auto& r : *rows) {
        const auto c = api::OpenCheckin(*data_.vault, *key, r);
        const double v = c->at("valence").get<double>();
        if (r.sort_at < kNow - 60 * kDay) s.first_month.push_back(v);
        if (r.sort_at >= kNow - 30 * kDay) s.last_month.push_back(v);
      }
      s.checkins = rows->size();
      s.entries = static_cast<size_t>(*data_.store->records(store::Collection::kEntries).Count(u.id));
    }
    return s;
  }

  // The totals of one client's questionnaires of `instrument`, oldest first.
  std::vector<int> Totals(const std::string& email_prefix, const std::string& instrument) {
    std::vector<int> out;
    const auto users = data_.store->users().List();
    for (const store::UserRecord& u : *users) {
      auto key = data_.vault->DataKey(u);
      if (!key.ok()) continue;
      auto email = data_.vault->Open(*key, "users.email", u.id, u.id, u.email_sealed);
      if (!email.ok() || email->rfind(email_prefix, 0) != 0) continue;
      store::ListQuery all;
      all.limit = 0;
      auto rows = data_.store->records(store::Collection::kAssessments).List(u.id, all);
      for (auto it = rows->rbegin(); it != rows->rend(); ++it) {
        if (it->kind != instrument) continue;
        auto body = data_.vault->Open(*key, "assessments", it->id, u.id, it->body);
        EXPECT_TRUE(body.ok());
        if (body.ok()) out.push_back(nlohmann::json::parse(*body).at("total").get<int>());
        EXPECT_EQ(it->risk_tier, 0);  // item 9 stays 0 in the demo
      }
    }
    return out;
  }

  // The user whose e-mail starts with `email_prefix` (the clinician's too), with their key.
  std::pair<store::UserRecord, crypto::SecretKey> UserOf(const std::string& email_prefix) {
    const auto users = data_.store->users().List();
    for (const store::UserRecord& u : *users) {
      auto key = data_.vault->DataKey(u);
      if (!key.ok()) continue;
      auto email = data_.vault->Open(*key, "users.email", u.id, u.id, u.email_sealed);
      if (email.ok() && email->rfind(email_prefix, 0) == 0) return {u, *key};
    }
    ADD_FAILURE() << "no user " << email_prefix;
    return {};
  }

  // One client's homework, opened with their key.
  std::vector<nlohmann::json> AssignmentsOf(const std::string& email_prefix) {
    const auto [user, key] = UserOf(email_prefix);
    store::ListQuery all;
    all.limit = 0;
    std::vector<nlohmann::json> out;
    const auto rows = data_.store->records(store::Collection::kAssignments).List(user.id, all);
    for (const auto& r : *rows) {
      auto body = data_.vault->Open(key, "assignments", r.id, user.id, r.body);
      EXPECT_TRUE(body.ok()) << "an assignment does not open with the client's key";
      if (body.ok()) out.push_back(nlohmann::json::parse(*body));
    }
    return out;
  }

  testing::TempDir tmp_;
  std::string dir_;
  DataDir data_;
  std::unique_ptr<care::InstrumentSet> instruments_;
  std::string output_;
};

// Every client answers the PHQ-9 and GAD-7 fortnightly (days 0, 14, ..., 84), scored from
// their mood: the improving client's depression score falls by more than the reliable
// change, the worsening client's rises.
TEST_F(DemoSeedTest, FortnightlyQuestionnairesFollowTheMood) {
  const std::vector<int> maya = Totals("maya@", "phq9");
  const std::vector<int> daniel = Totals("daniel@", "phq9");
  ASSERT_EQ(maya.size(), 7u);
  ASSERT_EQ(daniel.size(), 7u);
  EXPECT_EQ(Totals("maya@", "gad7").size(), 7u);
  EXPECT_EQ(Totals("sam@", "phq9").size(), 7u);
  EXPECT_GE(maya.front() - maya.back(), 7) << maya.front() << " -> " << maya.back();
  EXPECT_GE(daniel.back() - daniel.front(), 7) << daniel.front() << " -> " << daniel.back();
  EXPECT_NE(output_.find("fortnightly PHQ-9 and GAD-7"), std::string::npos);
}

TEST_F(DemoSeedTest, SixCoursesThatCanBeToldApart) {
  EXPECT_EQ(data_.store->users().List()->size(), 7u);  // six clients and a clinician
  const Series maya = SeriesOf("maya@");
  const Series daniel = SeriesOf("daniel@");
  const Series tom = SeriesOf("tom@");
  const Series elena = SeriesOf("elena@");
  const Series sam = SeriesOf("sam@");
  const Series priya = SeriesOf("priya@");
  EXPECT_GT(Mean(maya.last_month), Mean(maya.first_month) + 2.0);      // improving
  EXPECT_LT(Mean(daniel.last_month), Mean(daniel.first_month) - 2.0);  // worsening
  EXPECT_NEAR(Mean(tom.last_month), Mean(tom.first_month), 0.6);       // flat
  EXPECT_GE(maya.checkins, 90u);
  EXPECT_LE(sam.checkins, 15u);                                        // sparse
  EXPECT_GE(priya.entries, 20u);                                       // rumination writes a lot
  // Erratic: successive check-ins swing far more than a flat course does.
  const auto swing = [](const std::vector<double>& v) {
    double sum = 0;
    for (size_t i = 1; i < v.size(); ++i) sum += std::abs(v[i] - v[i - 1]);
    return sum / static_cast<double>(v.size());
  };
  EXPECT_GT(swing(elena.first_month), 1.0);
  EXPECT_GT(swing(elena.first_month), 3 * swing(tom.first_month));
  EXPECT_NE(output_.find("client  maya@demo.interlude.example  demo-river-stone-2026"), std::string::npos);
}

// The clinician signs in with a real second factor whose secret is the published one, and
// the output says how.
TEST_F(DemoSeedTest, TheClinicianHasTheDocumentedSecondFactor) {
  const auto [clinician, key] = UserOf("dr.rivera@");
  ASSERT_EQ(clinician.role, store::Role::kClinician);
  auto factor = data_.store->two_factor().Get(clinician.id);
  ASSERT_TRUE(factor.ok()) << factor.status().ToString();
  auto secret = data_.vault->Open(key, "two_factor", clinician.id, clinician.id, factor->secret_sealed);
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ(crypto::Base32Encode(*secret), kDemoTotpSecret);
  EXPECT_GT(factor->last_step, 0) << "the demo signed the clinician in with a code";
  EXPECT_LT(factor->last_step, crypto::TotpStep(kNow / 1000)) << "a code of now stays usable";
  EXPECT_NE(output_.find(std::string("TOTP secret  ") + std::string(kDemoTotpSecret)), std::string::npos);
  EXPECT_NE(output_.find("otpauth://totp/Interlude:dr.rivera%40demo.interlude.example?secret=" +
                         std::string(kDemoTotpSecret)),
            std::string::npos)
      << output_;
}

// Daniel shares everything, Maya all but her entries, Priya only her mood; Daniel and Maya
// have weekly sessions, past and upcoming (Daniel's next in two days).
TEST_F(DemoSeedTest, LinksAndSessions) {
  const auto [clinician, key] = UserOf("dr.rivera@");
  const auto links = data_.store->links().ForClinician(clinician.id);
  ASSERT_TRUE(links.ok());
  ASSERT_EQ(links->size(), 3u);
  std::map<std::string, nlohmann::json> share;
  for (const auto& l : *links) share[l.client_id] = nlohmann::json::parse(l.share_json);
  const auto daniel = UserOf("daniel@").first;
  const auto maya = UserOf("maya@").first;
  const auto priya = UserOf("priya@").first;
  EXPECT_EQ(share[daniel.id].value("entries", false), true);
  EXPECT_EQ(share[daniel.id].value("goals", false), true);
  EXPECT_EQ(share[maya.id].value("entries", false), false);
  EXPECT_EQ(share[maya.id].value("goals", false), true);
  EXPECT_EQ(share[priya.id].value("mood", false), true);
  EXPECT_EQ(share[priya.id].value("goals", false), false);

  const auto sessions = data_.store->clinical_sessions().ForPair(clinician.id, daniel.id);
  ASSERT_TRUE(sessions.ok());
  std::vector<UnixMillis> upcoming;
  size_t past = 0;
  for (const auto& s : *sessions) {
    if (s.starts_at > kNow) upcoming.push_back(s.starts_at);
    else ++past;
  }
  EXPECT_GE(past, 3u);
  ASSERT_FALSE(upcoming.empty());
  EXPECT_GT(upcoming.front(), kNow + kDay);
  EXPECT_LE(upcoming.front(), kNow + 3 * kDay);
  EXPECT_FALSE(data_.store->clinical_sessions().ForPair(clinician.id, maya.id)->empty());
  EXPECT_TRUE(data_.store->clinical_sessions().ForPair(clinician.id, priya.id)->empty());

  // Daniel marked entries shared, an agenda for the next session among them.
  const auto [d, d_key] = UserOf("daniel@");
  store::ListQuery all;
  all.limit = 0;
  size_t shared = 0;
  bool agenda = false;
  const auto entries = data_.store->records(store::Collection::kEntries).List(d.id, all);
  for (const auto& r : *entries) {
    const auto entry = api::OpenEntry(*data_.vault, d_key, r);
    ASSERT_TRUE(entry.ok());
    if (!entry->value("shared", false)) continue;
    ++shared;
    if (r.kind == "session_prep" && r.sort_at > kNow - 5 * kDay) {
      agenda = !entry->at("fields").value("want_to_discuss", "").empty();
    }
  }
  EXPECT_GE(shared, 3u);
  EXPECT_TRUE(agenda);
}

// Homework for Daniel and Maya, sealed under each one's key: some done, some open, one of
// Daniel's overdue.
TEST_F(DemoSeedTest, HomeworkDoneOpenAndOverdue) {
  const std::string today = FormatIso8601(kNow).substr(0, 10);
  for (const std::string who : {"daniel@", "maya@"}) {
    const auto items = AssignmentsOf(who);
    ASSERT_GE(items.size(), 3u) << who;
    size_t done = 0;
    size_t open = 0;
    for (const auto& a : items) {
      (a.at("done_at").is_null() ? open : done) += 1;
      EXPECT_FALSE(a.at("title").get<std::string>().empty());
    }
    EXPECT_GE(done, 1u) << who;
    EXPECT_GE(open, 1u) << who;
  }
  size_t overdue = 0;
  for (const auto& a : AssignmentsOf("daniel@")) {
    if (a.at("done_at").is_null() && a.at("due").get<std::string>() < today) ++overdue;
  }
  EXPECT_EQ(overdue, 1u);
  EXPECT_TRUE(AssignmentsOf("priya@").empty());
}

TEST_F(DemoSeedTest, SecondRunAddsNothing) {
  const size_t before = data_.store->users().List()->size();
  std::ostringstream out;
  ASSERT_TRUE(SeedDemo(*data_.store, *data_.vault, kNow, out).ok());
  EXPECT_EQ(data_.store->users().List()->size(), before);
  EXPECT_NE(out.str().find("already seeded"), std::string::npos);
}

// With the real engine and safety layer, the worsening client's last days raise the tier to
// high and the linked clinician gets an open alert; the other clients raise none.
TEST(DemoSeedSafetyTest, TheLinkedClientsLastDaysRaiseOneOpenAlert) {
  testing::TempDir tmp;
  const std::string dir = tmp.File("var");
  ASSERT_TRUE(InitDataDir(dir, NoEnv()).ok());
  auto data = OpenDataDir(dir, NoEnv(), 2);
  ASSERT_TRUE(data.ok());
  auto analyzer = text::Analyzer::Load(text::DataRoot());
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  auto safety_layer = safety::SafetyLayer::Load(text::DataRoot(), "");
  ASSERT_TRUE(safety_layer.ok()) << safety_layer.status().ToString();
  auto instruments = care::InstrumentSet::Load(text::DataRoot());
  ASSERT_TRUE(instruments.ok()) << instruments.status().ToString();
  std::ostringstream out;
  ASSERT_TRUE(SeedDemo(*data->store, *data->vault, kNow, out, analyzer->get(), safety_layer->get(),
                       instruments->get()).ok());
  auto alerts = data->store->safety().AllAlerts(/*open_only=*/true, 0);
  ASSERT_TRUE(alerts.ok());
  ASSERT_EQ(alerts->size(), 1u);
  EXPECT_EQ((*alerts)[0].source, store::Collection::kCheckins);
  EXPECT_NE((*alerts)[0].reasons.find("SAFE-010"), std::string::npos) << (*alerts)[0].reasons;
  auto clinician = data->store->users().List();
  std::string clinician_id;
  for (const auto& u : *clinician) {
    if (u.role == store::Role::kClinician) clinician_id = u.id;
  }
  EXPECT_EQ(data->store->safety().AlertsForClinician(clinician_id, true, 0)->size(), 1u);
}

}  // namespace
}  // namespace interlude::app
