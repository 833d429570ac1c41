// Questionnaire JSON (assessment_json.h).
#include "api/assessment_json.h"

#include "api/record_json.h"
#include "base/time_format.h"

namespace interlude::api {
namespace {

Json OptionsJson(const std::vector<care::AnswerOption>& options) {
  Json out = Json::array();
  for (const care::AnswerOption& o : options) out.push_back({{"value", o.value}, {"label", o.label}});
  return out;
}

}  // namespace

void AssessmentClear(const store::SealedRecord& r, std::string& out) {
  AppendJsonMember(out, "id", r.id, /*comma=*/false);
  AppendJsonMember(out, "instrument", r.kind);
  AppendJsonMember(out, "completed_at", FormatIso8601(r.created_at));
}

Status AppendAssessmentJson(const ContentVault& vault, const crypto::SecretKey& key,
                            const store::SealedRecord& record, std::string& out) {
  return AppendRecordJson(vault, key, kAssessmentTable, record, AssessmentClear, out);
}

Result<Json> OpenAssessment(const ContentVault& vault, const crypto::SecretKey& key,
                            const store::SealedRecord& record) {
  return OpenRecordJson(vault, key, kAssessmentTable, record, AssessmentClear);
}

Json InstrumentJson(const care::Instrument& in) {
  Json items = Json::array();
  for (const care::Item& item : in.items) {
    Json j = {{"id", std::to_string(item.number)}, {"text", item.text}};
    if (!item.loinc.empty()) j["loinc"] = item.loinc;
    items.push_back(std::move(j));
  }
  Json bands = Json::array();
  for (const care::Band& b : in.bands) {
    bands.push_back({{"min", b.min}, {"max", b.max}, {"id", b.id}, {"label", b.label}});
  }
  Json out = {{"id", in.id},
              {"name", in.name},
              {"time_frame", in.time_frame},
              {"items", std::move(items)},
              {"options", OptionsJson(in.options)},
              {"max_total", in.MaxTotal()},
              {"bands", std::move(bands)},
              {"licence_note", in.licence}};
  if (in.HasFunctionalItem()) {
    out["functional_item"] = {{"id", "functional"}, {"text", in.functional_text},
                              {"options", OptionsJson(in.functional_options)}};
  }
  return out;
}

Json ScoreContent(const care::Score& s) {
  Json out = {{"answers", s.answers},
              {"total", s.total},
              {"max_total", s.max_total},
              {"band", {{"id", s.band->id}, {"label", s.band->label}}},
              {"flags", s.flags},
              {"follow_up", s.follow_up.empty() ? Json(nullptr) : Json(s.follow_up)}};
  if (s.functional) out["functional"] = *s.functional;
  if (s.percentage) out["percentage"] = *s.percentage;
  if (s.risk_item) out["item9"] = *s.risk_item;
  return out;
}

}  // namespace interlude::api
