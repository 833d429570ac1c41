// GET /api/v1/me/access-log: the caller's view of who looked at their data (docs/api.md
// "Who looked at my data"), newest first, from the hash-chained access log. A reader whose
// account is gone still shows, by id, with no handle or role.
#include <unordered_map>

#include "api/handlers.h"
#include "base/time_format.h"

namespace interlude::api {

Result<Reply> HandleAccessLog(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const std::int64_t limit, QueryInt(ctx, "limit", 1, 500, 100));
  ASSIGN_OR_RETURN(const auto lines,
                   deps.store.audit().ForSubject(ctx.caller().user.id, static_cast<int>(limit)));
  std::unordered_map<std::string, Json> readers;  // a few clinicians read many times
  Json accesses = Json::array();
  for (const store::AuditRecord& line : lines) {
    auto known = readers.find(line.actor_id);
    if (known == readers.end()) {
      Json who = {{"id", line.actor_id}, {"handle", nullptr}, {"role", nullptr}};
      auto reader = deps.store.users().FindById(line.actor_id);
      if (reader.ok()) {
        who["handle"] = reader->handle;
        who["role"] = store::RoleName(reader->role);
      } else if (reader.status().code() != StatusCode::kNotFound) {
        return reader.status();
      }
      known = readers.emplace(line.actor_id, std::move(who)).first;
    }
    accesses.push_back({{"at", FormatIso8601(line.at)},
                        {"who", known->second},
                        {"category", line.category},
                        {"action", line.action}});
  }
  return JsonReply(200, Json{{"accesses", std::move(accesses)}});
}

}  // namespace interlude::api
