// libFuzzer target for the language engine: any bytes in, a well-formed analysis or a clear
// InvalidArgument out — never a crash, a sanitizer report or an exception. Run by
// fuzz/run.sh (see docs/language-engine.md for the command and the last clean run).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "text/analysis_json.h"
#include "text/analyzer.h"

namespace {

const interlude::text::Analyzer& Engine() {
  static const auto analyzer = [] {
    const char* root = std::getenv("INTERLUDE_LANGUAGE_DATA");
    auto loaded = interlude::text::Analyzer::Load(root != nullptr ? root : "data");
    if (!loaded.ok()) std::abort();  // the fuzzer needs the data; fail loudly
    return std::move(loaded).value();
  }();
  return *analyzer;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto mode : {interlude::text::SentimentMode::kJournal,
                          interlude::text::SentimentMode::kCompat}) {
    auto analysis = Engine().Analyze(text, mode);
    if (analysis.ok()) {
      // Serialising touches every span: evidence must point inside the text.
      const auto json = interlude::text::AnalysisToJson(*analysis, text);
      (void)json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
  }
  return 0;
}
