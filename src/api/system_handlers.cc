// Health, vocabulary and shared query helpers.
#include <cstdlib>

#include "api/handlers.h"
#include "api/vocabulary.h"

namespace interlude::api {

Result<Reply> HandleHealth(ApiDeps& deps, RequestContext&) {
  return JsonReply(200, Json{{"status", "ok"}, {"version", deps.options.version}});
}

Result<Reply> HandleVocabulary(ApiDeps&, RequestContext&) {
  Json emotions = Json::array();
  for (const EmotionWord& e : EmotionVocabulary()) {
    emotions.push_back({{"word", e.word},
                        {"pleasant", e.pleasant},
                        {"energy", e.energy == Energy::kHigh ? "high" : "low"}});
  }
  Json tags = Json::array();
  for (const std::string_view t : SuggestedTags()) tags.push_back(t);
  return JsonReply(200, Json{{"emotions", std::move(emotions)}, {"tags", std::move(tags)}});
}

Result<std::int64_t> QueryInt(const RequestContext& ctx, const char* name, std::int64_t lo,
                              std::int64_t hi, std::int64_t fallback) {
  const auto it = ctx.request.query.find(name);
  if (it == ctx.request.query.end() || it->second.empty()) return fallback;
  const std::string& text = it->second;
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (end != text.c_str() + text.size() || text.size() > 18 || v < lo || v > hi) {
    return InvalidArgument(std::string(name) + " must be a whole number from " +
                               std::to_string(lo) + " to " + std::to_string(hi),
                           name);
  }
  return static_cast<std::int64_t>(v);
}

}  // namespace interlude::api
