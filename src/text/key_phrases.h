// Key phrases: the salient phrases of a text in the writer's own words, for reflections
// and briefs. A RAKE-style extractor (Rose et al. 2010): candidate phrases are runs of
// content words between function words and punctuation; a word scores degree / frequency;
// a phrase scores the sum of its words. Stopwords are the style analyser's function words
// and a few journal fillers ("feel", "today", ...).
//
// Thread-safety: KeyPhraseFinder is immutable after construction (which adds the fillers to
// the vocabulary, so it happens while loading); Find and KeyPhrases are safe from many
// threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "text/style.h"
#include "text/vocabulary.h"

namespace interlude::text {

// The extractor the Analyzer keeps: stopwords looked up by word id.
class KeyPhraseFinder {
 public:
  // `vocabulary` must be the one `style` was loaded with; `style` must outlive the finder.
  KeyPhraseFinder(const StyleAnalyzer& style, Vocabulary* vocabulary);

  // Up to `max_phrases` phrases, most salient first, each as written (original casing),
  // without duplicates (case-insensitively).
  std::vector<std::string> Find(const Document& doc, size_t max_phrases = 5) const;

 private:
  const StyleAnalyzer& style_;
  WordTable<uint8_t> filler_;  // word id -> 1 for a journal filler
};

// The same phrases without a finder (stopwords looked up by string): for one-off use.
std::vector<std::string> KeyPhrases(const Document& doc, const StyleAnalyzer& style,
                                    size_t max_phrases = 5);

}  // namespace interlude::text
