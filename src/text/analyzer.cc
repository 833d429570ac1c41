// Composition of the analysers.
#include "text/analyzer.h"

#include <cstdint>

#include "base/utf8.h"
#include "text/distortion_model.h"
#include "text/distortions.h"
#include "text/emotions.h"
#include "text/key_phrases.h"
#include "text/possible_distortion.h"
#include "text/risk.h"
#include "text/style.h"
#include "text/themes.h"
#include "text/vocabulary.h"

namespace interlude::text {

Analyzer::Analyzer() = default;
Analyzer::~Analyzer() = default;

Result<std::unique_ptr<Analyzer>> Analyzer::Load(const std::string& data_root) {
  std::unique_ptr<Analyzer> a(new Analyzer());
  const auto load = [](auto result, auto& target) -> Status {
    if (!result.ok()) return result.status();
    target = std::move(result).value();
    return OkStatus();
  };
  // The only file `make setup` installs; its loader says so when it is missing.
  RETURN_IF_ERROR(load(SentimentAnalyzer::Load(SentimentAnalyzer::DefaultLexiconPath(data_root)),
                       a->sentiment_));
  // One vocabulary for the analysers that look words up by id: each adds its words while
  // it loads, and Analyze interns every token once.
  auto vocabulary = std::make_shared<Vocabulary>();
  a->vocabulary_ = vocabulary;
  RETURN_IF_ERROR(load(EmotionAnalyzer::Load(data_root, vocabulary), a->emotions_));
  RETURN_IF_ERROR(load(ThemeAnalyzer::Load(data_root, vocabulary), a->themes_));
  RETURN_IF_ERROR(load(DistortionAnalyzer::Load(data_root), a->distortions_));
  RETURN_IF_ERROR(load(PossibleDistortionDetector::Load(data_root), a->possible_));
  RETURN_IF_ERROR(load(DistortionModel::Load(data_root), a->model_));
  RETURN_IF_ERROR(load(RiskAnalyzer::Load(data_root, vocabulary), a->risk_));
  RETURN_IF_ERROR(load(StyleAnalyzer::Load(data_root, vocabulary), a->style_));
  a->key_phrases_ = std::make_unique<KeyPhraseFinder>(*a->style_, vocabulary.get());
  a->distortions_->ShareVocabulary(vocabulary.get());
  a->possible_->ShareVocabulary(vocabulary.get());
  a->model_->ShareVocabulary(vocabulary.get());
  return a;
}

Result<Analysis> Analyzer::Analyze(std::string_view text, SentimentMode mode) const {
  if (text.size() > kMaxAnalyzedBytes) {
    return InvalidArgument("text is too long to analyse: at most 1 MiB");
  }
  if (!IsAsciiText(text) && !IsValidUtf8(text)) return InvalidArgument("text is not valid UTF-8");
  // One Document per thread, reused: its text, token and sentence storage stay allocated
  // between calls (released after a very long text).
  thread_local Document doc;
  struct Release {
    ~Release() {
      if (doc.tokens.capacity() > 4096) doc = Document();
    }
  } release;
  TokenizeInto(text, &doc);
  vocabulary_->Intern(&doc);
  Analysis a;
  a.sentiment = sentiment_->Score(text, mode);
  a.emotions = emotions_->Analyze(doc);
  a.ekman = EmotionAnalyzer::PrimaryEkman(a.emotions);
  a.themes = themes_->Analyze(doc);
  a.distortions = distortions_->Analyze(doc);
  a.distortion_signal = possible_->Analyze(doc);
  model_->Apply(doc, a.distortions, &a.distortion_signal);
  a.risk = risk_->Analyze(doc);
  a.style = style_->Analyze(doc);
  a.key_phrases = key_phrases_->Find(doc);
  return a;
}

}  // namespace interlude::text
