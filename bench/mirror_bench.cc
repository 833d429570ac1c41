// The mirror's reply time on one thread: a reflection composed for, and a companion turn
// answered to, each of the first 1,000 VADER tweets (../shared/data, read at run time),
// analysed beforehand so only the mirror is timed. The per-reply p99 is reported by
// `interlude eval mirror`; this gives the mean under Google Benchmark's control.
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>
#include <vector>

#include "mirror/mirror.h"
#include "safety/safe_messaging.h"
#include "text/analyzer.h"
#include "text/case_file.h"

namespace interlude::mirror {
namespace {

struct Fixture {
  std::unique_ptr<safety::SafeMessagingChecker> checker;
  std::unique_ptr<Mirror> mirror;
  std::vector<std::string> texts;
  std::vector<text::Analysis> analyses;
};

const Fixture& Loaded() {
  static const Fixture f = [] {
    Fixture out;
    auto analyzer = text::Analyzer::Load(text::DataRoot());
    auto checker = safety::SafeMessagingChecker::Load(text::DataRoot());
    if (!analyzer.ok() || !checker.ok()) return out;
    out.checker = std::move(checker).value();
    auto mirror = Mirror::Load(text::DataRoot(), *out.checker);
    if (!mirror.ok()) return out;
    out.mirror = std::move(mirror).value();
    std::ifstream in(text::SharedDataRoot() + "/vader/tweets_GroundTruth.txt");
    std::string line;
    while (std::getline(in, line) && out.texts.size() < 1000) {
      const size_t a = line.find('\t');
      const size_t b = a == std::string::npos ? a : line.find('\t', a + 1);
      if (b == std::string::npos) continue;
      auto analysis = (*analyzer)->Analyze(line.substr(b + 1));
      if (!analysis.ok()) continue;
      out.texts.push_back(line.substr(b + 1));
      out.analyses.push_back(std::move(analysis).value());
    }
    return out;
  }();
  return f;
}

void BM_ReflectionCompose(benchmark::State& state) {
  const Fixture& f = Loaded();
  if (f.texts.empty()) return state.SkipWithError("mirror data or tweets corpus not found");
  std::vector<std::string> recent;
  size_t i = 0;
  for (auto _ : state) {
    const size_t k = i++ % f.texts.size();
    ReflectionRequest request;
    request.text = f.texts[k];
    request.analysis = &f.analyses[k];
    request.recent_templates = recent;
    request.seed = k;
    const Reply reply = f.mirror->reflections().Compose(request);
    for (const ReplySentence& s : reply.sentences) recent.push_back(s.template_id);
    if (recent.size() > kTemplateMemory) recent.erase(recent.begin());
    benchmark::DoNotOptimize(reply);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ReflectionCompose)->Unit(benchmark::kMicrosecond);

void BM_CompanionRespond(benchmark::State& state) {
  const Fixture& f = Loaded();
  if (f.texts.empty()) return state.SkipWithError("mirror data or tweets corpus not found");
  CompanionState conversation;
  size_t i = 0;
  for (auto _ : state) {
    const size_t k = i++ % f.texts.size();
    if (k % 8 == 0) conversation = CompanionState{};  // a new conversation every 8 turns
    CompanionRequest request;
    request.text = f.texts[k];
    request.analysis = &f.analyses[k];
    request.offers = {{"paced_breathing_1min", "One minute of slow breathing", "It suits feeling anxious."}};
    request.seed = k;
    benchmark::DoNotOptimize(f.mirror->companion().Respond(request, conversation));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CompanionRespond)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace interlude::mirror
