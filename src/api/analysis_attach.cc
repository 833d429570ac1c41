// Analysis of entries and check-in notes on write.
#include "api/analysis_attach.h"

#include "base/log.h"
#include "text/analysis_json.h"

namespace interlude::api {
namespace {

void AppendLine(std::string& out, const Json& value) {
  if (value.is_string() && !value.get_ref<const std::string&>().empty()) {
    if (!out.empty()) out.push_back('\n');
    out += value.get_ref<const std::string&>();
  } else if (value.is_array()) {
    for (const Json& item : value) AppendLine(out, item);
  }
}

}  // namespace

std::string EntryText(const Json& content) {
  std::string out;
  if (content.contains("title")) AppendLine(out, content["title"]);
  if (content.contains("text")) AppendLine(out, content["text"]);
  if (content.contains("fields") && content["fields"].is_object()) {
    for (const auto& [name, value] : content["fields"].items()) AppendLine(out, value);
  }
  return out;
}

void AttachAnalysis(const ApiDeps& deps, const std::string& text, Json& content) {
  if (deps.analyzer == nullptr || text.empty()) return;
  auto analysis = deps.analyzer->Analyze(text);
  if (!analysis.ok()) {
    Log(LogLevel::kWarn, "analysis.skipped", {{"code", LogId(StatusCodeName(analysis.status().code()))},
                                              {"bytes", static_cast<std::uint64_t>(text.size())}});
    return;
  }
  content["analysis"] = text::AnalysisToJson(*analysis, text);
}

}  // namespace interlude::api
