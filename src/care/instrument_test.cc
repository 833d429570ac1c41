// The instrument files say what CLINICAL.md §1-3 and §10 say, and the loader names the file
// and line of every mistake.
#include "care/instrument.h"

#include <gtest/gtest.h>

#include <fstream>

#include "care/test_instruments.h"
#include "testing/temp_dir.h"

namespace interlude::care {
namespace {

TEST(InstrumentTest, ShippedInstrumentsInOrder) {
  const auto& all = ShippedInstruments().all();
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].id, "phq9");
  EXPECT_EQ(all[1].id, "gad7");
  EXPECT_EQ(all[2].id, "who5");
  EXPECT_EQ(all[3].id, "phq2");
  EXPECT_EQ(all[4].id, "gad2");
  EXPECT_EQ(ShippedInstruments().Find("bdi"), nullptr);
  for (const Instrument& in : all) {
    EXPECT_EQ(in.time_frame, "last_2_weeks") << in.id;
    EXPECT_FALSE(in.licence.empty()) << in.id;
  }
}

// §1.1, §1.2, §10.2.
TEST(InstrumentTest, Phq9CodesAndScale) {
  const Instrument& in = Get("phq9");
  EXPECT_EQ(in.panel_loinc, "44249-1");
  EXPECT_EQ(in.total_loinc, "44261-6");
  const std::vector<std::string> items = {"44250-9", "44255-8", "44259-0", "44254-1", "44251-7",
                                          "44258-2", "44252-5", "44253-3", "44260-8"};
  ASSERT_EQ(in.items.size(), items.size());
  for (size_t i = 0; i < items.size(); ++i) EXPECT_EQ(in.items[i].loinc, items[i]) << i;
  const std::vector<std::string> answers = {"LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"};
  ASSERT_EQ(in.options.size(), 4u);
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(in.options[i].loinc, answers[i]);
  EXPECT_EQ(in.options[0].label, "Not at all");
  EXPECT_EQ(in.options[3].label, "Nearly every day");
  EXPECT_EQ(in.functional_loinc, "69722-7");
  EXPECT_EQ(in.functional_options.size(), 4u);
  EXPECT_EQ(in.MaxTotal(), 27);
  EXPECT_EQ(in.risk_item, 9);
  EXPECT_EQ(in.caseness, 10);
  EXPECT_EQ(in.reliable_change, 6);
  ASSERT_TRUE(in.rci.has_value());
  EXPECT_DOUBLE_EQ(in.rci->sem, 2.5);
}

// §2.1, §2.3, §10.2.
TEST(InstrumentTest, Gad7Codes) {
  const Instrument& in = Get("gad7");
  EXPECT_EQ(in.panel_loinc, "69737-5");
  EXPECT_EQ(in.total_loinc, "70274-6");
  const std::vector<std::string> items = {"69725-0", "68509-9", "69733-4", "69734-2",
                                          "69735-9", "69689-8", "69736-7"};
  ASSERT_EQ(in.items.size(), items.size());
  for (size_t i = 0; i < items.size(); ++i) EXPECT_EQ(in.items[i].loinc, items[i]) << i;
  EXPECT_EQ(in.MaxTotal(), 21);
  EXPECT_EQ(in.caseness, 8);
  EXPECT_EQ(in.reliable_change, 4);
  EXPECT_FALSE(in.rci.has_value());
  EXPECT_EQ(in.risk_item, 0);
  EXPECT_FALSE(in.HasFunctionalItem());
}

// §1.7, §2.4, §3.
TEST(InstrumentTest, ShortScreensAndWho5) {
  const Instrument& phq2 = Get("phq2");
  EXPECT_EQ(phq2.panel_loinc, "55757-9");
  EXPECT_EQ(phq2.total_loinc, "55758-7");
  EXPECT_EQ(phq2.items[0].loinc, "44250-9");
  EXPECT_EQ(phq2.items[1].loinc, "44255-8");
  EXPECT_EQ(phq2.follow_up, "phq9");
  EXPECT_EQ(phq2.follow_up_at, 3);
  const Instrument& gad2 = Get("gad2");
  EXPECT_EQ(gad2.panel_loinc, "");
  EXPECT_EQ(gad2.total_loinc, "");
  EXPECT_EQ(gad2.items[0].loinc, "69725-0");
  EXPECT_EQ(gad2.follow_up, "gad7");
  const Instrument& who5 = Get("who5");
  EXPECT_EQ(who5.direction, Direction::kHigherIsBetter);
  EXPECT_EQ(who5.panel_loinc, "");
  EXPECT_EQ(who5.MaxTotal(), 25);
  EXPECT_EQ(who5.percentage_factor, 4);
  EXPECT_EQ(who5.options.front().label, "At no time");
  EXPECT_EQ(who5.options.back().label, "All of the time");
  EXPECT_TRUE(who5.IsCase(12));
  EXPECT_FALSE(who5.IsCase(13));
  for (const Item& item : who5.items) EXPECT_EQ(item.loinc, "");
}

