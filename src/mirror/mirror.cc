// Loads the mirror's parts together.
#include "mirror/mirror.h"

namespace interlude::mirror {

Result<std::unique_ptr<Mirror>> Mirror::Load(const std::string& data_root,
                                             const safety::SafeMessagingChecker& checker) {
  std::unique_ptr<Mirror> m(new Mirror());
  ASSIGN_OR_RETURN(m->reflections_, ReflectionComposer::Load(data_root, checker));
  ASSIGN_OR_RETURN(m->companion_, Companion::Load(data_root, checker));
  ASSIGN_OR_RETURN(m->exercises_, ExerciseLibrary::Load(data_root));
  return m;
}

}  // namespace interlude::mirror
