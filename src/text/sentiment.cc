// SentimentAnalyzer: loading and the two scoring modes (the rules are in vader_rules.cc).
//
// Thread-safety: see sentiment.h. Scratch buffers are thread_local, so concurrent Score
// calls share nothing mutable.
#include "text/sentiment.h"

#include "text/vader_lexicon.h"
#include "text/vader_rules.h"

namespace interlude::text {
namespace {

// Buffers that grew past this are released after the call, so one huge text does not pin
// memory in a thread for ever.
constexpr size_t kKeepScratchBytes = 1 << 20;

vader::Scratch& ThreadScratch() {
  thread_local vader::Scratch scratch;
  return scratch;
}

void TrimScratch(vader::Scratch* s) {
  if (s->lowered.capacity() > kKeepScratchBytes) {
    *s = vader::Scratch();
  }
}

}  // namespace

std::string_view SentimentModeName(SentimentMode mode) {
  return mode == SentimentMode::kCompat ? "compat" : "journal";
}

SentimentAnalyzer::SentimentAnalyzer(std::unique_ptr<vader::VaderLexicon> lexicon)
    : lexicon_(std::move(lexicon)) {}

SentimentAnalyzer::~SentimentAnalyzer() = default;

Result<std::unique_ptr<SentimentAnalyzer>> SentimentAnalyzer::Load(
    const std::string& lexicon_path) {
  ASSIGN_OR_RETURN(std::unique_ptr<vader::VaderLexicon> lexicon,
                   vader::VaderLexicon::Load(lexicon_path));
  return std::unique_ptr<SentimentAnalyzer>(new SentimentAnalyzer(std::move(lexicon)));
}

std::string SentimentAnalyzer::DefaultLexiconPath(const std::string& data_root) {
  return data_root + "/node_modules/vader-sentiment/vader_lexicon.txt";
}

Sentiment SentimentAnalyzer::Score(std::string_view text, SentimentMode mode) const {
  vader::Scratch& scratch = ThreadScratch();
  Sentiment out = mode == SentimentMode::kCompat
                      ? vader::ScoreCompat(text, *lexicon_, &scratch)
                      : vader::ScoreJournal(text, *lexicon_, vader::JournalParams{}, &scratch);
  TrimScratch(&scratch);
  return out;
}

size_t SentimentAnalyzer::lexicon_size() const { return lexicon_->lexicon_size(); }

bool SentimentAnalyzer::has_emoji_descriptions() const { return lexicon_->has_emoji(); }

}  // namespace interlude::text
