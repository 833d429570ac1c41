// libFuzzer target for the language engine: any bytes in, a well-formed analysis or a clear
// InvalidArgument out — never a crash, a sanitizer report or an exception. Run by
// fuzz/run.sh (see docs/language-engine.md for the command and the last clean run).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_support.h"
#include "text/analysis_json.h"
#include "text/analyzer.h"

namespace {

const interlude::text::Analyzer& Engine() {
  static const auto analyzer = interlude::fuzz::OrDie(
      interlude::text::Analyzer::Load(interlude::fuzz::LanguageDataRoot()), "language engine");
  return *analyzer;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto mode : {interlude::text::SentimentMode::kJournal,
                          interlude::text::SentimentMode::kCompat}) {
    auto analysis = Engine().Analyze(text, mode);
    if (!analysis.ok()) continue;
    // Every span must lie inside the text, on code-point boundaries.
    const auto check = [&](interlude::text::Span s) {
      const auto boundary = [&](size_t at) {
        return at == text.size() || (static_cast<unsigned char>(text[at]) & 0xC0u) != 0x80u;
      };
      if (s.begin > s.end || s.end > text.size() || !boundary(s.begin) || !boundary(s.end)) std::abort();
    };
    for (const auto& e : analysis->emotions) for (const auto& s : e.evidence) check(s);
    for (const auto& t : analysis->themes) for (const auto& s : t.evidence) check(s);
    for (const auto& d : analysis->distortions) check(d.evidence);
    for (const auto& f : analysis->risk.findings) check(f.evidence);
    // The server seals analyses with a strict dump: it must not throw.
    (void)interlude::text::AnalysisToJson(*analysis, text).dump();
  }
  return 0;
}
