// Homework as stored, read back as API objects (see assignment_store.h).
#include "api/assignment_store.h"

#include <algorithm>
#include <map>

#include "api/record_json.h"
#include "base/log.h"

namespace interlude::api {
namespace {

constexpr char kAssignmentTable[] = "assignments";

void IdOnly(const store::SealedRecord& r, std::string& out) {
  AppendJsonMember(out, "id", r.id, /*comma=*/false);
}

std::string StringOr(const Json& object, const char* name) {
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Result<std::vector<Json>> ListAssignmentJson(ApiDeps& deps, const store::UserRecord& client,
                                             const crypto::SecretKey& key,
                                             const std::string& assigned_by) {
  store::ListQuery all;
  all.limit = 0;
  ASSIGN_OR_RETURN(const auto rows,
                   deps.store.records(store::Collection::kAssignments).List(client.id, all));
  std::vector<Json> out;
  out.reserve(rows.size());
  std::map<std::string, Json> clinicians;  // id -> {id, handle}, looked up once each
  for (const store::SealedRecord& r : rows) {
    auto item = OpenRecordJson(deps.vault, key, kAssignmentTable, r, IdOnly);
    if (!item.ok() || !item->is_object()) {
      Log(LogLevel::kWarn, "assignment.unreadable",
          {{"user", LogId(client.id)}, {"assignment", LogId(r.id)}});
      continue;
    }
    const std::string by = StringOr(*item, "assigned_by");
    if (!assigned_by.empty() && by != assigned_by) continue;
    auto known = clinicians.find(by);
    if (known == clinicians.end()) {
      auto user = deps.store.users().FindById(by);
      Json who = user.ok() ? Json{{"id", user->id}, {"handle", user->handle}}
                           : Json{{"id", by}, {"handle", nullptr}};  // the clinician left
      known = clinicians.emplace(by, std::move(who)).first;
    }
    (*item)["assigned_by"] = known->second;
    out.push_back(std::move(*item));
  }
  // Open before done; within each, the earliest due first (then the oldest set first).
  std::stable_sort(out.begin(), out.end(), [](const Json& a, const Json& b) {
    const bool a_done = !a.value("done_at", Json()).is_null();
    const bool b_done = !b.value("done_at", Json()).is_null();
    if (a_done != b_done) return !a_done;
    const std::string a_due = StringOr(a, "due");
    const std::string b_due = StringOr(b, "due");
    if (a_due != b_due) return a_due < b_due;
    return StringOr(a, "created_at") < StringOr(b, "created_at");
  });
  return out;
}

}  // namespace interlude::api
