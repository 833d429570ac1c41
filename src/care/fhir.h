// FHIR R4 export of completed questionnaires (CLINICAL.md §10; docs/care.md "FHIR"): one
// Bundle (type collection) holding a Patient, and per questionnaire a QuestionnaireResponse
// (the raw answers) and Observations in the US Core screening-assessment pattern — a panel
// Observation whose hasMember points to one Observation per item (and the PHQ-9 functional
// item) and to the total-score Observation, every Observation derivedFrom the
// QuestionnaireResponse, category survey. Codes come from the instrument data files (LOINC
// where one exists; WHO-5 and the GAD-2 panel/total have none and are coded with text only).
// References are urn:uuid full URLs derived from the assessment id, so the same data gives
// the same Bundle.
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "care/instrument.h"

namespace interlude::care {

// What the export needs of one stored questionnaire.
struct CompletedQuestionnaire {
  std::string id;
  std::string instrument;
  UnixMillis completed_at = 0;
  std::vector<int> answers;
  std::optional<int> functional;
  int total = 0;
  std::optional<int> percentage;
};

// The Bundle for `patient_id`'s questionnaires (any order; unknown instruments are skipped).
nlohmann::json BuildFhirBundle(const InstrumentSet& instruments, const std::string& patient_id,
                               const std::vector<CompletedQuestionnaire>& questionnaires,
                               UnixMillis now);

// "urn:uuid:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", the same for the same `seed`.
std::string StableUuidUrn(const std::string& seed);

}  // namespace interlude::care
