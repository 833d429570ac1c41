// Analysis -> JSON.
#include "text/analysis_json.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace interlude::text {
namespace {

using Json = nlohmann::json;

// Bounds on what is stored with every item: enough to explain a finding, never a copy of
// a long text.
constexpr size_t kMaxEvidencePerFinding = 5;
constexpr size_t kMaxFindings = 20;

// Three decimals are plenty for people and keep responses small.
double Round3(double v) { return std::round(v * 1000.0) / 1000.0; }

Json Evidence(Span span, std::string_view text) {
  if (span.end <= span.begin || span.end > text.size()) return nullptr;
  return Json{{"text", std::string(text.substr(span.begin, span.end - span.begin))},
              {"begin", span.begin},
              {"end", span.end}};
}

}  // namespace

Json AnalysisToJson(const Analysis& a, std::string_view text) {
  Json emotions = Json::array();
  for (const EmotionScore& e : a.emotions) {
    Json evidence = Json::array();
    for (const Span& s : e.evidence) {
      if (evidence.size() == kMaxEvidencePerFinding) break;
      if (Json ev = Evidence(s, text); !ev.is_null()) evidence.push_back(std::move(ev));
    }
    emotions.push_back({{"emotion", EmotionName(e.emotion)},
                        {"intensity", Round3(e.intensity)},
                        {"evidence", std::move(evidence)}});
  }
  Json themes = Json::array();
  for (const ThemeScore& t : a.themes) {
    Json evidence = Json::array();
    for (const Span& s : t.evidence) {
      if (evidence.size() == kMaxEvidencePerFinding) break;
      if (Json ev = Evidence(s, text); !ev.is_null()) evidence.push_back(std::move(ev));
    }
    themes.push_back({{"theme", t.theme}, {"weight", Round3(t.weight)}, {"evidence", std::move(evidence)}});
  }
  Json distortions = Json::array();
  for (const DistortionFinding& d : a.distortions) {
    if (distortions.size() == kMaxFindings) break;
    distortions.push_back({{"type", DistortionName(d.type)},
                           {"evidence", Evidence(d.evidence, text)},
                           {"confidence", Round3(d.confidence)},
                           {"rule", d.rule}});
  }
  Json cues = Json::array();
  Json signal_evidence = Json::array();
  for (const DistortionCue& c : a.distortion_signal.cues) {
    if (cues.size() == kMaxEvidencePerFinding) break;
    Json ev = Evidence(c.evidence, text);
    if (!ev.is_null()) signal_evidence.push_back(ev);
    cues.push_back({{"lean", DistortionName(c.lean)},
                    {"evidence", std::move(ev)},
                    {"weight", Round3(c.weight)},
                    {"rule", c.rule}});
  }
  Json model_evidence = Json::array();
  for (const Span& s : a.distortion_signal.model_evidence) {
    if (model_evidence.size() == kMaxEvidencePerFinding) break;
    if (Json ev = Evidence(s, text); !ev.is_null()) model_evidence.push_back(std::move(ev));
  }
  Json findings = Json::array();
  // The strongest findings first, so the bound never hides the one that set the level.
  std::vector<const RiskFinding*> ordered;
  for (const RiskFinding& f : a.risk.findings) ordered.push_back(&f);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const RiskFinding* x, const RiskFinding* y) { return x->level > y->level; });
  for (const RiskFinding* fp : ordered) {
    if (findings.size() == kMaxFindings) break;
    const RiskFinding& f = *fp;
    findings.push_back({{"level", RiskLevelName(f.level)},
                        {"category", RiskCategoryName(f.category)},
                        {"evidence", Evidence(f.evidence, text)},
                        {"rule", f.rule}});
  }
  Json risk_evidence = nullptr;  // the words behind the overall level
  for (const RiskFinding& f : a.risk.findings) {
    if (f.level == a.risk.level && f.category == a.risk.category) {
      risk_evidence = Evidence(f.evidence, text);
      break;
    }
  }
  const StyleProfile& s = a.style;
  return Json{
      {"version", a.version},
      {"sentiment", {{"compound", Round3(a.sentiment.compound)},
                     {"positive", Round3(a.sentiment.positive)},
                     {"neutral", Round3(a.sentiment.neutral)},
                     {"negative", Round3(a.sentiment.negative)}}},
      {"emotions", std::move(emotions)},
      {"ekman", EkmanName(a.ekman)},
      {"themes", std::move(themes)},
      {"distortions", std::move(distortions)},
      {"distortion_signal", {{"present", a.distortion_signal.present},
                             {"score", Round3(a.distortion_signal.score)},
                             {"evidence", std::move(signal_evidence)},
                             {"cues", std::move(cues)},
                             {"model_probability", Round3(a.distortion_signal.model_probability)},
                             {"model_evidence", std::move(model_evidence)}}},
      {"risk", {{"level", RiskLevelName(a.risk.level)},
                {"category", RiskCategoryName(a.risk.category)},
                {"evidence", std::move(risk_evidence)},
                {"findings", std::move(findings)}}},
      {"style", {{"words", s.words},
                 {"sentences", s.sentences},
                 {"personal_pronouns", Round3(s.personal_pronouns)},
                 {"impersonal_pronouns", Round3(s.impersonal_pronouns)},
                 {"articles", Round3(s.articles)},
                 {"auxiliary_verbs", Round3(s.auxiliary_verbs)},
                 {"common_adverbs", Round3(s.common_adverbs)},
                 {"prepositions", Round3(s.prepositions)},
                 {"conjunctions", Round3(s.conjunctions)},
                 {"negations", Round3(s.negations)},
                 {"quantifiers", Round3(s.quantifiers)},
                 {"first_person", Round3(s.first_person)},
                 {"contractions", Round3(s.contractions)},
                 {"words_per_sentence", Round3(s.words_per_sentence)},
                 {"letters_per_word", Round3(s.letters_per_word)},
                 {"exclamations", Round3(s.exclamations)},
                 {"questions", Round3(s.questions)},
                 {"emoji", Round3(s.emoji)},
                 {"lowercase_start", Round3(s.lowercase_start)},
                 {"all_caps_words", Round3(s.all_caps_words)},
                 {"formality", Round3(s.formality)}}},
      {"key_phrases", a.key_phrases}};
}

}  // namespace interlude::text
