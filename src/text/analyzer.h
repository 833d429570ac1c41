// Analyzer: the language engine's front door. Built once at start from the data folder
// (immutable afterwards, shared by all request threads); Analyze() runs every analyser over
// one text and returns one Analysis.
//
// Thread-safety: Load once; Analyze may be called from any number of threads at once.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "text/analysis.h"
#include "text/sentiment.h"

namespace interlude::text {

class DistortionAnalyzer;
class DistortionModel;
class EmotionAnalyzer;
class KeyPhraseFinder;
class PossibleDistortionDetector;
class RiskAnalyzer;
class SentimentAnalyzer;
class StyleAnalyzer;
class ThemeAnalyzer;
class Vocabulary;

// Texts longer than this are refused (1 MiB): far beyond any entry, bounded work per call.
inline constexpr size_t kMaxAnalyzedBytes = 1 << 20;

class Analyzer {
 public:
  // Loads every lexicon under `data_root` (the repository's data/ folder, with the
  // npm-installed VADER lexicon under data/node_modules). FailedPrecondition naming
  // `make setup` when the VADER lexicon is missing, NotFound naming any other missing file,
  // InvalidArgument naming the file and line when one is malformed.
  static Result<std::unique_ptr<Analyzer>> Load(const std::string& data_root);
  ~Analyzer();

  // The analysis of `text`. InvalidArgument when it is not valid UTF-8 or longer than
  // kMaxAnalyzedBytes. Empty text gives an empty, well-formed analysis.
  Result<Analysis> Analyze(std::string_view text,
                           SentimentMode mode = SentimentMode::kJournal) const;

  const SentimentAnalyzer& sentiment() const { return *sentiment_; }
  const EmotionAnalyzer& emotions() const { return *emotions_; }
  const ThemeAnalyzer& themes() const { return *themes_; }
  const DistortionAnalyzer& distortions() const { return *distortions_; }
  const PossibleDistortionDetector& possible_distortions() const { return *possible_; }
  const DistortionModel& distortion_model() const { return *model_; }
  const RiskAnalyzer& risk() const { return *risk_; }
  const StyleAnalyzer& style() const { return *style_; }

 private:
  Analyzer();
  std::shared_ptr<Vocabulary> vocabulary_;  // shared by the analysers below; see vocabulary.h
  std::unique_ptr<SentimentAnalyzer> sentiment_;
  std::unique_ptr<EmotionAnalyzer> emotions_;
  std::unique_ptr<ThemeAnalyzer> themes_;
  std::unique_ptr<DistortionAnalyzer> distortions_;
  std::unique_ptr<PossibleDistortionDetector> possible_;
  std::unique_ptr<DistortionModel> model_;
  std::unique_ptr<RiskAnalyzer> risk_;
  std::unique_ptr<StyleAnalyzer> style_;
  std::unique_ptr<KeyPhraseFinder> key_phrases_;  // after style_: it refers to it
};

}  // namespace interlude::text
