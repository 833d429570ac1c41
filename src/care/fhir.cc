// FHIR R4 Bundle (fhir.h).
#include "care/fhir.h"

#include <cstdint>
#include <cstdio>

#include "base/time_format.h"

namespace interlude::care {
namespace {

using Json = nlohmann::json;

constexpr char kLoinc[] = "http://loinc.org";
constexpr char kUcum[] = "http://unitsofmeasure.org";

std::uint64_t Fnv1a(const std::string& s, std::uint64_t seed) {
  std::uint64_t h = seed;
  for (const char c : s) {
    h ^= static_cast<std::uint8_t>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

Json Ref(const std::string& urn) { return Json{{"reference", urn}}; }

Json Category() {
  return Json::array({Json{{"coding", Json::array({Json{
                                          {"system", "http://terminology.hl7.org/CodeSystem/observation-category"},
                                          {"code", "survey"},
                                          {"display", "Survey"}}})}}});
}

// A CodeableConcept: LOINC when `loinc` is set, else text only.
Json Concept(const std::string& loinc, const std::string& text) {
  Json c = {{"text", text}};
  if (!loinc.empty()) c["coding"] = Json::array({Json{{"system", kLoinc}, {"code", loinc}, {"display", text}}});
  return c;
}

Json Score(int value) {
  return Json{{"value", value}, {"unit", "{score}"}, {"system", kUcum}, {"code", "{score}"}};
}

std::string Canonical(const Instrument& in) {
  // The HL7 Personal Health Records IG defines phq9 and gad7 (CLINICAL.md §10.1); the others
  // are Interlude's own forms.
  if (in.id == "phq9" || in.id == "gad7") return "http://hl7.org/fhir/uv/phr/Questionnaire/" + in.id;
  return "urn:interlude:questionnaire:" + in.id;
}

Json AnswerValue(const AnswerOption* option, int value, Json& qr_answer) {
  // Returns the Observation value member; fills the QuestionnaireResponse answer.
  if (option != nullptr && !option->loinc.empty()) {
    const Json coding = {{"system", kLoinc}, {"code", option->loinc}, {"display", option->label}};
    qr_answer = Json{{"valueCoding", coding}};
    return Json{{"valueCodeableConcept", Json{{"coding", Json::array({coding})}, {"text", option->label}}}};
  }
  qr_answer = Json{{"valueInteger", value}};
  return Json{{"valueInteger", value}};
}

const AnswerOption* OptionOf(const std::vector<AnswerOption>& options, int value) {
  for (const AnswerOption& o : options) {
    if (o.value == value) return &o;
  }
  return nullptr;
}

void Add(Json& entries, const std::string& urn, Json resource) {
  entries.push_back(Json{{"fullUrl", urn}, {"resource", std::move(resource)}});
}

void AddQuestionnaire(Json& entries, const Instrument& in, const CompletedQuestionnaire& q,
                      const std::string& patient_urn) {
  const std::string when = FormatIso8601(q.completed_at);
  const std::string qr_urn = StableUuidUrn(q.id + "/qr");
  const auto obs_base = [&](Json code) {
    return Json{{"resourceType", "Observation"},
                {"status", "final"},
                {"category", Category()},
                {"code", std::move(code)},
                {"subject", Ref(patient_urn)},
                {"effectiveDateTime", when},
                {"derivedFrom", Json::array({Ref(qr_urn)})}};
  };
  Json qr_items = Json::array();
  Json members = Json::array();
  for (size_t i = 0; i < in.items.size() && i < q.answers.size(); ++i) {
    const Item& item = in.items[i];
    Json qr_answer;
    const Json value = AnswerValue(OptionOf(in.options, q.answers[i]), q.answers[i], qr_answer);
    qr_items.push_back(Json{{"linkId", std::to_string(item.number)}, {"text", item.text},
                            {"answer", Json::array({qr_answer})}});
    const std::string urn = StableUuidUrn(q.id + "/item" + std::to_string(item.number));
    Json obs = obs_base(Concept(item.loinc, in.name + " item " + std::to_string(item.number) + ": " + item.text));
    obs["id"] = "obs-" + q.id + "-" + std::to_string(item.number);
    obs.update(value);
    Add(entries, urn, std::move(obs));
    members.push_back(Ref(urn));
  }
  if (q.functional && in.HasFunctionalItem()) {
    const AnswerOption* option = OptionOf(in.functional_options, *q.functional);
    Json qr_answer = Json{{"valueCoding", Json{{"display", option ? option->label : ""}}}};
    qr_items.push_back(Json{{"linkId", "functional"}, {"text", in.functional_text},
                            {"answer", Json::array({qr_answer})}});
    const std::string urn = StableUuidUrn(q.id + "/functional");
    Json obs = obs_base(Concept(in.functional_loinc, in.functional_text));
    obs["id"] = "obs-" + q.id + "-functional";
    obs["valueCodeableConcept"] = Json{{"text", option ? option->label : ""}};
    Add(entries, urn, std::move(obs));
    members.push_back(Ref(urn));
  }
  // The total score.
  {
    const std::string urn = StableUuidUrn(q.id + "/total");
    Json obs = obs_base(Concept(in.total_loinc, in.name + " total score"));
    obs["id"] = "obs-" + q.id + "-total";
    obs["valueQuantity"] = Score(q.total);
    obs["interpretation"] = Json::array({Json{{"text", in.BandOf(q.total).label}}});
    if (q.percentage) {
      obs["component"] = Json::array({Json{
          {"code", Json{{"text", in.name + " percentage score"}}},
          {"valueQuantity", Json{{"value", *q.percentage}, {"unit", "%"}, {"system", kUcum}, {"code", "%"}}}}});
    }
    Add(entries, urn, std::move(obs));
    members.push_back(Ref(urn));
  }
  // The panel, pointing to its members.
  {
    const std::string urn = StableUuidUrn(q.id + "/panel");
    Json obs = obs_base(Concept(in.panel_loinc, in.name));
    obs["id"] = "obs-" + q.id + "-panel";
    obs["hasMember"] = std::move(members);
    Add(entries, urn, std::move(obs));
  }
  Add(entries, qr_urn,
      Json{{"resourceType", "QuestionnaireResponse"},
           {"id", "qr-" + q.id},
           {"questionnaire", Canonical(in)},
           {"status", "completed"},
           {"subject", Ref(patient_urn)},
           {"authored", when},
           {"item", std::move(qr_items)}});
}

}  // namespace

std::string StableUuidUrn(const std::string& seed) {
  const std::uint64_t a = Fnv1a(seed, 14695981039346656037ULL);
  const std::uint64_t b = Fnv1a(seed, 0x9e3779b97f4a7c15ULL);
  char buf[64];
  // Version 8 (custom) and the RFC 4122 variant bits, so the string is a well-formed UUID.
  std::snprintf(buf, sizeof buf, "urn:uuid:%08x-%04x-8%03x-%04x-%012llx",
                static_cast<unsigned>(a >> 32), static_cast<unsigned>((a >> 16) & 0xffff),
                static_cast<unsigned>(a & 0xfff), static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3fff)),
                static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

nlohmann::json BuildFhirBundle(const InstrumentSet& instruments, const std::string& patient_id,
                               const std::vector<CompletedQuestionnaire>& questionnaires,
                               UnixMillis now) {
  Json entries = Json::array();
  const std::string patient_urn = StableUuidUrn(patient_id + "/patient");
  Add(entries, patient_urn,
      Json{{"resourceType", "Patient"},
           {"id", "p-" + patient_id},
           {"identifier", Json::array({Json{{"system", "urn:interlude:user"}, {"value", patient_id}}})}});
  for (const CompletedQuestionnaire& q : questionnaires) {
    const Instrument* in = instruments.Find(q.instrument);
    if (in != nullptr) AddQuestionnaire(entries, *in, q, patient_urn);
  }
  return Json{{"resourceType", "Bundle"},
              {"id", "interlude-" + std::to_string(now)},
              {"type", "collection"},
              {"timestamp", FormatIso8601(now)},
              {"entry", std::move(entries)}};
}

}  // namespace interlude::care
