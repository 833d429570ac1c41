// Tests of the crisis-resource directory (helplines.h): the shipped files load and hold the
// numbers of ../shared/CLINICAL.md §12.1, lookups fall back to international, clinic
// overrides replace a country whole, and bad files are refused naming file and line.
//
// Thread-safety: single-threaded test code.
#include "safety/helplines.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "safety/test_support.h"
#include "text/case_file.h"

namespace interlude::safety {
namespace {

using testing::ScratchDir;
using testing::TestHelplines;
using testing::WriteFile;

const Resource& Need(const CountryHelplines& lines, ResourceKind kind) {
  static const Resource kMissing;
  const Resource* r = lines.First(kind);
  EXPECT_NE(r, nullptr) << lines.country << " has no " << ResourceKindName(kind);
  return r == nullptr ? kMissing : *r;
}

TEST(HelplinesTest, ShippedCountries) {
  EXPECT_EQ(TestHelplines().Countries(), (std::vector<std::string>{"AU", "CA", "GB", "IE", "US"}));
}

TEST(HelplinesTest, ClinicalNumbers) {
  const HelplineDirectory& h = TestHelplines();
  EXPECT_EQ(Need(h.For("US"), ResourceKind::kEmergency).phone, "911");
  EXPECT_EQ(Need(h.For("US"), ResourceKind::kCrisis).phone, "988");
  EXPECT_EQ(Need(h.For("US"), ResourceKind::kCrisis).sms, "988");
  EXPECT_EQ(Need(h.For("US"), ResourceKind::kText).sms, "741741");
  EXPECT_EQ(Need(h.For("US"), ResourceKind::kText).sms_keyword, "HOME");
  EXPECT_EQ(Need(h.For("US"), ResourceKind::kAbuse).phone, "1-800-799-7233");
  EXPECT_NE(Need(h.For("US"), ResourceKind::kCrisis).note.find("838255"), std::string::npos);
  EXPECT_EQ(Need(h.For("GB"), ResourceKind::kEmergency).phone, "999");
  EXPECT_EQ(Need(h.For("GB"), ResourceKind::kCrisis).phone, "116 123");
  EXPECT_EQ(Need(h.For("GB"), ResourceKind::kText).sms, "85258");
  EXPECT_EQ(Need(h.For("GB"), ResourceKind::kAbuse).phone, "0808 2000 247");
  EXPECT_EQ(Need(h.For("IE"), ResourceKind::kEmergency).phone, "112");
  EXPECT_EQ(Need(h.For("IE"), ResourceKind::kCrisis).phone, "116 123");
  EXPECT_EQ(Need(h.For("IE"), ResourceKind::kText).sms, "086 1800 280");
  EXPECT_EQ(Need(h.For("IE"), ResourceKind::kAbuse).phone, "1800 341 900");
  EXPECT_EQ(Need(h.For("CA"), ResourceKind::kEmergency).phone, "911");
  EXPECT_EQ(Need(h.For("CA"), ResourceKind::kCrisis).phone, "988");
  EXPECT_EQ(Need(h.For("CA"), ResourceKind::kText).sms, "686868");
  EXPECT_EQ(Need(h.For("AU"), ResourceKind::kEmergency).phone, "000");
  EXPECT_EQ(Need(h.For("AU"), ResourceKind::kCrisis).phone, "13 11 14");
  EXPECT_EQ(Need(h.For("AU"), ResourceKind::kAbuse).phone, "1800 737 732");
  for (const std::string& cc : h.Countries()) {
    Need(h.For(cc), ResourceKind::kHelpingOthers);
    Need(h.For(cc), ResourceKind::kAbuse);
  }
}

TEST(HelplinesTest, UnknownCountriesFallBackToInternational) {
  const HelplineDirectory& h = TestHelplines();
  for (const char* cc : {"FR", "", "XX", "usa", "U"}) {
    const CountryHelplines& lines = h.For(cc);
    EXPECT_EQ(lines.country, "") << cc;
    EXPECT_EQ(Need(lines, ResourceKind::kEmergency).phone, "");
    EXPECT_EQ(Need(lines, ResourceKind::kEmergency).note, "your local emergency number");
    EXPECT_EQ(Need(lines, ResourceKind::kDirectory).url, "https://findahelpline.com");
  }
  EXPECT_EQ(h.For("us").country, "US");  // case does not matter
}

TEST(HelplinesTest, ResourceTextPassesTheChecker) {
  const HelplineDirectory& h = TestHelplines();
  std::vector<std::string> countries = h.Countries();
  countries.push_back("");
  for (const std::string& cc : countries) {
    for (const Resource& r : h.For(cc).resources) {
      EXPECT_TRUE(testing::TestChecker().Require(r.name).ok()) << cc << " " << r.name;
      EXPECT_TRUE(testing::TestChecker().Require(r.note).ok()) << cc << " " << r.note;
    }
  }
}

// A data root with a valid international.txt, plus `file` holding `content`.
std::string RootWith(const std::string& name, const std::string& file, const std::string& content) {
  const std::string root = ScratchDir(name);
  WriteFile(root + "/helplines/international.txt",
            "emergency\tEmergency\tnote=your local emergency number\n"
            "directory\tFind A Helpline\turl=https://findahelpline.com\n");
  if (!file.empty()) WriteFile(root + "/helplines/" + file, content);
  return root;
}

void ExpectInvalid(const std::string& root, const std::string& needle) {
  auto loaded = HelplineDirectory::Load(root, "");
  ASSERT_FALSE(loaded.ok()) << needle;
  EXPECT_EQ(loaded.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(loaded.status().message().find(needle), std::string::npos) << loaded.status().message();
}

TEST(HelplinesTest, LoadErrors) {
  ExpectInvalid(RootWith("kind", "US.txt", "emergency\tE\tphone=911\nhotline\tX\tphone=1\n"),
                "US.txt:2: unknown kind");
  ExpectInvalid(RootWith("key", "US.txt", "emergency\tE\tphone=911\ncrisis\tX\tfax=1\n"),
                "US.txt:2: unknown key");
  ExpectInvalid(RootWith("noemergency", "US.txt", "crisis\t988\tphone=988\n"),
                "no emergency number");
  ExpectInvalid(
      RootWith("nophone", "US.txt", "emergency\tE\tnote=call someone\ncrisis\t988\tphone=988\n"),
      "US.txt:1: an emergency line needs phone=");
  ExpectInvalid(RootWith("nocrisis", "US.txt", "emergency\tE\tphone=911\nabuse\tX\tphone=1\n"),
                "no crisis or directory");
  ExpectInvalid(RootWith("badname", "usa.txt", "emergency\tE\tphone=911\ncrisis\t988\tphone=988\n"),
                "usa.txt:0: file name is not a country");
  ExpectInvalid(RootWith("lower", "us.txt", "emergency\tE\tphone=911\ncrisis\t988\tphone=988\n"),
                "not a country");
  ExpectInvalid(
      RootWith("dup", "US.txt", "emergency\tE\tphone=911\ncrisis\t988\tphone=988\tphone=911\n"),
      "US.txt:2: duplicate key");
  ExpectInvalid(
      RootWith("nocontact", "US.txt", "emergency\tE\tphone=911\ncrisis\t988\thours=24/7\n"),
      "US.txt:2:");
  ExpectInvalid(RootWith("short", "US.txt", "emergency\tE\n"), "US.txt:1:");
}

TEST(HelplinesTest, MissingInternationalIsNotFound) {
  const std::string root = ScratchDir("nointl");
  WriteFile(root + "/helplines/US.txt", "emergency\tE\tphone=911\ncrisis\t988\tphone=988\n");
  EXPECT_EQ(HelplineDirectory::Load(root, "").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(HelplineDirectory::Load(ScratchDir("empty"), "").status().code(),
            StatusCode::kNotFound);
}

TEST(HelplinesTest, OverrideReplacesACountryWhole) {
  const std::string overrides = ScratchDir("override");
  WriteFile(overrides + "/GB.txt",
            "# our clinic\nemergency\tEmergency services\tphone=999\n"
            "crisis\tClinic on-call line\tphone=01234 567890\thours=9-17\n");
  WriteFile(overrides + "/README.md", "not a helpline file");
  auto loaded = HelplineDirectory::Load(text::DataRoot(), overrides);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const CountryHelplines& gb = (*loaded)->For("GB");
  ASSERT_EQ(gb.resources.size(), 2u);
  EXPECT_EQ(gb.resources[1].name, "Clinic on-call line");
  EXPECT_EQ(gb.First(ResourceKind::kText), nullptr);  // replaced whole, not merged
  EXPECT_EQ((*loaded)->For("US").First(ResourceKind::kCrisis)->phone, "988");
  // A missing override folder is no error.
  EXPECT_TRUE(HelplineDirectory::Load(text::DataRoot(), overrides + "/missing").ok());
  // A bad override file is.
  WriteFile(overrides + "/FR.txt", "crisis\tX\tphone=1\n");
  EXPECT_EQ(HelplineDirectory::Load(text::DataRoot(), overrides).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(HelplinesTest, OverrideCanAddACountry) {
  const std::string overrides = ScratchDir("add");
  WriteFile(overrides + "/NZ.txt",
            "emergency\tEmergency services\tphone=111\n"
            "crisis\tNeed to talk?\tphone=1737\tsms=1737\n");
  auto loaded = HelplineDirectory::Load(text::DataRoot(), overrides);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ((*loaded)->For("NZ").First(ResourceKind::kEmergency)->phone, "111");
  EXPECT_EQ((*loaded)->Countries().size(), 6u);
}

}  // namespace
}  // namespace interlude::safety
