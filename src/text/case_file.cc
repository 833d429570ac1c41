// Case-file reading and the data folder locations.
#include "text/case_file.h"
#include "text/data_file.h"

#include <cstdlib>

namespace interlude::text {
namespace {

std::string Unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == 't' || s[i + 1] == 'n')) {
      out.push_back(s[i + 1] == 't' ? '\t' : '\n');
      ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

// The source tree this library was built from: CTest lists tests by running the binaries
// at build time without our environment, and parameterised tests read their cases then.
std::string SourceDir() {
  if (const std::string s = Env("INTERLUDE_SOURCE_DIR"); !s.empty()) return s;
  return INTERLUDE_BUILT_FROM_SOURCE_DIR;
}

}  // namespace

Result<std::vector<Case>> LoadCaseFile(const std::string& path) {
  std::vector<Case> cases;
  RETURN_IF_ERROR(ForEachDataLine(
      path, "case file", [&](const std::string& line, int number) -> Status {
    const size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) {
      return DataLineError(path, number, "expected `text<TAB>expected`");
    }
    Case c;
    c.line = number;
    c.text = Unescape(line.substr(0, tab));
    std::string rest = line.substr(tab + 1);
    const size_t tab2 = rest.find('\t');
    c.expected = rest.substr(0, tab2);
    if (tab2 != std::string::npos) c.note = rest.substr(tab2 + 1);
    cases.push_back(std::move(c));
    return OkStatus();
  }));
  return cases;
}

std::string DataRoot() {
  if (const std::string d = Env("INTERLUDE_DATA_DIR"); !d.empty()) return d;
  return SourceDir() + "/data";
}

std::string SharedDataRoot() {
  if (const std::string d = Env("INTERLUDE_SHARED_DATA"); !d.empty()) return d;
  return SourceDir() + "/../shared/data";
}

}  // namespace interlude::text
