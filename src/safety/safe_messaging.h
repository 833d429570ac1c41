// The safe-messaging checker: every sentence Interlude itself produces (safety messages,
// cards, later the companion and reflections) passes it before it leaves the server
// (../shared/CLINICAL.md §12.2, #chatsafe). Rules live in data/safety/safe_messaging.txt,
// each with an id; data/safety/cases/safe_messaging.tsv holds violations it must catch and
// clean sentences it must leave alone.
//
// What it catches (rule ids in docs/safety.md):
//   method or location details (pills counted, overdose amounts, hanging, jumping, bridges,
//   weapons, ...), "committed"/"successful"/"failed" suicide, sensational or fatalistic
//   framing ("epidemic", "inevitable", "no way out"), promises of secrecy the product cannot
//   keep ("I won't tell anyone"), claims to be a human or a therapist, and judgemental
//   wording ("selfish", "attention-seeking", "just get over it").
//
// Thread-safety: immutable after Load; Check may run concurrently.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace interlude::safety {

struct Violation {
  std::string rule;      // SAFE-nnn
  std::string category;  // method_detail, stigmatising_term, fatalistic, secrecy,
                         // claims_human, judgemental
  size_t begin = 0, end = 0;  // UTF-8 byte span of the offending words in the checked text
};

class SafeMessagingChecker {
 public:
  // Loads data_root/safety/safe_messaging.txt. NotFound when missing; InvalidArgument naming
  // file:line when a line is malformed.
  static Result<std::unique_ptr<SafeMessagingChecker>> Load(const std::string& data_root);

  // Every violation in `text` (case-insensitive, whole words), in order of position.
  std::vector<Violation> Check(std::string_view text) const;
  // OK, or FailedPrecondition naming the first rule and category (never the text).
  Status Require(std::string_view text) const;

  struct Pattern;  // defined in safe_messaging.cc
  ~SafeMessagingChecker();

 private:
  SafeMessagingChecker() = default;
  std::vector<Pattern> patterns_;
};

}  // namespace interlude::safety