TEST(InstrumentTest, StandardErrorOfDifference) {
  // PHQ-9: sqrt(2) x 2.5 = 3.5355; WHO-5: 5.26 x sqrt(2) x sqrt(0.13) = 2.6821.
  EXPECT_NEAR(Get("phq9").rci->StandardErrorOfDifference(), 3.5355, 1e-4);
  EXPECT_NEAR(Get("who5").rci->StandardErrorOfDifference(), 2.6821, 1e-4);
}

class LoadErrorTest : public ::testing::Test {
 protected:
  // Writes the PHQ-2 file with `line` appended (or replacing `replace` when given).
  std::string Write(const std::string& extra, const std::string& replace = "", const std::string& with = "") {
    std::ifstream in(text::DataRoot() + "/instruments/phq2.txt");
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!replace.empty()) {
      const size_t at = s.find(replace);
      EXPECT_NE(at, std::string::npos) << replace;
      s.replace(at, replace.size(), with);
    }
    s += extra;
    const std::string path = tmp_.File("phq2.txt");
    std::ofstream(path) << s;
    return path;
  }
  std::string Error(const std::string& path) {
    auto r = LoadInstrument(path, "phq2");
    EXPECT_FALSE(r.ok());
    return r.ok() ? "" : r.status().message();
  }
  testing::TempDir tmp_;
};

TEST_F(LoadErrorTest, ErrorsNameFileAndLine) {
  EXPECT_TRUE(LoadInstrument(Write(""), "phq2").ok());
  std::string path = Write("colour\tblue\n");
  EXPECT_NE(Error(path).find(path + ":"), std::string::npos);
  EXPECT_NE(Error(path).find("unknown key `colour`"), std::string::npos);
  EXPECT_NE(Error(Write("", "item\t2\t44255-8", "item\t3\t44255-8")).find("numbered 1, 2, 3"), std::string::npos);
  EXPECT_NE(Error(Write("", "item\t2\t44255-8", "item\t2\t44255")).find("is not a LOINC code"), std::string::npos);
  EXPECT_NE(Error(Write("", "option\t1\tLA6569-3", "option\t1\tXX6569-3")).find("answer code"), std::string::npos);
  EXPECT_NE(Error(Write("", "band\t3\t6", "band\t4\t6")).find("expected 3 (no gaps or overlaps)"), std::string::npos);
  EXPECT_NE(Error(Write("", "band\t3\t6", "band\t3\t5")).find(":0: bands must end at the maximum total 6"), std::string::npos);
  EXPECT_NE(Error(Write("", "option\t3\tLA6571-9\tNearly every day\n", "")).find("bands must end"), std::string::npos);
  EXPECT_NE(Error(Write("flag\tx\tsometimes\t3\n")).find("unknown flag rule"), std::string::npos);
  EXPECT_NE(Error(Write("rci\tsd_reliability\t5\t1.5\tsomewhere\n")).find("reliability must be between 0 and 1"), std::string::npos);
  EXPECT_NE(Error(Write("", "id\tphq2", "id\tphq3")).find(":0: id must be `phq2`"), std::string::npos);
  // Found by fuzz/scoring_fuzzer: a factor whose percentage overflows an int is refused.
  EXPECT_NE(Error(Write("percentage_factor\t0\n")).find("percentage factor must be above 0"), std::string::npos);
  EXPECT_FALSE(LoadInstrument(Write("percentage_factor\t2147483647\n"), "phq2").ok());
  // The line number is the file's own.
  const std::string bad = Write("nonsense\n");
  std::ifstream count(bad);
  int lines = 0;
  for (std::string l; std::getline(count, l);) ++lines;
  EXPECT_NE(Error(bad).find(":" + std::to_string(lines) + ":"), std::string::npos) << Error(bad);
  EXPECT_EQ(LoadInstrument(tmp_.File("absent.txt"), "phq2").status().code(), StatusCode::kNotFound);
}

TEST(InstrumentSetTest, FollowUpMustExist) {
  std::vector<Instrument> only = {Get("phq2")};
  EXPECT_FALSE(InstrumentSet::FromInstruments(only).ok());
}

}  // namespace
}  // namespace interlude::care
