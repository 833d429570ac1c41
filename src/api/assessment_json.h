// The API form of questionnaires (docs/api.md "Questionnaires"): an instrument's definition
// for GET /instruments, and stored assessments — sealed per user like every record, with the
// id, the instrument and the completion time in clear (record_json.h).
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "api/content_vault.h"
#include "api/json_body.h"
#include "care/instrument.h"
#include "care/scoring.h"
#include "store/records.h"

namespace interlude::api {

inline constexpr char kAssessmentTable[] = "assessments";

// `"id":…,"instrument":…,"completed_at":…` (the clear members).
void AssessmentClear(const store::SealedRecord& record, std::string& out);

// Appends the assessment's API JSON. DataLoss when it does not open.
Status AppendAssessmentJson(const ContentVault& vault, const crypto::SecretKey& key,
                            const store::SealedRecord& record, std::string& out);

// Opens an assessment into its API JSON. DataLoss when it does not open or parse.
Result<Json> OpenAssessment(const ContentVault& vault, const crypto::SecretKey& key,
                            const store::SealedRecord& record);

// {id, name, time_frame, items, options, functional_item?, max_total, bands, licence_note}.
Json InstrumentJson(const care::Instrument& instrument);

// The sealed content of a scored questionnaire (without change and outcomes):
// {answers, functional?, total, max_total, band, percentage?, item9?, flags, follow_up}.
Json ScoreContent(const care::Score& score);

}  // namespace interlude::api
