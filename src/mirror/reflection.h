// ReflectionComposer: the short answer to a journal entry or a check-in note — one to three
// sentences: a reflection (simple, or complex: the feeling or meaning beneath), optionally an
// affirmation, and at most one open question; where the engine found a thinking trap, a
// gentle invitation to look again instead of agreement. It uses the writer's own salient
// words and follows their style (length, formality, casing, emoji, punctuation, function
// words; measured as LSM). It never diagnoses, lectures or claims to understand exactly.
//
// Templates are data (data/mirror/reflections.txt). Every sentence it returns has passed the
// safe-messaging checker. Deterministic: the same request gives the same reply.
//
// Thread-safety: immutable after Load; Compose may run concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "mirror/reply.h"
#include "safety/safe_messaging.h"
#include "text/analysis.h"

namespace interlude::mirror {

// The person's choice (settings "reflections").
enum class ReflectionMode {
  kOff,          // no reflection
  kBalanced,     // the default: reflect, and sometimes ask or invite another view
  kJustListen,   // reflections and affirmations only: no questions, no invitations
  kHelpMeThink,  // a reflection then a question or an invitation to look again
};
std::string_view ReflectionModeName(ReflectionMode mode);  // "off", "on", "just_listen", "help_me_think"
bool ParseReflectionMode(std::string_view name, ReflectionMode& out);  // accepts those names

// The slots (kinds of sentence) data/mirror/reflections.txt may fill.
const std::set<std::string>& ReflectionSlots();

// How many of the person's previous replies no template may repeat.
inline constexpr size_t kTemplateMemory = 20;

struct ReflectionRequest {
  std::string_view text;             // what the person wrote (entry text or check-in note)
  const text::Analysis* analysis = nullptr;  // of `text`, by the same engine (required)
  ReflectionMode mode = ReflectionMode::kBalanced;
  // The safety tier the write was given (0 none .. 3 high). At 2 or more the reflection is
  // only a brief, warm acknowledgement pointing to the support shown with it: no question,
  // no invitation, no quoting of the risk words.
  int safety_tier = 0;
  // Template ids of the person's previous replies, newest last (at most kTemplateMemory
  // are read); none of them is used again.
  std::vector<std::string> recent_templates;
  std::uint64_t seed = 0;  // e.g. a hash of the item id: the same seed gives the same reply
};

class ReflectionComposer {
 public:
  // Reads data_root/mirror/reflections.txt. InvalidArgument naming the file and line for a
  // malformed template, or one that fails `checker` with its placeholders filled by a
  // neutral word. The checker must outlive the composer.
  static Result<std::unique_ptr<ReflectionComposer>> Load(
      const std::string& data_root, const safety::SafeMessagingChecker& checker);
  ~ReflectionComposer();

  // The reply; empty when the mode is kOff or the text has no words. Never fails: if every
  // candidate sentence were rejected by the checker, a plain acknowledgement is returned.
  Reply Compose(const ReflectionRequest& request) const;

 private:
  ReflectionComposer();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace interlude::mirror
