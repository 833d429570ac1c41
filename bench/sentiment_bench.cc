// Benchmarks of sentiment scoring over the VADER tweets corpus (one thread), in both modes,
// reported as sentences per second. Needs the repository's data/ (the lexicon, from
// `make setup`) and ../shared/data; skips with a message when either is missing.
//
// Thread-safety: single-threaded benchmark code.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>

#include "text/case_file.h"
#include "text/sentiment.h"
#include "text/sentiment_eval.h"

namespace interlude::text {
namespace {

struct Fixture {
  std::unique_ptr<SentimentAnalyzer> analyzer;
  VaderCorpus tweets;
  std::string error;
};

const Fixture& GetFixture() {
  static const Fixture* fixture = [] {
    auto* f = new Fixture();
    auto loaded = SentimentAnalyzer::Load(SentimentAnalyzer::DefaultLexiconPath(DataRoot()));
    if (!loaded.ok()) {
      f->error = loaded.status().message();
      return f;
    }
    f->analyzer = std::move(loaded).value();
    auto corpus = LoadVaderCorpus(SharedDataRoot(), "tweets");
    if (!corpus.ok()) {
      f->error = corpus.status().message();
      return f;
    }
    f->tweets = std::move(corpus).value();
    return f;
  }();
  return *fixture;
}

void ScoreTweets(benchmark::State& state, SentimentMode mode) {
  const Fixture& f = GetFixture();
  if (!f.error.empty()) {
    state.SkipWithError(f.error.c_str());
    return;
  }
  double sink = 0;
  for (auto _ : state) {
    for (const std::string& text : f.tweets.texts) sink += f.analyzer->Score(text, mode).compound;
  }
  benchmark::DoNotOptimize(sink);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(f.tweets.texts.size()));
}

void BM_SentimentCompatTweets(benchmark::State& state) {
  ScoreTweets(state, SentimentMode::kCompat);
}
void BM_SentimentJournalTweets(benchmark::State& state) {
  ScoreTweets(state, SentimentMode::kJournal);
}

BENCHMARK(BM_SentimentCompatTweets)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SentimentJournalTweets)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace interlude::text
