// Mirror: everything the mirror loads at start — the reflection composer, the companion
// and the coping-exercise library — in one immutable object the API shares across requests.
//
// Thread-safety: immutable after Load; every accessor may be used concurrently.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "mirror/companion.h"
#include "mirror/exercises.h"
#include "mirror/reflection.h"
#include "safety/safe_messaging.h"

namespace interlude::mirror {

class Mirror {
 public:
  // Loads data_root/mirror/* and data_root/coping/*. Errors name the file (and line) that is
  // missing or malformed, or the template that fails `checker`. The checker must outlive
  // the Mirror.
  static Result<std::unique_ptr<Mirror>> Load(const std::string& data_root,
                                              const safety::SafeMessagingChecker& checker);

  const ReflectionComposer& reflections() const { return *reflections_; }
  const Companion& companion() const { return *companion_; }
  const ExerciseLibrary& exercises() const { return *exercises_; }

 private:
  Mirror() = default;
  std::unique_ptr<ReflectionComposer> reflections_;
  std::unique_ptr<Companion> companion_;
  std::unique_ptr<ExerciseLibrary> exercises_;
};

}  // namespace interlude::mirror
