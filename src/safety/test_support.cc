// Shared fixtures for the safety tests (test_support.h).
#include "safety/test_support.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>
#include <vector>

#include "text/case_file.h"

namespace interlude::safety::testing {
namespace {

// Removes the scratch folders when the test binary exits.
struct ScratchFolders {
  std::vector<std::filesystem::path> made;
  ~ScratchFolders() {
    std::error_code ec;
    for (const auto& dir : made) std::filesystem::remove_all(dir, ec);
  }
};

ScratchFolders& Scratch() {
  static ScratchFolders folders;
  return folders;
}

}  // namespace

const text::Analyzer& TestAnalyzer() {
  static const text::Analyzer* a = OrDie(text::Analyzer::Load(text::DataRoot()), "analyzer");
  return *a;
}

const SafeMessagingChecker& TestChecker() {
  static const SafeMessagingChecker* c =
      OrDie(SafeMessagingChecker::Load(text::DataRoot()), "safe-messaging checker");
  return *c;
}

const HelplineDirectory& TestHelplines() {
  static const HelplineDirectory* h =
      OrDie(HelplineDirectory::Load(text::DataRoot(), ""), "helplines");
  return *h;
}

const ResponseBuilder& TestResponses() {
  static const ResponseBuilder* r =
      OrDie(ResponseBuilder::Load(text::DataRoot(), TestChecker(), TestHelplines()), "responses");
  return *r;
}

std::string ScratchDir(const std::string& name) {
  namespace fs = std::filesystem;
  static int counter = 0;
  const fs::path dir =
      fs::temp_directory_path() / ("interlude-safety-" + std::to_string(::getpid()) + "-" +
                                   std::to_string(++counter) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  Scratch().made.push_back(dir);
  return dir.string();
}

void WriteFile(const std::string& path, const std::string& content) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

bool ParseExpected(const std::string& text, Tier& tier, Concerns& concerns) {
  concerns = Concerns{};
  const size_t colon = text.find(':');
  if (!ParseTier(text.substr(0, colon), tier)) return false;
  if (colon == std::string::npos) return true;
  std::stringstream list(text.substr(colon + 1));
  std::string item;
  while (std::getline(list, item, ',')) {
    if (item == "self") {
      concerns.self = true;
    } else if (item == "third_party") {
      concerns.third_party = true;
    } else if (item == "abuse") {
      concerns.abuse = true;
    } else if (item == "harm_to_others") {
      concerns.harm_to_others = true;
    } else {
      return false;
    }
  }
  return true;
}

std::string Describe(const Assessment& a) {
  std::string concerns;
  const auto add = [&concerns](bool on, const char* name) {
    if (!on) return;
    if (!concerns.empty()) concerns += ",";
    concerns += name;
  };
  add(a.concerns.self, "self");
  add(a.concerns.harm_to_others, "harm_to_others");
  add(a.concerns.abuse, "abuse");
  add(a.concerns.third_party, "third_party");
  std::string out(TierName(a.tier));
  if (!concerns.empty()) out += ":" + concerns;
  for (const Reason& r : a.reasons) out += " [" + r.rule + " " + r.code + "]";
  return out;
}

std::vector<std::string> SplitSequence(const std::string& text) {
  std::vector<std::string> items;
  std::string rest = text;
  while (!rest.empty()) {
    const size_t bar = rest.find(" | ");
    items.push_back(rest.substr(0, bar));
    rest = bar == std::string::npos ? "" : rest.substr(bar + 3);
  }
  return items;
}

}  // namespace interlude::safety::testing
