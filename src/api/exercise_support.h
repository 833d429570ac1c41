// What the API knows when it recommends coping exercises: the person's own "did this
// help?" answers (sealed exercise logs) and the moment (emotions and themes of what they
// wrote last, the time of day, and whether distress is high), handed to the recommender
// (mirror/recommender.h).
//
// Thread-safety: pure functions over the thread-safe ApiDeps.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/api_context.h"
#include "mirror/companion.h"
#include "mirror/recommender.h"

namespace interlude::api {

inline constexpr char kExerciseLogTable[] = "exercise_logs";

// The person's answers per exercise id (at most the newest 1,000). Records that do not
// open are skipped (logged by id).
Result<std::map<std::string, mirror::ExerciseOutcomes>> ExerciseOutcomesOf(ApiDeps& deps,
                                                                          const Principal& caller);

// The moment from an analysis (emotions, themes), the safety tier and `hour` (-1 unknown).
mirror::Moment MomentOf(const text::Analysis* analysis, int tier, int hour);

// The moment from what the person wrote in the last 24 hours (their newest entry or
// check-in note with an analysis), for suggestions outside a conversation.
mirror::Moment RecentMoment(ApiDeps& deps, const Principal& caller, int hour);

// Offers for the companion: the recommender's suggestions with titles and reasons.
std::vector<mirror::ExerciseOffer> OffersFor(ApiDeps& deps, const Principal& caller,
                                             const mirror::Moment& moment, std::uint64_t seed);

// {id, title, kind, minutes, reasons} for a suggestion.
Json SuggestionJson(const mirror::Exercise& exercise, const mirror::Suggestion& suggestion);

}  // namespace interlude::api
