// SafetyLayer: everything the safety layer loads at start — the safe-messaging checker,
// the crisis resources by country (with the clinic's overrides), the response messages
// (each checked by the checker when loaded) and the screener's questions — in one
// immutable object the API shares across requests.
//
// Thread-safety: immutable after Load; every accessor may be used concurrently.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "safety/helplines.h"
#include "safety/response.h"
#include "safety/safe_messaging.h"
#include "safety/screener_questions.h"

namespace interlude::safety {

class SafetyLayer {
 public:
  // Loads data_root/safety/* and data_root/helplines/*, then the clinic's helpline files in
  // `helpline_override_dir` (may be empty or absent). Errors name the file (and line) that
  // is missing or malformed, or the message that fails the safe-messaging checker.
  static Result<std::unique_ptr<SafetyLayer>> Load(const std::string& data_root,
                                                   const std::string& helpline_override_dir);

  const SafeMessagingChecker& checker() const { return *checker_; }
  const HelplineDirectory& helplines() const { return *helplines_; }
  const ResponseBuilder& responses() const { return *responses_; }
  const std::vector<ScreenerQuestion>& screener_questions() const { return questions_; }

 private:
  SafetyLayer() = default;
  std::unique_ptr<SafeMessagingChecker> checker_;
  std::unique_ptr<HelplineDirectory> helplines_;
  std::unique_ptr<ResponseBuilder> responses_;
  std::vector<ScreenerQuestion> questions_;
};

}  // namespace interlude::safety
