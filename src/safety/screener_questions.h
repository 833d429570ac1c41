// The screener's questions as the client shows them: our own plain paraphrase of the six
// C-SSRS screener questions and the q6 follow-up (../shared/CLINICAL.md §6.1), read from
// data/safety/screener.txt so that a clinician can read and adjust the wording.
//
// Thread-safety: pure function (reads the file system).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace interlude::safety {

struct ScreenerQuestion {
  std::string id;          // "q1" .. "q6", "q6_recent"
  std::string text;        // the question as shown
  std::string time_frame;  // "past_month", "ever" or "past_3_months"
};

// The seven questions in order q1..q6, q6_recent. NotFound when the file is missing;
// InvalidArgument naming file:line for a malformed line, an unknown, repeated or
// out-of-order id, or a time frame other than the one CLINICAL.md §6.1 gives the question.
Result<std::vector<ScreenerQuestion>> LoadScreenerQuestions(const std::string& data_root);

}  // namespace interlude::safety
