// `interlude analyze` (the engine's JSON for text from an argument or stdin) and
// `interlude eval [all|text|mirror]` (accuracy against ../shared/data and the development case
// files; `mirror` measures reflections and the companion, src/mirror/mirror_eval.h) and
// `interlude train-distortions` (the learned distortion model from the Babacan set).
#include <iostream>
#include <sstream>

#include "app/commands.h"
#include "app/language_data.h"
#include "mirror/mirror_eval.h"
#include "text/analysis_json.h"
#include "text/analyzer.h"
#include "text/distortion_training.h"
#include "text/distortions.h"
#include "text/distortions_eval.h"
#include "text/emotions_eval.h"
#include "text/possible_distortion.h"
#include "text/risk_eval.h"
#include "text/sentiment_eval.h"

namespace interlude::app {
namespace {

Result<std::unique_ptr<text::Analyzer>> LoadAnalyzer(const std::string& data_root) {
  return text::Analyzer::Load(data_root.empty() ? LanguageDataRoot() : data_root);
}

nlohmann::json AnalyzeOne(const text::Analyzer& analyzer, const std::string& input,
                          text::SentimentMode mode) {
  auto analysis = analyzer.Analyze(input, mode);
  if (!analysis.ok()) return {{"error", analysis.status().message()}};
  return text::AnalysisToJson(*analysis, input);
}

}  // namespace

int RunAnalyze(const AnalyzeFlags& flags) {
  text::SentimentMode mode = text::SentimentMode::kJournal;
  if (flags.mode == "compat") {
    mode = text::SentimentMode::kCompat;
  } else if (flags.mode != "journal") {
    return Fail("--mode must be journal or compat");
  }
  auto analyzer = LoadAnalyzer(flags.data_root);
  if (!analyzer.ok()) return Fail(analyzer.status().message());
  if (flags.text) {
    std::cout << AnalyzeOne(**analyzer, *flags.text, mode).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  if (flags.lines) {
    std::string line;
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      std::cout << AnalyzeOne(**analyzer, line, mode).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
    return 0;
  }
  std::stringstream all;
  all << std::cin.rdbuf();
  std::cout << AnalyzeOne(**analyzer, all.str(), mode).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return 0;
}

int RunEval(const EvalFlags& flags) {
  const std::string data_root = flags.data_root.empty() ? LanguageDataRoot() : flags.data_root;
  auto analyzer = LoadAnalyzer(data_root);
  if (!analyzer.ok()) return Fail(analyzer.status().message());
  const text::Analyzer& a = **analyzer;
  std::cout << "Interlude language engine evaluation\n"
            << "public data: " << flags.shared_data << "\nlanguage data: " << data_root << "\n\n";
  int failures = 0;
  const auto run = [&](const char* name, const Status& st) {
    if (!st.ok()) {
      std::cout << name << ": could not run: " << st.message() << "\n";
      ++failures;
    }
    std::cout << "\n";
  };
  if (flags.what != "all" && flags.what != "text" && flags.what != "mirror") {
    return Fail("eval: what must be all, text or mirror");
  }
  if (flags.what == "mirror") {
    run("mirror", mirror::EvaluateMirror(a, data_root, flags.shared_data, std::cout));
    return failures == 0 ? 0 : 1;
  }
  run("sentiment", text::EvaluateSentiment(a.sentiment(), flags.shared_data, std::cout));
  run("emotions", text::EvaluateEmotions(a.emotions(), flags.shared_data, data_root, std::cout));
  run("themes", text::EvaluateThemes(a.themes(), data_root, std::cout));
  run("distortions", text::EvaluateDistortions(a.distortions(), flags.shared_data, data_root,
                                               std::cout, &a.possible_distortions(),
                                               &a.distortion_model()));
  run("risk", text::EvaluateRisk(a.risk(), data_root, std::cout));
  if (flags.what == "all") {
    run("mirror", mirror::EvaluateMirror(a, data_root, flags.shared_data, std::cout));
  }
  return failures == 0 ? 0 : 1;
}

int RunTrainDistortions(const TrainDistortionsFlags& flags) {
  const std::string data_root = flags.data_root.empty() ? LanguageDataRoot() : flags.data_root;
  auto typed = text::DistortionAnalyzer::Load(data_root);
  if (!typed.ok()) return Fail(typed.status().message());
  auto cues = text::PossibleDistortionDetector::Load(data_root);
  if (!cues.ok()) return Fail(cues.status().message());
  text::TrainingOptions options;
  if (flags.l2 >= 0) options.l2 = flags.l2;
  if (flags.max_share >= 0) options.max_share = flags.max_share;
  if (flags.max_weights >= 0) options.max_weights = static_cast<size_t>(flags.max_weights);
  if (flags.iterations >= 0) options.iterations = flags.iterations;
  if (flags.min_count >= 0) options.min_count = flags.min_count;
  if (flags.max_added_flags >= 0) options.max_added_flags = flags.max_added_flags;
  if (!flags.kinds.empty()) options.kinds = flags.kinds;
  if (flags.balance >= 0) options.balance = flags.balance != 0;
  if (flags.fit_bias >= 0) options.fit_bias = flags.fit_bias != 0;
  if (flags.calm >= 0) options.calm = static_cast<size_t>(flags.calm);
  if (flags.max_calm_flags >= 0) options.max_calm_flags = flags.max_calm_flags;
  if (flags.counterweight >= 0) options.counterweight = static_cast<size_t>(flags.counterweight);
  if (flags.plain_floor >= 0) options.plain_floor = flags.plain_floor != 0;
  if (flags.max_plain_flags >= 0) options.max_plain_flags = flags.max_plain_flags;
  if (flags.cues_decide_under >= -1) {
    options.cues_decide_under =
        flags.cues_decide_under < 0 ? SIZE_MAX : static_cast<size_t>(flags.cues_decide_under);
  }
  const Status st = text::TrainDistortionModel(**typed, **cues, flags.shared_data, data_root,
                                               flags.out, std::cout, options, flags.dev_cv);
  if (!st.ok()) return Fail(st.message());
  return 0;
}

}  // namespace interlude::app
