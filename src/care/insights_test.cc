// The whole summary: range resolution, sparse data, a daylight-saving change, input order,
// and the JSON shape of docs/api.md "Insights".
#include "care/insights.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "care/mood_test_support.h"

namespace interlude::care {
namespace {

using Json = nlohmann::json;
using testing::AddCheckin;
using testing::AddEntry;
using testing::LocalTime;

RangeBound Date(int y, int m, int d) { return {DayFromCivil(y, m, d) * kMillisPerDay, true}; }

Json Summary(const MoodData& data, const InsightsRequest& req) {
  auto json = BuildInsightsJson(data, req);
  EXPECT_TRUE(json.ok()) << json.status().ToString();
  if (!json.ok()) return Json();
  return Json::parse(*json);
}

TEST(Insights, RangeDefaultsAndErrors) {
  InsightsRequest req;
  req.now = LocalTime(2026, 6, 10, 23, 30, 0);
  // The person is at +60: 23:30Z is already 11 June for them.
  auto r = ResolveRange(req, 60);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(FormatDate(r->last), "2026-06-11");
  EXPECT_EQ(r->size(), kDefaultRangeDays);

  req.from = Date(2026, 6, 1);
  req.to = Date(2026, 5, 31);
  r = ResolveRange(req, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "from");

  req.from = Date(2023, 6, 1);
  req.to = Date(2026, 6, 1);  // 1,097 days
  r = ResolveRange(req, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "from");
  req.from = Date(2023, 6, 2);  // exactly 1,096 days
  EXPECT_TRUE(ResolveRange(req, 0).ok());

  // A full time picks its local day in the person's offset; a date alone is that date.
  req.from = RangeBound{LocalTime(2026, 6, 1, 23, 30, 0), false};
  req.to = Date(2026, 6, 3);
  r = ResolveRange(req, 120);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(FormatDate(r->first), "2026-06-02");
  EXPECT_EQ(FormatDate(r->last), "2026-06-03");
}

TEST(Insights, SingleCheckinIsInsufficientEverywhere) {
  MoodData data;
  AddCheckin(data, LocalTime(2026, 6, 10, 9, 0, 60), 60, 5, {"walk"});
  InsightsRequest req;
  req.now = LocalTime(2026, 6, 10, 12, 0, 60);
  const Json j = Summary(data, req);
  EXPECT_EQ(j["timezone_offset_min"], 60);
  EXPECT_EQ(j["to"], "2026-06-10");
  EXPECT_EQ(j["days"].size(), 90u);
  EXPECT_EQ(j["days"].back()["count"], 1);
  EXPECT_EQ(j["days"].back()["mean_valence"], 5);
  EXPECT_TRUE(j["days"].front()["mean_valence"].is_null());
  EXPECT_TRUE(j["averages"]["d7"].back()["value"].is_null());
  EXPECT_EQ(j["trend"]["status"], "insufficient");
  EXPECT_FALSE(j["trend"].contains("slope_per_week"));
  EXPECT_EQ(j["variability"]["status"], "insufficient");
  EXPECT_EQ(j["variability"]["n"], 1);
  EXPECT_EQ(j["sustained_drop"]["status"], "insufficient");
  EXPECT_TRUE(j["tags"].empty());
  EXPECT_EQ(j["weekday"].size(), 7u);
  EXPECT_EQ(j["weekday"][2]["day"], "wed");
  EXPECT_EQ(j["weekday"][2]["n"], 1);
  EXPECT_TRUE(j["weekday"][2]["mean"].is_null());
  EXPECT_EQ(j["time_of_day"].size(), 4u);
  EXPECT_EQ(j["heatmap"].size(), 28u);
  EXPECT_EQ(j["counts"]["checkins"], 1);
  for (const char* key : {"trend", "variability", "sustained_drop", "averages"}) {
    EXPECT_TRUE(j[key]["reading"].is_string()) << key;
    EXPECT_FALSE(j[key]["reading"].get<std::string>().empty()) << key;
  }
  EXPECT_TRUE(j["tags_caveat"].get<std::string>().find("association, not cause") !=
              std::string::npos);
}

TEST(Insights, NoDataAtAll) {
  MoodData data;
  InsightsRequest req;
  req.now = LocalTime(2026, 6, 10, 12, 0, 0);
  const Json j = Summary(data, req);
  EXPECT_EQ(j["timezone_offset_min"], 0);
  EXPECT_EQ(j["counts"]["checkins"], 0);
  EXPECT_EQ(j["trend"]["status"], "insufficient");
}

TEST(Insights, DaylightSavingAndGapsInTheDailySeries) {
  // London around the change of Sunday 2026-03-29: evening check-ins at 21:00 local, one
  // day skipped (the 27th).
  MoodData data;
  AddCheckin(data, LocalTime(2026, 3, 26, 21, 0, 0), 0, 3);
  AddCheckin(data, LocalTime(2026, 3, 28, 21, 0, 0), 0, 4);
  AddCheckin(data, LocalTime(2026, 3, 29, 21, 0, 60), 60, 5);
  AddCheckin(data, LocalTime(2026, 3, 30, 0, 30, 60), 60, 6);  // 23:30Z on the 29th
  InsightsRequest req;
  req.from = Date(2026, 3, 26);
  req.to = Date(2026, 3, 31);
  const Json j = Summary(data, req);
  const Json& days = j["days"];
  ASSERT_EQ(days.size(), 6u);
  EXPECT_EQ(days[0]["date"], "2026-03-26");
  EXPECT_EQ(days[1]["count"], 0);  // the gap
  EXPECT_TRUE(days[1]["mean_valence"].is_null());
  EXPECT_EQ(days[3]["date"], "2026-03-29");
  EXPECT_EQ(days[3]["count"], 1);
  EXPECT_EQ(days[4]["date"], "2026-03-30");
  EXPECT_EQ(days[4]["mean_valence"], 6);
  // 7-day average on the 29th: days 26, 28, 29 -> (3 + 4 + 5)/3 = 4.
  EXPECT_EQ(j["averages"]["d7"][3]["value"], 4);
  EXPECT_TRUE(j["averages"]["d7"][2]["value"].is_null());  // only 2 days by the 28th
  // The evening check-ins all count as evening, the 00:30 one as night.
  EXPECT_EQ(j["time_of_day"][2]["n"], 3);
  EXPECT_EQ(j["time_of_day"][3]["n"], 1);
}

MoodData ThreeMonths(bool newest_first) {
  // 84 days from 2026-01-05 (a Monday), two check-ins a day: mood rising slowly with a weekly
  // wave, "walk" on Saturdays and Sundays lifting it, one entry every other day about work.
  struct Item {
    UnixMillis at;
    int valence;
    bool walk;
  };
  std::vector<Item> items;
  const std::int64_t first = DayFromCivil(2026, 1, 5);
  for (int d = 0; d < 84; ++d) {
    const int wd = WeekdayOfDay(first + d);
    const bool weekend = wd >= 5;
    const int base = 3 + d / 28 + (weekend ? 1 : 0);
    items.push_back(
        {LocalTime(2026, 1, 5, 8, 0, 0) + d * kMillisPerDay, std::min(base, 7), weekend});
    items.push_back({LocalTime(2026, 1, 5, 20, 0, 0) + d * kMillisPerDay,
                     std::min(base + (d % 3 == 0 ? 1 : 0), 7), weekend});
  }
  if (newest_first) std::reverse(items.begin(), items.end());
  MoodData data;
  for (const Item& it : items) {
    EXPECT_TRUE(data.AddCheckin(it.at, 0, it.valence, 3).ok());
    if (it.walk) data.AddCheckinTag("walk");
  }
  return data;
}

TEST(Insights, OrderOfInputDoesNotMatter) {
  InsightsRequest req;
  req.from = Date(2026, 1, 5);
  req.to = Date(2026, 3, 29);
  const auto a = BuildInsightsJson(ThreeMonths(false), req);
  const auto b = BuildInsightsJson(ThreeMonths(true), req);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
}

TEST(Insights, ThreeMonthsOfData) {
  InsightsRequest req;
  req.from = Date(2026, 1, 5);
  req.to = Date(2026, 3, 29);
  const Json j = Summary(ThreeMonths(false), req);
  EXPECT_EQ(j["counts"]["checkins"], 168);
  EXPECT_EQ(j["counts"]["days_with_checkins"], 84);
  EXPECT_EQ(j["trend"]["status"], "ok");
  EXPECT_EQ(j["trend"]["direction"], "rising");
  EXPECT_GT(j["trend"]["slope_per_week"].get<double>(), 0.1);
  EXPECT_LT(j["trend"]["p_value"].get<double>(), 0.05);
  EXPECT_EQ(j["variability"]["status"], "ok");
  EXPECT_EQ(j["variability"]["n"], 168);
  ASSERT_EQ(j["tags"].size(), 1u);
  EXPECT_EQ(j["tags"][0]["tag"], "walk");
  EXPECT_EQ(j["tags"][0]["direction"], "better");
  EXPECT_EQ(j["tags"][0]["days_with"], 24);
  EXPECT_EQ(j["tags"][0]["days_without"], 60);
  EXPECT_EQ(j["sustained_drop"]["status"], "ok");
  EXPECT_EQ(j["sustained_drop"]["active"], false);
  EXPECT_EQ(j["weekday"][5]["n"], 24);  // 12 Saturdays, 2 check-ins each
  EXPECT_GT(j["weekday"][5]["mean"].get<double>(), j["weekday"][0]["mean"].get<double>());
}

TEST(Insights, RuminationAndEntryCounts) {
  MoodData data;
  for (int d = 0; d < 5; ++d) {
    AddCheckin(data, LocalTime(2026, 4, 6 + d, 9, 0, 0), 0, 3);
    AddEntry(data, LocalTime(2026, 4, 6 + d, 21, 0, 0), {"money"});
  }
  InsightsRequest req;
  req.from = Date(2026, 4, 1);
  req.to = Date(2026, 4, 30);
  const Json j = Summary(data, req);
  EXPECT_EQ(j["counts"]["entries"], 5);
  ASSERT_EQ(j["rumination"].size(), 1u);
  EXPECT_EQ(j["rumination"][0]["theme"], "money");
  EXPECT_EQ(j["rumination"][0]["entries"], 5);
  EXPECT_EQ(j["rumination"][0]["from"], "2026-04-06");
  EXPECT_EQ(j["rumination"][0]["to"], "2026-04-10");
  EXPECT_TRUE(j["rumination"][0]["suggestion"].is_string());
}

TEST(Insights, TagNamesAreEscaped) {
  MoodData data;
  for (int d = 0; d < 8; ++d) {
    AddCheckin(data, LocalTime(2026, 4, 6 + d, 9, 0, 0), 0, d < 3 ? 6 - d % 2 : 3 + d % 2,
               d < 3 ? std::initializer_list<std::string_view>{"say \"hi\"\\\n"}
                     : std::initializer_list<std::string_view>{});
  }
  InsightsRequest req;
  req.from = Date(2026, 4, 1);
  req.to = Date(2026, 4, 30);
  const Json j = Summary(data, req);
  ASSERT_EQ(j["tags"].size(), 1u);
  EXPECT_EQ(j["tags"][0]["tag"], "say \"hi\"\\\n");
}

TEST(Insights, NumbersAreRoundedToThreeDecimals) {
  // One day with 4, 5, 5: mean 14/3 = 4.6667 -> 4.667; energy 3, 3, 2: 8/3 -> 2.667.
  MoodData data;
  AddCheckin(data, LocalTime(2026, 4, 6, 9, 0, 0), 0, 4, {}, 3);
  AddCheckin(data, LocalTime(2026, 4, 6, 13, 0, 0), 0, 5, {}, 3);
  AddCheckin(data, LocalTime(2026, 4, 6, 19, 0, 0), 0, 5, {}, 2);
  InsightsRequest req;
  req.from = Date(2026, 4, 6);
  req.to = Date(2026, 4, 6);
  const auto json = BuildInsightsJson(data, req);
  ASSERT_TRUE(json.ok());
  EXPECT_NE(
      json->find(R"({"date":"2026-04-06","mean_valence":4.667,"mean_energy":2.667,"count":3})"),
      std::string::npos)
      << *json;
}

}  // namespace
}  // namespace interlude::care
