// Consent checks and the access log (see client_access.h).
#include "api/client_access.h"

#include "base/log.h"
#include "crypto/tokens.h"

namespace interlude::api {

bool ClientAccess::Shares(std::string_view key) const {
  if (!share.is_object()) return false;
  const auto it = share.find(std::string(key));
  return it != share.end() && it->is_boolean() && it->get<bool>();
}

Status RequireClinician(const RequestContext& ctx) {
  if (ctx.caller().user.role != store::Role::kClinician) {
    return PermissionDenied("only a clinician can do that");
  }
  return OkStatus();
}

Result<ClientAccess> ResolveClient(ApiDeps& deps, const RequestContext& ctx,
                                   const std::string& client_id) {
  RETURN_IF_ERROR(RequireClinician(ctx));
  ASSIGN_OR_RETURN(const auto links, deps.store.links().ForClinician(ctx.caller().user.id));
  for (const store::LinkRecord& link : links) {
    if (link.client_id != client_id) continue;
    auto client = deps.store.users().FindById(client_id);
    if (!client.ok()) break;
    if (client->disabled || client->wrapped_key.empty()) break;  // disabled or being deleted
    ClientAccess access{link, std::move(*client), Json::parse(link.share_json, nullptr, false)};
    if (!access.share.is_object()) access.share = Json::object();
    return access;
  }
  return NotFound("no such client");
}

Status RequireShare(const ClientAccess& access, std::string_view key) {
  if (access.Shares(key)) return OkStatus();
  std::string what(key);
  for (char& c : what) {
    if (c == '_') c = ' ';
  }
  return PermissionDenied("this client does not share their " + what + " with you");
}

Result<crypto::SecretKey> ClientDataKey(ApiDeps& deps, const ClientAccess& access) {
  return deps.vault.DataKey(access.client);
}

std::string_view AlertSourceName(store::Collection c) {
  switch (c) {
    case store::Collection::kEntries: return "entry";
    case store::Collection::kCheckins: return "checkin";
    case store::Collection::kScreenings: return "screening";
    case store::Collection::kSafetyPlans: return "safety_plan";
    case store::Collection::kAssessments: return "assessment";
    case store::Collection::kConversations: return "conversation";
    case store::Collection::kExerciseLogs: return "exercise_log";
    case store::Collection::kActivities: return "activity";
    case store::Collection::kMirrorState: return "mirror_state";
    case store::Collection::kAssignments: return "assignment";
  }
  return "entry";
}

std::string AuditLineHash(const ContentVault& vault, const store::AuditRecord& line) {
  // Fields joined with a separator that cannot occur in ids or category names.
  std::string message = line.prev_hash;
  for (const std::string& part : {std::to_string(line.seq), std::to_string(line.at),
                                  line.actor_id, line.subject_id, line.category, line.action}) {
    message += '\x1f';
    message += part;
  }
  return crypto::KeyedIndex(vault.AuditKey(), message);
}

Status RecordAccess(ApiDeps& deps, const RequestContext& ctx, const std::string& subject_id,
                    std::string_view category, std::string_view action) {
  store::AuditRecord line;
  line.at = deps.clock.NowMillis();
  line.actor_id = ctx.caller().user.id;
  line.subject_id = subject_id;
  line.category = std::string(category);
  line.action = std::string(action);
  const ContentVault& vault = deps.vault;
  auto appended = deps.store.audit().Append(
      line, [&vault](const store::AuditRecord& l) { return AuditLineHash(vault, l); });
  if (!appended.ok()) {
    Log(LogLevel::kError, "audit.append_failed",
        {{"request", LogId(ctx.request_id)}, {"code", LogId(StatusCodeName(appended.status().code()))}});
    return appended.status();
  }
  return OkStatus();
}

Result<AuditChainHead> VerifyAuditChain(store::Store& store, const ContentVault& vault) {
  std::int64_t expected_seq = 1;
  std::string prev_hash;
  const Status st = store.audit().Scan([&](const store::AuditRecord& line) -> Status {
    const std::string at = "record " + std::to_string(line.seq);
    if (line.seq != expected_seq) {
      return DataLoss("the audit log is broken at record " + std::to_string(expected_seq) +
                      ": it is missing (the next record is " + std::to_string(line.seq) + ")");
    }
    if (line.prev_hash != prev_hash) {
      return DataLoss("the audit log is broken at " + at +
                      ": it does not follow the record before it (a record was removed or "
                      "replaced)");
    }
    if (AuditLineHash(vault, line) != line.hash) {
      return DataLoss("the audit log is broken at " + at + ": its contents were changed");
    }
    prev_hash = line.hash;
    ++expected_seq;
    return OkStatus();
  });
  RETURN_IF_ERROR(st);
  return AuditChainHead{expected_seq - 1, prev_hash};
}

}  // namespace interlude::api
