// The safety step of every write; see write_safety.h.
#include "api/write_safety.h"

#include "base/log.h"
#include "base/random.h"
#include "safety/safety_layer.h"
#include "safety/tier_policy.h"

namespace interlude::api {
namespace {

constexpr UnixMillis kHistoryWindowMillis = 72LL * 3600 * 1000;  // the longest rule (SAFE-010)

void LogSkipped(const Principal& caller, std::string_view what, const Status& st) {
  Log(LogLevel::kWarn, "safety.step_skipped",
      {{"user", LogId(caller.user.id)}, {"step", LogId(what)},
       {"code", LogId(StatusCodeName(st.code()))}});
}

// True when some link of the person shares safety alerts (SAFE-081).
bool AlertsConsented(ApiDeps& deps, const Principal& caller) {
  auto links = deps.store.links().ForClient(caller.user.id);
  if (!links.ok()) {
    LogSkipped(caller, "links", links.status());
    return false;
  }
  for (const store::LinkRecord& link : *links) {
    const Json share = Json::parse(link.share_json, nullptr, /*allow_exceptions=*/false);
    if (share.is_object() && share.value("safety_alerts", false)) return true;
  }
  return false;
}

std::string ReasonCodes(const safety::Assessment& a) {
  std::string out;
  for (const safety::Reason& r : a.reasons) {
    if (!out.empty()) out.push_back(',');
    out += r.rule + ":" + r.code;
  }
  return out;
}

}  // namespace

WriteSafety AssessWrite(ApiDeps& deps, const Principal& caller, const safety::Assessment& own,
                        store::Collection source, const std::string& item_id, UnixMillis now) {
  WriteSafety out;
  out.assessment = own;
  auto marks = deps.store.safety().RecentRisk(caller.user.id, now - kHistoryWindowMillis, item_id);
  if (marks.ok()) {
    std::vector<safety::PastSignal> history;
    history.reserve(marks->size());
    for (const store::RiskMark& m : *marks) {
      history.push_back({m.at, static_cast<safety::Tier>(std::clamp(m.tier, 0, 3))});
    }
    out.assessment = safety::ApplyHistory(own, history, now);
  } else {
    LogSkipped(caller, "history", marks.status());
  }
  if (out.assessment.tier == safety::Tier::kHigh && deps.options.clinician_alerts &&
      AlertsConsented(deps, caller)) {
    store::AlertRecord alert;
    alert.id = NewId();
    alert.user_id = caller.user.id;
    alert.source = source;
    alert.item_id = item_id;
    alert.tier = static_cast<int>(out.assessment.tier);
    alert.reasons = ReasonCodes(out.assessment);
    alert.created_at = now;
    out.alert = std::move(alert);
  }
  return out;
}

void KeepWithItem(const safety::Assessment& a, Json& content, store::SealedRecord& record) {
  record.risk_tier = static_cast<int>(a.tier);
  if (a.tier == safety::Tier::kNone) {
    content.erase("safety");
    return;
  }
  Json reasons = Json::array();
  for (const safety::Reason& r : a.reasons) reasons.push_back({{"rule", r.rule}, {"code", r.code}});
  content["safety"] = {{"tier", safety::TierName(a.tier)}, {"reasons", std::move(reasons)}};
}

Json SafetyResponseJson(ApiDeps& deps, const Principal& caller, const WriteSafety& ws) {
  Json out;
  if (deps.safety != nullptr) {
    out = deps.safety->responses().Build(ws.assessment, caller.user.country).ToJson();
  } else {
    out = {{"tier", safety::TierName(ws.assessment.tier)}, {"reasons", Json::array()},
           {"resources", Json::array()}, {"actions", Json::array()}};
  }
  out["clinician_alerted"] = ws.alert.has_value();
  return out;
}

void AfterCommit(ApiDeps& deps, const Principal& caller, const WriteSafety& ws) {
  if (!ws.alert) return;
  Log(LogLevel::kWarn, "safety.alert_raised",
      {{"user", LogId(caller.user.id)}, {"alert", LogId(ws.alert->id)}, {"tier", ws.alert->tier}});
  if (deps.notifier != nullptr) deps.notifier->AlertRaised();
}

std::string SafetyResponseMember(ApiDeps& deps, const Principal& caller, const WriteSafety& ws) {
  if (ws.assessment.tier == safety::Tier::kNone) return {};
  return ",\"safety\":" + SafetyResponseJson(deps, caller, ws).dump();
}

}  // namespace interlude::api
