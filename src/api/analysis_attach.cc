// Analysis of entries and check-in notes on write.
#include "api/analysis_attach.h"

#include "base/log.h"
#include "text/analysis_json.h"

namespace interlude::api {
namespace {

void AppendPiece(AnalysedText& out, const std::string& field, const Json& value) {
  if (value.is_array()) {
    for (const Json& item : value) AppendPiece(out, field, item);
    return;
  }
  if (!value.is_string() || value.get_ref<const std::string&>().empty()) return;
  if (!out.text.empty()) out.text.push_back('\n');
  const size_t begin = out.text.size();
  out.text += value.get_ref<const std::string&>();
  out.segments.push_back({{"field", field}, {"begin", begin}, {"end", out.text.size()}});
}

}  // namespace

AnalysedText EntryText(const Json& content) {
  AnalysedText out;
  if (content.contains("title")) AppendPiece(out, "title", content["title"]);
  if (content.contains("text")) AppendPiece(out, "text", content["text"]);
  if (content.contains("fields") && content["fields"].is_object()) {
    for (const auto& [name, value] : content["fields"].items()) {
      AppendPiece(out, "fields." + name, value);
    }
  }
  return out;
}

std::optional<text::Analysis> AttachAnalysis(const ApiDeps& deps, const std::string& text,
                                             Json& content, const Json& segments) {
  if (deps.analyzer == nullptr || text.empty()) return std::nullopt;
  const auto skipped = [&](std::string_view code) {
    Log(LogLevel::kWarn, "analysis.skipped",
        {{"code", LogId(code)}, {"bytes", static_cast<std::uint64_t>(text.size())}});
  };
  try {
    auto analysis = deps.analyzer->Analyze(text);
    if (!analysis.ok()) {
      skipped(StatusCodeName(analysis.status().code()));
      return std::nullopt;
    }
    Json json = text::AnalysisToJson(*analysis, text);
    if (!segments.empty()) json["segments"] = segments;
    (void)json.dump();  // the item is sealed with a strict dump: prove it will not throw
    content["analysis"] = std::move(json);
    return std::move(*analysis);
  } catch (const std::exception&) {
    skipped("exception");  // the words matter more than their analysis: save without it
  }
  return std::nullopt;
}

}  // namespace interlude::api
