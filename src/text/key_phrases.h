// Key phrases: the salient phrases of a text in the writer's own words, for reflections
// and briefs. A RAKE-style extractor (Rose et al. 2010): candidate phrases are runs of
// content words between function words and punctuation; a word scores degree / frequency;
// a phrase scores the sum of its words.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <vector>

#include "text/style.h"

namespace interlude::text {

// Up to `max_phrases` phrases, most salient first, each as written (original casing),
// without duplicates (case-insensitively).
std::vector<std::string> KeyPhrases(const Document& doc, const StyleAnalyzer& style,
                                    size_t max_phrases = 5);

}  // namespace interlude::text
