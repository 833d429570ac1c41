// What a clinician may see of one client, and the record that they looked.
//
// Every clinician endpoint about a client starts with ResolveClient (the caller must be a
// clinician linked to the client: otherwise 403 for a non-clinician, 404 for an unlinked
// client — the two "no such client" cases are not told apart), then RequireShare for the
// category it reads (403 naming what is not shared), then RecordAccess, which appends a
// line to the hash-chained access log the client sees under "who looked at my data".
// Revoking a link deletes it, so the very next request is refused.
//
// Thread-safety: stateless functions over thread-safe dependencies.
#pragma once

#include <string>
#include <string_view>

#include "api/api_context.h"

namespace interlude::api {

// The share keys a client can set on a link (docs/api.md "Links").
inline constexpr std::string_view kShareMood = "mood";
inline constexpr std::string_view kShareAssessments = "assessments";
inline constexpr std::string_view kShareGoals = "goals";  // goals and homework
inline constexpr std::string_view kShareSafetyPlan = "safety_plan";
inline constexpr std::string_view kShareConversations = "conversations";
inline constexpr std::string_view kShareEntries = "entries";
inline constexpr std::string_view kShareSafetyAlerts = "safety_alerts";

struct ClientAccess {
  store::LinkRecord link;
  store::UserRecord client;
  Json share;  // the link's share object (booleans)

  bool Shares(std::string_view key) const;
};

// PermissionDenied unless the caller is a clinician.
Status RequireClinician(const RequestContext& ctx);

// The caller's link to `client_id`. PermissionDenied when the caller is not a clinician;
// NotFound when they are not linked to that client (or it does not exist).
Result<ClientAccess> ResolveClient(ApiDeps& deps, const RequestContext& ctx,
                                   const std::string& client_id);

// OK when the client shares `key` with the caller; PermissionDenied naming it otherwise.
Status RequireShare(const ClientAccess& access, std::string_view key);

// The client's data key (to open what they shared). Errors: the vault's.
Result<crypto::SecretKey> ClientDataKey(ApiDeps& deps, const ClientAccess& access);

// Appends "caller did `action` on `category` of `subject_id`" to the access log. A read
// is recorded before the data is returned; when the log cannot be written the read fails.
Status RecordAccess(ApiDeps& deps, const RequestContext& ctx, const std::string& subject_id,
                    std::string_view category, std::string_view action = "read");

// The API name of the kind of item an alert was raised on ("entry", "checkin", ...).
std::string_view AlertSourceName(store::Collection c);

// The keyed hash (hex BLAKE2b-256 under the vault's audit key) that chains `line` to
// `line.prev_hash`: over every field but `hash`.
std::string AuditLineHash(const ContentVault& vault, const store::AuditRecord& line);

// What an intact chain ends with: an operator who keeps `last_hash` elsewhere can later tell
// a removed tail (which the chain alone cannot show) from an intact log.
struct AuditChainHead {
  std::int64_t records = 0;
  std::string last_hash;  // "" when the log is empty
};

// Re-computes the whole chain. Returns its head when every line is intact; DataLoss naming
// the first broken line (its sequence number and what is wrong) when any line was edited,
// removed or inserted.
Result<AuditChainHead> VerifyAuditChain(store::Store& store, const ContentVault& vault);

}  // namespace interlude::api
