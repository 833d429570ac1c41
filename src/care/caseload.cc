// Need score, reasons and order of the caseload (see caseload.h).
#include "care/caseload.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "care/mood_words.h"

namespace interlude::care {
namespace {

constexpr UnixMillis kDay = 86400000;

// "A", "A and B", "A, B and C".
std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace

Need AssessNeed(const CaseloadFacts& facts) {
  Need need;
  const auto add = [&need](int weight, const char* code, std::string text) {
    need.score += weight;
    need.reasons.push_back({code, std::move(text)});
  };
  if (facts.open_alerts && *facts.open_alerts > 0) {
    add(kOpenAlertWeight, "open_alert",
        Count(*facts.open_alerts, "safety alert", "safety alerts") + " not yet acknowledged");
  }
  if (facts.latest) {
    std::vector<std::string> worse;
    for (const LatestScore& s : *facts.latest) {
      if (s.reliable_change != "deterioration") continue;
      std::string one = s.name + " reliably worse than at the start";
      if (s.first_score) {
        one += " (" + std::to_string(*s.first_score) + " then, " + std::to_string(s.score) + " now)";
      }
      worse.push_back(std::move(one));
    }
    if (!worse.empty()) {
      std::string text;
      for (const std::string& w : worse) text += (text.empty() ? "" : "; ") + w;
      add(kDeteriorationWeight, "reliable_deterioration", std::move(text));
    }
  }
  if (facts.overdue && !facts.overdue->empty()) {
    add(kOverdueWeight, "overdue_questionnaire",
        JoinNames(*facts.overdue) +
            (facts.overdue->size() == 1 ? " questionnaire is overdue" : " questionnaires are overdue"));
  }
  if (facts.mood_direction == "falling") {
    add(kFallingMoodWeight, "falling_mood",
        "Mood has been falling over the last " + std::to_string(kMoodTrendDays) + " days (" +
            OneDecimal(std::abs(facts.mood_slope_per_week)) + " points a week)");
  }
  if (facts.activity_shared) {
    const UnixMillis since = facts.last_activity_at.value_or(facts.linked_at);
    const std::int64_t days = (facts.now - since) / kDay;
    if (days >= kNoActivityDays) {
      add(kNoActivityWeight, "no_activity",
          facts.last_activity_at
              ? "Nothing shared for " + Count(days, "day", "days")
              : "Nothing shared since linking " + Count(days, "day", "days") + " ago");
    }
  }
  return need;
}

std::vector<size_t> OrderByNeed(std::span<const CaseloadRank> rows) {
  std::vector<size_t> order(rows.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&rows](size_t ia, size_t ib) {
    const CaseloadRank& a = rows[ia];
    const CaseloadRank& b = rows[ib];
    if (a.score != b.score) return a.score > b.score;
    if (a.open_alerts != b.open_alerts) return a.open_alerts > b.open_alerts;
    if (a.last_activity_at != b.last_activity_at) {
      if (!a.last_activity_at) return true;  // nothing known: the longest silence
      if (!b.last_activity_at) return false;
      return *a.last_activity_at < *b.last_activity_at;
    }
    return a.handle < b.handle;
  });
  return order;
}

std::vector<std::optional<double>> Sparkline(const DailySeries& series, std::int64_t last_day,
                                             int days) {
  std::vector<std::optional<double>> out;
  out.reserve(static_cast<size_t>(std::max(days, 0)));
  for (std::int64_t day = last_day - days + 1; day <= last_day; ++day) {
    if (series.HasData(day)) {
      out.push_back(std::round(series.MeanValence(day) * 1000.0) / 1000.0);
    } else {
      out.push_back(std::nullopt);
    }
  }
  return out;
}

}  // namespace interlude::care
