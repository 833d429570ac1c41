// The safety step of every write (entries, check-ins, screenings): the item's own
// assessment is combined with the person's recent history, kept with the item (sealed in
// its content and as the clear risk tier), turned into an alert for linked clinicians when
// the clinic's policy and the person's consent allow it, and answered with the response the
// person sees — all in the response of the write itself.
//
// SAFE-080: nothing here can stop a write. History or link look-ups that fail are logged
//           (codes only) and the item is saved with the assessment of its own words.
// SAFE-081: a high tier raises an alert, in the same commit as the item, when the person is
//           linked to a clinician with `safety_alerts` shared and the clinic's policy
//           (`clinician_alerts`) is on. Alerts carry reason codes, never words.
//
// Thread-safety: pure functions over the thread-safe ApiDeps.
#pragma once

#include <optional>
#include <string>

#include "api/api_context.h"
#include "safety/tier.h"
#include "store/records.h"

namespace interlude::api {

struct WriteSafety {
  safety::Assessment assessment;
  std::optional<store::AlertRecord> alert;
};

// Assesses an item about to be written at `now`: `own` (from its words or answers) raised
// by recent history (excluding the item itself, for replacements). Never fails.
WriteSafety AssessWrite(ApiDeps& deps, const Principal& caller, const safety::Assessment& own,
                        store::Collection source, const std::string& item_id, UnixMillis now);

// Puts the tier and reasons into the item: content["safety"] = {tier, reasons} (sealed with
// it) and record.risk_tier.
void KeepWithItem(const safety::Assessment& assessment, Json& content, store::SealedRecord& record);

// The alert to commit with the item, or null.
inline const store::AlertRecord* AlertOf(const WriteSafety& ws) {
  return ws.alert ? &*ws.alert : nullptr;
}

// Call once the item is committed: logs the alert (ids only) and hands it to the outbound
// notifier when one was raised.
void AfterCommit(ApiDeps& deps, const Principal& caller, const WriteSafety& ws);

// `,"safety":{...}` for the write's response when the tier is above none (empty otherwise),
// for the caller's country.
std::string SafetyResponseMember(ApiDeps& deps, const Principal& caller, const WriteSafety& ws);

// The safety response as JSON (tier none gives {tier: "none", ...} with no resources).
Json SafetyResponseJson(ApiDeps& deps, const Principal& caller, const WriteSafety& ws);

}  // namespace interlude::api
