// A clinician's reads of one linked client's shared data (docs/api.md "What a clinician
// reads"). Every handler goes the same way: ResolveClient (403 for a non-clinician, 404
// when not linked) -> RequireShare for the category (403 naming it) -> parse the query (400
// before anything is logged) -> the client's data key -> RecordAccess (the client's access
// log; a read that cannot be logged fails) -> the answer, in the same shape as the client's
// own endpoint and from the same code (client_reads.h).
#include "api/client_access.h"
#include "api/client_reads.h"
#include "api/handlers.h"
#include "base/log.h"
#include "base/time_format.h"

namespace interlude::api {
namespace {

// Access-log categories (what the client sees in "who looked at my data").
constexpr std::string_view kLogProfile = "profile";
constexpr std::string_view kLogCheckins = "checkins";
constexpr std::string_view kLogInsights = "insights";
constexpr std::string_view kLogEntries = "entries";
constexpr std::string_view kLogAssessments = "assessments";
constexpr std::string_view kLogConversations = "conversations";
constexpr std::string_view kLogAlerts = "alerts";

// The linked client, checked for `share` (empty: the link alone is enough).
Result<ClientAccess> Resolve(ApiDeps& deps, const RequestContext& ctx, std::string_view share) {
  ASSIGN_OR_RETURN(ClientAccess access, ResolveClient(deps, ctx, ctx.params.at("id")));
  if (!share.empty()) RETURN_IF_ERROR(RequireShare(access, share));
  return access;
}

// The client's key, once the read is in their access log.
Result<crypto::SecretKey> KeyAfterRecording(ApiDeps& deps, const RequestContext& ctx,
                                            const ClientAccess& access,
                                            std::string_view category) {
  ASSIGN_OR_RETURN(crypto::SecretKey key, ClientDataKey(deps, access));
  RETURN_IF_ERROR(RecordAccess(deps, ctx, access.client.id, category));
  Log(LogLevel::kInfo, "clinician.read",
      {{"clinician", LogId(ctx.caller().user.id)}, {"client", LogId(access.client.id)},
       {"category", LogId(category)}});
  return key;
}

}  // namespace

Result<Reply> HandleClinicianClient(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const ClientAccess access, Resolve(deps, ctx, {}));
  RETURN_IF_ERROR(RecordAccess(deps, ctx, access.client.id, kLogProfile));
  return JsonReply(200, Json{{"client",
                              {{"id", access.client.id},
                               {"handle", access.client.handle},
                               {"linked_at", FormatIso8601(access.link.created_at)},
                               {"share", access.share}}}});
}

Result<Reply> HandleClinicianCheckins(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const ClientAccess access, Resolve(deps, ctx, kShareMood));
  ASSIGN_OR_RETURN(const store::ListQuery query, ParseCheckinQuery(ctx));
  ASSIGN_OR_RETURN(const crypto::SecretKey key, KeyAfterRecording(deps, ctx, access, kLogCheckins));
  ASSIGN_OR_RETURN(std::string out, CheckinListJson(deps, access.client.id, key, query));
  return RawJsonReply(200, std::move(out));
}

Result<Reply> HandleClinicianInsights(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const ClientAccess access, Resolve(deps, ctx, kShareMood));
  ASSIGN_OR_RETURN(const care::InsightsRequest request, ParseInsightsRequest(deps, ctx));
  ASSIGN_OR_RETURN(const crypto::SecretKey key, KeyAfterRecording(deps, ctx, access, kLogInsights));
  // Journal entries feed the analytics (entry counts, rumination themes) only where the
  // clinician may read them: shared entries of a client who shares `entries`.
  const EntryFilter entries =
      access.Shares(kShareEntries) ? EntryFilter::kSharedOnly : EntryFilter::kNone;
  ASSIGN_OR_RETURN(std::string out, InsightsJsonFor(deps, access.client.id, key, request, entries));
  return RawJsonReply(200, std::move(out));
}

Result<Reply> HandleClinicianEntries(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const ClientAccess access, Resolve(deps, ctx, kShareEntries));
  ASSIGN_OR_RETURN(const EntryPage page, ParseEntryPage(ctx));
  ASSIGN_OR_RETURN(const crypto::SecretKey key, KeyAfterRecording(deps, ctx, access, kLogEntries));
  ASSIGN_OR_RETURN(std::string out,
                   EntryPageJson(deps, access.client.id, key, page, /*shared_only=*/true));
  return RawJsonReply(200, std::move(out));
}

Result<Reply> HandleClinicianAssessments(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const ClientAccess access, Resolve(deps, ctx, kShareAssessments));
  ASSIGN_OR_RETURN(const AssessmentFilter filter, ParseAssessmentFilter(deps, ctx));
  ASSIGN_OR_RETURN(const crypto::SecretKey key,
                   KeyAfterRecording(deps, ctx, access, kLogAssessments));
  ASSIGN_OR_RETURN(std::string out, AssessmentListJson(deps, access.client.id, key, filter));
  return RawJsonReply(200, std::move(out));
}

Result<Reply> HandleClinicianConversations(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const ClientAccess access, Resolve(deps, ctx, kShareConversations));
  ASSIGN_OR_RETURN(const crypto::SecretKey key,
                   KeyAfterRecording(deps, ctx, access, kLogConversations));
  ASSIGN_OR_RETURN(Json summaries, SharedConversationSummaries(deps, access.client.id, key));
  return JsonReply(200, Json{{"summaries", std::move(summaries)}});
}

Result<Reply> HandleClinicianClientAlerts(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const ClientAccess access, Resolve(deps, ctx, kShareSafetyAlerts));
  ASSIGN_OR_RETURN(const AlertFilter filter, ParseAlertFilter(ctx));
  RETURN_IF_ERROR(RecordAccess(deps, ctx, access.client.id, kLogAlerts));
  // Alerts visible to this clinician (the store applies the share and the link's start),
  // this client's only.
  ASSIGN_OR_RETURN(const auto alerts, deps.store.safety().AlertsOfClientForClinician(
                                          ctx.caller().user.id, access.client.id,
                                          filter.open_only, filter.limit));
  Json out = Json::array();
  for (const store::AlertRecord& a : alerts) {
    ASSIGN_OR_RETURN(Json one, AlertJson(deps, a));
    out.push_back(std::move(one));
  }
  return JsonReply(200, Json{{"alerts", std::move(out)}});
}

}  // namespace interlude::api
