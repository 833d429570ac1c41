// The FHIR Bundle has the US Core screening-assessment shape: panel -> hasMember -> items and
// total, every Observation derivedFrom its QuestionnaireResponse, LOINC codes from the data
// files, WHO-5 coded by text. (The integration test validates it against the R4 schema.)
#include "care/fhir.h"

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

#include "care/test_instruments.h"

namespace interlude::care {
namespace {

using Json = nlohmann::json;

std::map<std::string, Json> ByUrl(const Json& bundle) {
  std::map<std::string, Json> out;
  for (const Json& e : bundle.at("entry")) out[e.at("fullUrl")] = e.at("resource");
  return out;
}

TEST(FhirTest, Phq9PanelItemsTotalAndResponse) {
  CompletedQuestionnaire q{"abc", "phq9", 1795830289000, {1, 2, 3, 0, 1, 2, 3, 0, 2}, 1, 14, std::nullopt};
  const Json bundle = BuildFhirBundle(ShippedInstruments(), "user1", {q}, 1795830290000);
  EXPECT_EQ(bundle.at("resourceType"), "Bundle");
  EXPECT_EQ(bundle.at("type"), "collection");
  EXPECT_EQ(bundle.at("timestamp"), "2026-11-28T01:44:50Z");
  // Patient + QR + 9 items + functional + total + panel.
  ASSERT_EQ(bundle.at("entry").size(), 14u);
  const std::regex uuid("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
  const auto all = ByUrl(bundle);
  for (const auto& [url, r] : all) EXPECT_TRUE(std::regex_match(url, uuid)) << url;
  std::string qr_url;
  const Json* panel = nullptr;
  for (const auto& [url, r] : all) {
    if (r.at("resourceType") == "QuestionnaireResponse") qr_url = url;
    if (r.at("resourceType") == "Observation" && r.at("code").contains("coding") &&
        r.at("code").at("coding")[0].at("code") == "44249-1") panel = &r;
  }
  ASSERT_FALSE(qr_url.empty());
  ASSERT_NE(panel, nullptr);
  const Json& qr = all.at(qr_url);
  EXPECT_EQ(qr.at("status"), "completed");
  EXPECT_EQ(qr.at("questionnaire"), "http://hl7.org/fhir/uv/phr/Questionnaire/phq9");
  EXPECT_EQ(qr.at("authored"), "2026-11-28T01:44:49Z");
  ASSERT_EQ(qr.at("item").size(), 10u);
  EXPECT_EQ(qr.at("item")[8].at("answer")[0].at("valueCoding").at("code"), "LA6570-1");  // item 9 = 2
  ASSERT_EQ(panel->at("hasMember").size(), 11u);
  EXPECT_EQ(panel->at("derivedFrom")[0].at("reference"), qr_url);
  EXPECT_EQ(panel->at("category")[0].at("coding")[0].at("code"), "survey");
  std::set<std::string> member_codes;
  for (const Json& m : panel->at("hasMember")) {
    const Json& obs = all.at(m.at("reference"));
    EXPECT_EQ(obs.at("resourceType"), "Observation");
    EXPECT_EQ(obs.at("status"), "final");
    EXPECT_EQ(obs.at("derivedFrom")[0].at("reference"), qr_url);
    EXPECT_EQ(obs.at("subject"), panel->at("subject"));
    member_codes.insert(obs.at("code").at("coding")[0].at("code").get<std::string>());
    if (obs.at("code").at("coding")[0].at("code") == "44261-6") {
      EXPECT_EQ(obs.at("valueQuantity").at("value"), 14);
      EXPECT_EQ(obs.at("interpretation")[0].at("text"), "Moderate");
    }
    if (obs.at("code").at("coding")[0].at("code") == "44260-8") {
      EXPECT_EQ(obs.at("valueCodeableConcept").at("coding")[0].at("code"), "LA6570-1");
    }
  }
  EXPECT_EQ(member_codes, (std::set<std::string>{"44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2",
                                                 "44252-5", "44253-3", "44260-8", "69722-7", "44261-6"}));
  // The same data gives the same Bundle.
  EXPECT_EQ(BuildFhirBundle(ShippedInstruments(), "user1", {q}, 1795830290000), bundle);
}

TEST(FhirTest, Who5HasNoLoincAndCarriesThePercentage) {
  CompletedQuestionnaire q{"w1", "who5", 1795830289000, {3, 3, 3, 2, 2}, std::nullopt, 13, 52};
  const Json bundle = BuildFhirBundle(ShippedInstruments(), "user1", {q}, 1795830290000);
  ASSERT_EQ(bundle.at("entry").size(), 9u);  // Patient, QR, 5 items, total, panel
  for (const Json& e : bundle.at("entry")) {
    const Json& r = e.at("resource");
    if (r.at("resourceType") != "Observation") continue;
    EXPECT_FALSE(r.at("code").contains("coding")) << r.dump();
    EXPECT_FALSE(r.at("code").at("text").get<std::string>().empty());
    if (r.contains("component")) {
      EXPECT_EQ(r.at("component")[0].at("valueQuantity").at("value"), 52);
      EXPECT_EQ(r.at("valueQuantity").at("value"), 13);
    }
    if (r.contains("valueInteger")) {
      EXPECT_GE(r.at("valueInteger").get<int>(), 2);
    }
  }
}

TEST(FhirTest, EmptyBundleHasThePatientOnly) {
  const Json bundle = BuildFhirBundle(ShippedInstruments(), "u", {}, 0);
  ASSERT_EQ(bundle.at("entry").size(), 1u);
  EXPECT_EQ(bundle.at("entry")[0].at("resource").at("resourceType"), "Patient");
}

}  // namespace
}  // namespace interlude::care
