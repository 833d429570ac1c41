// The "possible distortion" signal: cues matched by the distortion pattern matcher over
// data/text/possible_distortions.txt, combined per sentence.
#include "text/possible_distortion.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "text/distortions.h"

namespace interlude::text {
namespace {

// The sentence of `doc` that contains byte `offset` (sentences are in text order).
size_t SentenceAt(const Document& doc, size_t offset) {
  const auto it = std::upper_bound(
      doc.sentences.begin(), doc.sentences.end(), offset,
      [](size_t value, const Sentence& s) { return value < s.span.begin; });
  return it == doc.sentences.begin() ? 0
                                     : static_cast<size_t>(it - doc.sentences.begin()) - 1;
}

// The token of `doc` whose span contains byte `offset` (or the last one before it).
size_t TokenAt(const Document& doc, size_t offset) {
  const auto it = std::upper_bound(
      doc.tokens.begin(), doc.tokens.end(), offset,
      [](size_t value, const Token& t) { return value < t.span.begin; });
  return it == doc.tokens.begin() ? 0 : static_cast<size_t>(it - doc.tokens.begin()) - 1;
}

}  // namespace

PossibleDistortionDetector::PossibleDistortionDetector(std::unique_ptr<DistortionAnalyzer> cues)
    : cues_(std::move(cues)) {}

PossibleDistortionDetector::~PossibleDistortionDetector() = default;

Result<std::unique_ptr<PossibleDistortionDetector>> PossibleDistortionDetector::Load(
    const std::string& data_root) {
  const std::string path = data_root + "/text/possible_distortions.txt";
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("possible-distortion cues not found: " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return FromText(buffer.str(), path);
}

Result<std::unique_ptr<PossibleDistortionDetector>> PossibleDistortionDetector::FromText(
    std::string_view text, const std::string& origin) {
  ASSIGN_OR_RETURN(std::unique_ptr<DistortionAnalyzer> cues,
                   DistortionAnalyzer::FromText(text, origin));
  return std::unique_ptr<PossibleDistortionDetector>(
      new PossibleDistortionDetector(std::move(cues)));
}

size_t PossibleDistortionDetector::cue_count() const { return cues_->rule_count(); }

void PossibleDistortionDetector::ShareVocabulary(Vocabulary* shared) {
  cues_->ShareVocabulary(shared);
}

DistortionSignal PossibleDistortionDetector::Analyze(const Document& doc) const {
  DistortionSignal signal;
  struct Placed {
    size_t sentence = 0;
    size_t first = 0;  // token range of the evidence
    size_t last = 0;
  };
  // Per-thread scratch reused between calls (released after a very long text).
  thread_local std::vector<DistortionFinding> hits;
  thread_local std::vector<Placed> placed;
  thread_local std::vector<size_t> group;
  struct Release {
    ~Release() {
      if (hits.capacity() > 1024) {
        hits = {};
        placed = {};
        group = {};
      }
    }
  } release;
  cues_->Analyze(doc, &hits);
  placed.clear();
  placed.reserve(hits.size());
  for (const DistortionFinding& h : hits) {
    placed.push_back({SentenceAt(doc, h.evidence.begin), TokenAt(doc, h.evidence.begin),
                      TokenAt(doc, h.evidence.end == 0 ? 0 : h.evidence.end - 1)});
  }
  // Each cue anchors a group: the cues of its sentence within kCueWindow tokens of it. The
  // best group (the earliest on a tie) is the signal.
  for (size_t i = 0; i < hits.size(); ++i) {
    double keep = 1;  // prod(1 - weight)
    group.clear();
    for (size_t j = 0; j < hits.size(); ++j) {
      if (placed[j].sentence != placed[i].sentence) continue;
      const size_t gap = placed[j].first > placed[i].last   ? placed[j].first - placed[i].last
                         : placed[i].first > placed[j].last ? placed[i].first - placed[j].last
                                                            : 0;
      if (gap > kCueWindow) continue;
      keep *= 1 - std::clamp(hits[j].confidence, 0.0, 1.0);
      group.push_back(j);
    }
    const double score = 1 - keep;
    if (score > signal.score + 1e-12) {
      signal.score = score;
      signal.cues.clear();
      for (const size_t k : group) {
        signal.cues.push_back({hits[k].type, hits[k].evidence, hits[k].confidence, hits[k].rule});
      }
    }
  }
  // 1e-9: a single cue written with the threshold's weight counts despite rounding.
  signal.present = signal.score + 1e-9 >= kPossibleDistortionThreshold;
  return signal;
}

}  // namespace interlude::text
