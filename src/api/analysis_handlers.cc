// Analysis on request, for the thought-record wizard: names the thinking traps in a thought
// as the person types it. Nothing is stored and nothing of the text is logged.
#include "api/handlers.h"
#include "base/log.h"

namespace interlude::api {

inline constexpr size_t kMaxThoughtChars = 2000;

Result<Reply> HandleAnalyseDistortions(ApiDeps& deps, RequestContext& ctx) {
  if (deps.analyzer == nullptr) return Unavailable("the language engine is not loaded");
  ObjectReader reader(ctx.body);
  ASSIGN_OR_RETURN(const std::string text, reader.RequiredString("text", kMaxThoughtChars));
  RETURN_IF_ERROR(reader.Finish());
  ASSIGN_OR_RETURN(const text::Analysis analysis, deps.analyzer->Analyze(text));
  // The typed findings only (precise, with evidence): the wizard names them to the person.
  Json distortions = Json::array();
  for (const text::DistortionFinding& d : analysis.distortions) {
    const text::Span& span = d.evidence;
    Json evidence = nullptr;
    if (span.end > span.begin && span.end <= text.size()) {
      evidence = {{"text", text.substr(span.begin, span.end - span.begin)},
                  {"start", span.begin},
                  {"end", span.end}};
    }
    distortions.push_back({{"type", text::DistortionName(d.type)},
                           {"evidence", std::move(evidence)},
                           {"confidence", d.confidence}});
  }
  Log(LogLevel::kInfo, "analysis.distortions",
      {{"bytes", static_cast<std::uint64_t>(text.size())},
       {"found", static_cast<std::uint64_t>(distortions.size())}});
  return JsonReply(200, {{"distortions", std::move(distortions)}});
}

}  // namespace interlude::api
