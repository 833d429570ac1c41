// The companion conversation: start, list, read, answer a message, share the summary,
// delete. Each conversation is one sealed record holding its messages, the companion's
// state and the conversation's safety state; the tier of its riskiest turn is in clear like
// an entry's. Every user message passes the safety layer first (SAFE-040/041, assessed
// across turns); at moderate or high the safety layer takes the turn (SAFE-086) and the
// companion only notes that it did. See docs/api.md "Companion" and docs/mirror.md.
#include <algorithm>
#include <array>
#include <mutex>

#include "api/client_reads.h"
#include "api/exercise_support.h"
#include "api/handlers.h"
#include "api/record_json.h"
#include "api/reflection_step.h"
#include "api/write_safety.h"
#include "base/log.h"
#include "base/random.h"
#include "base/time_format.h"
#include "mirror/mirror.h"
#include "safety/conversation.h"

namespace interlude::api {
namespace {

constexpr char kTable[] = "conversations";
constexpr size_t kMaxMessageChars = 4000;
// A conversation holds at most this many messages (both sides); then a new one is needed.
constexpr size_t kMaxMessages = 400;

store::RecordRepository& Conversations(ApiDeps& deps) {
  return deps.store.records(store::Collection::kConversations);
}

Status RequireCompanion(const ApiDeps& deps) {
  if (deps.mirror == nullptr) return Unavailable("the companion is not loaded");
  return OkStatus();
}

// Messages of one conversation are read, extended and written back as one; a stripe of
// locks keeps two messages sent at once to the same conversation from losing either.
std::mutex& LockFor(const std::string& id) {
  static std::array<std::mutex, 64> stripes;
  return stripes[SeedOf(id) % stripes.size()];
}

Json MessageJson(const std::string& role, const Json& body, UnixMillis at) {
  Json m = body.is_object() ? body : Json::object();
  m["role"] = role;
  m["at"] = FormatIso8601(at);
  return m;
}

// The API form: clear members and the content without the internal states.
Json ConversationJson(const store::SealedRecord& r, const Json& content) {
  return {{"id", r.id},
          {"created_at", FormatIso8601(r.created_at)},
          {"updated_at", FormatIso8601(r.updated_at)},
          {"share_summary", content.value("share_summary", false)},
          {"summary", content.value("summary", "")},
          {"messages", content.value("messages", Json::array())}};
}

Result<Json> OpenConversation(ApiDeps& deps, const crypto::SecretKey& key, const store::SealedRecord& r) {
  ASSIGN_OR_RETURN(Json content, OpenRecordJson(deps.vault, key, kTable, r, NoClearMembers));
  if (!content.is_object() || !content.contains("messages") || !content["messages"].is_array()) {
    return DataLoss("this conversation could not be read");
  }
  return content;
}

Status Save(ApiDeps& deps, const Principal& caller, const Json& content, store::SealedRecord& r,
            bool insert, const store::AlertRecord* alert = nullptr) {
  (void)SealRecordJson(deps.vault, caller.data_key, kTable, NoClearMembers, content, r);
  return insert ? Conversations(deps).Insert(r, alert) : Conversations(deps).Replace(r, alert);
}

std::vector<std::string> UserMessages(const Json& messages) {
  std::vector<std::string> out;
  for (const Json& m : messages) {
    if (m.is_object() && m.value("role", "") == "user") out.push_back(m.value("text", ""));
  }
  return out;
}

// The reply when the safety layer takes the turn: its message, as information.
mirror::Reply SafetyReply(const Json& safety_response) {
  mirror::Reply reply;
  const std::string message = safety_response.value("message", "");
  if (!message.empty()) reply.sentences.push_back({message, mirror::Act::kInformation, "safety"});
  return reply;
}

// The moment for suggestions: this message's emotions and themes, and, more weakly, the
// feelings and topics of the conversation so far (a closing "what should I do?" names no
// feeling, but the anxiety three messages back still matters).
mirror::Moment ConversationMoment(const text::Analysis& analysis, const mirror::CompanionState& state,
                                  int tier, const std::optional<std::int64_t>& hour) {
  mirror::Moment m = MomentOf(&analysis, tier, hour ? static_cast<int>(*hour) : -1);
  constexpr double kEarlier = 0.5;  // what was said before weighs half of what is said now
  for (const std::string& name : state.feelings) {
    text::Emotion e;
    if (!text::ParseEmotion(name, e)) continue;
    const bool present = std::any_of(m.emotions.begin(), m.emotions.end(),
                                     [&](const text::EmotionScore& s) { return s.emotion == e; });
    if (!present) m.emotions.push_back({e, kEarlier, {}});
  }
  for (const std::string& topic : state.topics) {
    const bool present = std::any_of(m.themes.begin(), m.themes.end(),
                                     [&](const text::ThemeScore& t) { return t.theme == topic; });
    if (!present) m.themes.push_back({topic, kEarlier, {}});
  }
  return m;
}

}  // namespace

Result<Reply> HandleCreateConversation(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(RequireCompanion(deps));
  ObjectReader reader(ctx.body);
  RETURN_IF_ERROR(reader.Finish());
  const Principal& caller = ctx.caller();
  const UnixMillis now = deps.clock.NowMillis();
  store::SealedRecord r;
  r.id = NewId();
  r.user_id = caller.user.id;
  r.kind = "companion";
  r.sort_at = r.created_at = r.updated_at = now;
  const mirror::Reply opening = deps.mirror->companion().Opening(SeedOf(r.id));
  Json content = {{"messages", Json::array({MessageJson("companion", mirror::ReplyToJson(opening), now)})},
                  {"companion", mirror::CompanionState{}.ToJson()},
                  {"safety_state", safety::ConversationSafetyState{}.ToJson()},
                  {"summary", ""},
                  {"share_summary", false}};
  RETURN_IF_ERROR(Save(deps, caller, content, r, /*insert=*/true));
  Log(LogLevel::kInfo, "conversation.created", {{"user", LogId(r.user_id)}, {"conversation", LogId(r.id)}});
  return JsonReply(201, ConversationJson(r, content));
}

Result<Reply> HandleListConversations(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const std::int64_t limit, QueryInt(ctx, "limit", 1, 100, 50));
  store::ListQuery q;
  q.limit = static_cast<int>(limit);
  ASSIGN_OR_RETURN(const auto rows, Conversations(deps).List(ctx.caller().user.id, q));
  Json items = Json::array();
  for (const store::SealedRecord& r : rows) {
    auto content = OpenConversation(deps, ctx.caller().data_key, r);
    if (!content.ok()) continue;  // a damaged row never hides the rest
    items.push_back({{"id", r.id},
                     {"created_at", FormatIso8601(r.created_at)},
                     {"updated_at", FormatIso8601(r.updated_at)},
                     {"messages", (*content)["messages"].size()},
                     {"summary", content->value("summary", "")},
                     {"share_summary", content->value("share_summary", false)}});
  }
  return JsonReply(200, {{"items", std::move(items)}});
}

