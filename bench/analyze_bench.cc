// Language engine throughput over the VADER tweets corpus (../shared/data, read at run
// time): tokenising alone, and the full Analyze. One thread. Also reports the resident
// memory the loaded engine adds.
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>
#include <vector>

#include "text/analyzer.h"
#include "text/case_file.h"

namespace interlude::text {
namespace {

long ResidentKiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

const std::vector<std::string>& Tweets() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    std::ifstream in(SharedDataRoot() + "/vader/tweets_GroundTruth.txt");
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const size_t a = line.find('\t');
      const size_t b = a == std::string::npos ? a : line.find('\t', a + 1);
      if (b != std::string::npos) out.push_back(line.substr(b + 1));
    }
    return out;
  }();
  return texts;
}

struct Engine {
  std::unique_ptr<Analyzer> analyzer;
  long added_kib = 0;
};

const Engine& LoadedEngine() {
  static const Engine engine = [] {
    const long before = ResidentKiB();
    auto loaded = Analyzer::Load(DataRoot());
    Engine e;
    if (loaded.ok()) e.analyzer = std::move(loaded).value();
    e.added_kib = ResidentKiB() - before;
    return e;
  }();
  return engine;
}

void BM_Tokenize(benchmark::State& state) {
  const auto& texts = Tweets();
  if (texts.empty()) return state.SkipWithError("tweets corpus not found (../shared/data)");
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(Tokenize(texts[i++ % texts.size()]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Tokenize);

void BM_AnalyzeTweets(benchmark::State& state) {
  const auto& texts = Tweets();
  const Engine& engine = LoadedEngine();
  if (texts.empty() || !engine.analyzer) return state.SkipWithError("corpus or language data missing");
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(engine.analyzer->Analyze(texts[i++ % texts.size()]));
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["engine_rss_mib"] = static_cast<double>(engine.added_kib) / 1024.0;
}
BENCHMARK(BM_AnalyzeTweets);

}  // namespace
}  // namespace interlude::text
