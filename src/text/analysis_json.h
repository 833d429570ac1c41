// The JSON form of an Analysis (what `interlude analyze` prints and what the API returns
// beside an entry): sentiment.compound, emotions with intensity, ekman, themes,
// distortions[{type, evidence, confidence}], distortion_signal{present, score, evidence[],
// cues[{lean, evidence, weight, rule}]}, risk{level, category, evidence}, style,
// key_phrases. Evidence is given as the writer's words and their byte span.
//
// Thread-safety: pure function.
#pragma once

#include <nlohmann/json.hpp>

#include "text/analysis.h"

namespace interlude::text {

// `doc_text` is the analysed text (for the evidence words).
nlohmann::json AnalysisToJson(const Analysis& analysis, std::string_view doc_text);

}  // namespace interlude::text
