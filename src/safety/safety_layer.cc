// Loading the safety layer in dependency order: checker, helplines, responses, questions.
#include "safety/safety_layer.h"

namespace interlude::safety {

Result<std::unique_ptr<SafetyLayer>> SafetyLayer::Load(const std::string& data_root,
                                                       const std::string& helpline_override_dir) {
  std::unique_ptr<SafetyLayer> layer(new SafetyLayer());
  ASSIGN_OR_RETURN(layer->checker_, SafeMessagingChecker::Load(data_root));
  ASSIGN_OR_RETURN(layer->helplines_, HelplineDirectory::Load(data_root, helpline_override_dir));
  ASSIGN_OR_RETURN(layer->responses_,
                   ResponseBuilder::Load(data_root, *layer->checker_, *layer->helplines_));
  ASSIGN_OR_RETURN(layer->questions_, LoadScreenerQuestions(data_root));
  for (const ScreenerQuestion& q : layer->questions_) {
    RETURN_IF_ERROR(layer->checker_->Require(q.text));  // SAFE-060: nothing unchecked leaves
  }
  return layer;
}

}  // namespace interlude::safety