Result<Json> SharedConversationSummaries(ApiDeps& deps, const std::string& user_id,
                                         const crypto::SecretKey& key) {
  store::ListQuery all;
  all.limit = 0;
  ASSIGN_OR_RETURN(const auto rows, Conversations(deps).List(user_id, all));
  Json out = Json::array();
  for (const store::SealedRecord& r : rows) {
    auto content = OpenConversation(deps, key, r);
    if (!content.ok()) continue;  // a damaged row never hides the rest
    if (!content->value("share_summary", false)) continue;
    out.push_back({{"id", r.id},
                   {"summary", content->value("summary", "")},
                   {"updated_at", FormatIso8601(r.updated_at)}});
  }
  return out;
}

Result<Reply> HandleGetConversation(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const store::SealedRecord r,
                   Conversations(deps).Get(ctx.caller().user.id, ctx.params.at("id")));
  ASSIGN_OR_RETURN(const Json content, OpenConversation(deps, ctx.caller().data_key, r));
  return JsonReply(200, ConversationJson(r, content));
}

Result<Reply> HandlePostMessage(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(RequireCompanion(deps));
  ObjectReader reader(ctx.body);
  ASSIGN_OR_RETURN(const std::string text, reader.RequiredString("text", kMaxMessageChars));
  ASSIGN_OR_RETURN(const auto hour, reader.OptionalInt("hour", 0, 23));
  RETURN_IF_ERROR(reader.Finish());
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidArgument("text must not be blank", "text");
  }
  const Principal& caller = ctx.caller();
  const std::string& id = ctx.params.at("id");
  std::lock_guard<std::mutex> lock(LockFor(id));
  ASSIGN_OR_RETURN(store::SealedRecord r, Conversations(deps).Get(caller.user.id, id));
  ASSIGN_OR_RETURN(Json content, OpenConversation(deps, caller.data_key, r));
  Json& messages = content["messages"];
  if (messages.size() + 2 > kMaxMessages) {
    return FailedPrecondition("this conversation is full; start a new one");
  }

  text::Analysis analysis;
  if (deps.analyzer != nullptr) {
    auto a = deps.analyzer->Analyze(text);
    if (a.ok()) analysis = std::move(*a);
  }
  // SAFE-040/041: the turn is assessed with the person's previous messages.
  std::vector<std::string> said = UserMessages(messages);
  said.push_back(text);
  safety::ConversationSafetyState safety_state =
      safety::ConversationSafetyState::FromJson(content.value("safety_state", Json::object()));
  safety::Assessment own;
  if (deps.analyzer != nullptr) own = safety::AssessTurn(*deps.analyzer, said, safety_state);
  const UnixMillis now = deps.clock.NowMillis();
  const WriteSafety ws = AssessWrite(deps, caller, own, store::Collection::kConversations, r.id, now);
  const int tier = static_cast<int>(ws.assessment.tier);

  mirror::CompanionState state =
      mirror::CompanionState::FromJson(content.value("companion", Json::object()));
  const std::uint64_t seed = SeedOf(r.id + ":" + std::to_string(messages.size()));
  Json reply_json;
  Json safety_json;
  if (ws.assessment.tier != safety::Tier::kNone) safety_json = SafetyResponseJson(deps, caller, ws);
  if (ws.assessment.tier >= safety::Tier::kModerate) {
    // SAFE-086: the safety layer takes the turn; the companion does not answer it.
    mirror::Companion::NoteSafetyTurn(state);
    reply_json = mirror::ReplyToJson(SafetyReply(safety_json));
  } else {
    mirror::CompanionRequest request;
    request.text = text;
    request.analysis = &analysis;
    request.offers = OffersFor(deps, caller, ConversationMoment(analysis, state, tier, hour), seed);
    request.seed = seed;
    const mirror::CompanionTurn turn = deps.mirror->companion().Respond(request, state);
    reply_json = mirror::ReplyToJson(turn.reply);
    if (turn.exercise) {
      reply_json["exercise"] = {{"id", turn.exercise->id},
                                {"title", turn.exercise->title},
                                {"reason", turn.exercise->reason}};
    }
  }
  if (!safety_json.is_null()) reply_json["safety"] = safety_json;

  const Json user_message = MessageJson("user", Json{{"text", text}}, now);
  const Json companion_message = MessageJson("companion", reply_json, now);
  messages.push_back(user_message);
  messages.push_back(companion_message);
  content["companion"] = state.ToJson();
  content["safety_state"] = safety_state.ToJson();
  content["summary"] = deps.mirror->companion().Summary(state);
  r.risk_tier = std::max(r.risk_tier, tier);
  r.sort_at = r.updated_at = now;  // the most recently active conversation lists first
  RETURN_IF_ERROR(Save(deps, caller, content, r, /*insert=*/false, AlertOf(ws)));  // SAFE-080
  Log(LogLevel::kInfo, "conversation.message",
      {{"user", LogId(caller.user.id)}, {"conversation", LogId(r.id)},
       {"bytes", static_cast<std::uint64_t>(text.size())}, {"tier", tier}});
  AfterCommit(deps, caller, ws);
  return JsonReply(200, {{"message", user_message}, {"reply", companion_message}});
}

