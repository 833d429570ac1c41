// Shared fixtures for the mirror's tests (test_support.h).
#include "mirror/test_support.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "text/case_file.h"

namespace interlude::mirror::testing {
using safety::testing::OrDie;

const ReflectionComposer& TestComposer() {
  static const ReflectionComposer* r =
      OrDie(ReflectionComposer::Load(text::DataRoot(), TestChecker()), "reflection composer");
  return *r;
}

const ExerciseLibrary& TestLibrary() {
  static const ExerciseLibrary* l = OrDie(ExerciseLibrary::Load(text::DataRoot()), "exercise library");
  return *l;
}

const Companion& TestCompanion() {
  static const Companion* c = OrDie(Companion::Load(text::DataRoot(), TestChecker()), "companion");
  return *c;
}

text::Analysis Analyze(const std::string& text) {
  auto a = TestAnalyzer().Analyze(text);
  if (!a.ok()) {
    std::cerr << "analyze: " << a.status().ToString() << "\n";
    std::abort();
  }
  return std::move(a).value();
}

std::vector<std::string> SplitBars(const std::string& text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t bar = text.find('|', start);
    if (bar == std::string::npos) bar = text.size();
    std::string item = text.substr(start, bar - start);
    const size_t b = item.find_first_not_of(' ');
    const size_t e = item.find_last_not_of(' ');
    item = b == std::string::npos ? "" : item.substr(b, e - b + 1);
    if (!item.empty()) items.push_back(item);
    start = bar + 1;
  }
  return items;
}



int WordCount(const std::string& text) {
  int n = 0;
  bool in = false;
  for (char c : text) {
    const bool w =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\'';
    if (w && !in) ++n;
    in = w;
  }
  return n;
}

}  // namespace interlude::mirror::testing
