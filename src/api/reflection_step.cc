// Reflections on entries and check-in notes, and the person's reply history.
#include "api/reflection_step.h"

#include <mutex>
#include <optional>
#include <unordered_map>

#include "api/record_json.h"
#include "base/log.h"
#include "mirror/mirror.h"

namespace interlude::api {
namespace {

constexpr char kStateTable[] = "mirror_state";

void StateClear(const store::SealedRecord& r, std::string& out) {
  AppendJsonMember(out, "updated_at", std::to_string(r.updated_at), /*comma=*/false);
}

void LogSkipped(const Principal& caller, std::string_view what, StatusCode code) {
  Log(LogLevel::kWarn, "mirror.skipped",
      {{"user", LogId(caller.user.id)}, {"step", LogId(what)}, {"code", LogId(StatusCodeName(code))}});
}

// Each person's latest reply memory (template ids, no words), in this process. The sealed
// state is written behind — the write does not wait for a second durable commit — so the
// next reflection reads it from here rather than from a commit that may not have happened
// yet. Bounded: when full it starts afresh and the store has the rest. A crash can lose the
// last few updates, which at worst lets a template come back sooner.
class TemplateMemory {
 public:
  static TemplateMemory& Get() {
    static TemplateMemory memory;
    return memory;
  }

  std::optional<std::vector<std::string>> Find(const std::string& user_id) {
    const std::lock_guard<std::mutex> lock(mu_);
    const auto it = recent_.find(user_id);
    if (it == recent_.end()) return std::nullopt;
    return it->second;
  }

  void Put(const std::string& user_id, std::vector<std::string> recent) {
    const std::lock_guard<std::mutex> lock(mu_);
    if (recent_.size() >= kMaxPeople && recent_.find(user_id) == recent_.end()) recent_.clear();
    recent_[user_id] = std::move(recent);
  }

 private:
  static constexpr size_t kMaxPeople = 20000;  // about 4 MB at most
  std::mutex mu_;
  std::unordered_map<std::string, std::vector<std::string>> recent_;
};

}  // namespace

mirror::ReflectionMode ReflectionModeOf(const store::UserRecord& user) {
  const Json s = Json::parse(user.settings_json, nullptr, /*allow_exceptions=*/false);
  mirror::ReflectionMode mode = mirror::ReflectionMode::kBalanced;
  if (s.is_object()) {
    const auto it = s.find("reflections");
    if (it != s.end() && it->is_string()) {
      (void)mirror::ParseReflectionMode(it->get_ref<const std::string&>(), mode);
    }
  }
  return mode;
}

std::uint64_t SeedOf(std::string_view id) {
  std::uint64_t h = 1469598103934665603ULL;
  for (const char c : id) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

std::vector<std::string> RecentTemplates(ApiDeps& deps, const Principal& caller) {
  if (auto remembered = TemplateMemory::Get().Find(caller.user.id)) return std::move(*remembered);
  std::vector<std::string> out;
  auto row = deps.store.records(store::Collection::kMirrorState).Get(caller.user.id, caller.user.id);
  if (!row.ok()) {
    if (row.status().code() != StatusCode::kNotFound) LogSkipped(caller, "state.read", row.status().code());
    return out;
  }
  auto state = OpenRecordJson(deps.vault, caller.data_key, kStateTable, *row, StateClear);
  if (!state.ok()) {
    LogSkipped(caller, "state.open", state.status().code());
    return out;
  }
  const auto it = state->find("recent_templates");
  if (it == state->end() || !it->is_array()) return out;
  for (const Json& id : *it) {
    if (id.is_string()) out.push_back(id.get<std::string>());
  }
  return out;
}

void RememberTemplates(ApiDeps& deps, const Principal& caller, std::vector<std::string> recent,
                       const mirror::Reply& reply) {
  for (const mirror::ReplySentence& s : reply.sentences) {
    if (!s.template_id.empty()) recent.push_back(s.template_id);
  }
  // Keep a little more than the memory so that a reply of three sentences never pushes out
  // a template the composer still has to avoid.
  constexpr size_t kKept = mirror::kTemplateMemory * 3;
  if (recent.size() > kKept) recent.erase(recent.begin(), recent.end() - kKept);
  store::RecordRepository& repo = deps.store.records(store::Collection::kMirrorState);
  const UnixMillis now = deps.clock.NowMillis();
  store::SealedRecord r;
  r.id = r.user_id = caller.user.id;
  r.kind = "mirror";
  r.sort_at = r.created_at = r.updated_at = now;
  const Json state = {{"recent_templates", recent}};
  (void)SealRecordJson(deps.vault, caller.data_key, kStateTable, StateClear, state, r);
  TemplateMemory::Get().Put(caller.user.id, std::move(recent));
  repo.UpsertBehind(r);  // failures are logged by the store, with their code
}

std::string ReflectionMember(ApiDeps& deps, const Principal& caller, std::string_view text,
                             const std::optional<text::Analysis>& analysis, int tier,
                             const std::string& item_id) {
  static constexpr char kNone[] = ",\"reflection\":null";
  if (deps.mirror == nullptr || !analysis) return kNone;
  const mirror::ReflectionMode mode = ReflectionModeOf(caller.user);
  if (mode == mirror::ReflectionMode::kOff) return kNone;
  mirror::ReflectionRequest request;
  request.text = text;
  request.analysis = &*analysis;
  request.mode = mode;
  request.safety_tier = tier;
  request.recent_templates = RecentTemplates(deps, caller);
  request.seed = SeedOf(item_id);
  mirror::Reply reply;
  try {
    reply = deps.mirror->reflections().Compose(request);
  } catch (const std::exception&) {
    LogSkipped(caller, "compose", StatusCode::kInternal);  // the write stands without it
    return kNone;
  }
  if (reply.empty()) return kNone;
  RememberTemplates(deps, caller, std::move(request.recent_templates), reply);
  return ",\"reflection\":" + mirror::ReplyToJson(reply).dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace interlude::api