Result<Reply> HandlePatchConversation(ApiDeps& deps, RequestContext& ctx) {
  ObjectReader reader(ctx.body);
  ASSIGN_OR_RETURN(const auto share, reader.OptionalBool("share_summary"));
  RETURN_IF_ERROR(reader.Finish());
  const std::string& id = ctx.params.at("id");
  std::lock_guard<std::mutex> lock(LockFor(id));
  ASSIGN_OR_RETURN(store::SealedRecord r, Conversations(deps).Get(ctx.caller().user.id, id));
  ASSIGN_OR_RETURN(Json content, OpenConversation(deps, ctx.caller().data_key, r));
  if (share) content["share_summary"] = *share;
  r.updated_at = deps.clock.NowMillis();
  RETURN_IF_ERROR(Save(deps, ctx.caller(), content, r, /*insert=*/false));
  Log(LogLevel::kInfo, "conversation.updated",
      {{"user", LogId(ctx.caller().user.id)}, {"conversation", LogId(r.id)}});
  return JsonReply(200, ConversationJson(r, content));
}

Result<Reply> HandleDeleteConversation(ApiDeps& deps, RequestContext& ctx) {
  RETURN_IF_ERROR(Conversations(deps).Delete(ctx.caller().user.id, ctx.params.at("id")));
  Log(LogLevel::kInfo, "conversation.deleted",
      {{"user", LogId(ctx.caller().user.id)}, {"conversation", LogId(ctx.params.at("id"))}});
  return NoContent();
}

}  // namespace interlude::api
