// Outcomes and moments for the exercise recommender.
#include "api/exercise_support.h"

#include "api/record_json.h"
#include "base/log.h"
#include "mirror/mirror.h"

namespace interlude::api {
namespace {

// The stored analysis JSON of an item (see text/analysis_json.h) back into the parts the
// recommender reads.
void ReadStoredAnalysis(const Json& analysis, mirror::Moment& moment) {
  if (const auto it = analysis.find("emotions"); it != analysis.end() && it->is_array()) {
    for (const Json& e : *it) {
      text::EmotionScore score{};
      if (!e.is_object() || !text::ParseEmotion(e.value("emotion", ""), score.emotion)) continue;
      score.intensity = e.value("intensity", 0.0);
      moment.emotions.push_back(std::move(score));
    }
  }
  if (const auto it = analysis.find("themes"); it != analysis.end() && it->is_array()) {
    for (const Json& t : *it) {
      if (!t.is_object()) continue;
      text::ThemeScore score;
      score.theme = t.value("theme", "");
      score.weight = t.value("weight", 0.0);
      if (!score.theme.empty()) moment.themes.push_back(std::move(score));
    }
  }
}

}  // namespace

Result<std::map<std::string, mirror::ExerciseOutcomes>> ExerciseOutcomesOf(ApiDeps& deps,
                                                                          const Principal& caller) {
  store::ListQuery q;
  q.limit = 1000;
  ASSIGN_OR_RETURN(const auto rows,
                   deps.store.records(store::Collection::kExerciseLogs).List(caller.user.id, q));
  std::map<std::string, mirror::ExerciseOutcomes> out;
  for (const store::SealedRecord& r : rows) {
    auto log = OpenRecordJson(deps.vault, caller.data_key, kExerciseLogTable, r, NoClearMembers);
    if (!log.ok() || !log->is_object()) {
      Log(LogLevel::kWarn, "exercise_log.unreadable", {{"user", LogId(caller.user.id)}, {"log", LogId(r.id)}});
      continue;
    }
    const std::string id = log->value("exercise_id", "");
    if (id.empty()) continue;
    mirror::ExerciseOutcomes& o = out[id];
    (log->value("helped", false) ? o.helped : o.not_helped) += 1;
  }
  return out;
}

mirror::Moment MomentOf(const text::Analysis* analysis, int tier, int hour) {
  mirror::Moment m;
  m.hour = hour;
  m.high_distress = tier >= 2;
  if (analysis != nullptr) {
    m.emotions = analysis->emotions;
    m.themes = analysis->themes;
  }
  return m;
}

mirror::Moment RecentMoment(ApiDeps& deps, const Principal& caller, int hour) {
  mirror::Moment m;
  m.hour = hour;
  const UnixMillis now = deps.clock.NowMillis();
  const UnixMillis since = now - 24LL * 3600 * 1000;
  // The newest item of either kind with an analysis wins.
  UnixMillis best_at = since;
  for (const auto& [collection, table] :
       {std::pair{store::Collection::kEntries, "entries"}, std::pair{store::Collection::kCheckins, "checkins"}}) {
    store::ListQuery q;
    q.from = since;
    q.limit = 5;
    auto rows = deps.store.records(collection).List(caller.user.id, q);
    if (!rows.ok()) continue;
    for (const store::SealedRecord& r : *rows) {
      if (r.updated_at < best_at) continue;
      auto item = OpenRecordJson(deps.vault, caller.data_key, table, r, NoClearMembers);
      if (!item.ok() || !item->contains("analysis")) continue;
      mirror::Moment candidate;
      candidate.hour = hour;
      candidate.high_distress = r.risk_tier >= 2;
      ReadStoredAnalysis((*item)["analysis"], candidate);
      m = std::move(candidate);
      best_at = r.updated_at;
      break;
    }
  }
  return m;
}

std::vector<mirror::ExerciseOffer> OffersFor(ApiDeps& deps, const Principal& caller,
                                             const mirror::Moment& moment, std::uint64_t seed) {
  std::vector<mirror::ExerciseOffer> offers;
  if (deps.mirror == nullptr) return offers;
  auto outcomes = ExerciseOutcomesOf(deps, caller);
  const std::map<std::string, mirror::ExerciseOutcomes> none;
  const auto suggestions =
      mirror::Recommend(deps.mirror->exercises(), moment, outcomes.ok() ? *outcomes : none, seed, 3);
  for (const mirror::Suggestion& s : suggestions) {
    const mirror::Exercise* e = deps.mirror->exercises().Find(s.id);
    if (e == nullptr) continue;
    std::string reason;
    for (const std::string& r : s.reasons) reason += (reason.empty() ? "" : " ") + r;
    offers.push_back({e->id, e->title, std::move(reason)});
  }
  return offers;
}

Json SuggestionJson(const mirror::Exercise& exercise, const mirror::Suggestion& suggestion) {
  return {{"id", exercise.id},        {"title", exercise.title},
          {"kind", exercise.kind},    {"minutes", exercise.minutes},
          {"summary", exercise.summary}, {"reasons", suggestion.reasons}};
}

}  // namespace interlude::api
