// `interlude demo`: seeds a clinic, a clinician and six clients with 90 days of check-ins
// and journal entries, written through the real API (validation, encryption) with a
// manual clock walking through the days.
//
// Thread-safety: run alone, at the command line.
#pragma once

#include <ostream>

#include "api/content_vault.h"
#include "base/clock.h"
#include "care/instrument.h"
#include "safety/safety_layer.h"
#include "store/store.h"
#include "text/analyzer.h"

namespace interlude::mirror {
class Mirror;
}

namespace interlude::app {

// Seeds once; a second run only prints the log-ins again. `now` anchors the 90 days.
// Writes the log-ins to `out`.
// `analyzer` and `safety` (may be null) read and assess the demo entries as they would a
// person's. The clinician has a real second factor with the published secret
// kDemoTotpSecret (demo_personas.h; the output prints it and its otpauth:// URI). Three
// clients are linked to the clinician: Daniel (whose mood worsens) shares everything, has a
// safety plan, in the last days writes what raises an alert, marks entries shared and
// writes what he wants to discuss next session; Maya shares mood, questionnaires and
// homework but not entries; Priya only her mood. Daniel and Maya have weekly therapy
// sessions (Daniel's next in two days) and homework, some done, some open, one overdue.
// With `instruments`, every client also answers the PHQ-9 and GAD-7 fortnightly, scored
// from their mood over the two weeks before (item 9 always 0: the demo raises no alert
// from a questionnaire). With `mirror`, entries get reflections as they would live, and one
// client (Maya, improving) has talked with the companion, planned activities for this week
// and answered "did this help?" for a few exercises, so suggestions show what they learned.
Status SeedDemo(store::Store& store, const api::ContentVault& vault, UnixMillis now,
                std::ostream& out, const text::Analyzer* analyzer = nullptr,
                const safety::SafetyLayer* safety = nullptr,
                const care::InstrumentSet* instruments = nullptr,
                const mirror::Mirror* mirror = nullptr);

}  // namespace interlude::app
