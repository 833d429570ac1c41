// Language data location.
#include "app/language_data.h"

#include <cstdlib>
#include <filesystem>

namespace interlude::app {

std::string LanguageDataRoot() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("INTERLUDE_LANGUAGE_DATA"); env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const fs::path& candidate : {exe.parent_path() / "../../data", exe.parent_path() / "../data",
                                      exe.parent_path() / "data"}) {
      if (fs::exists(candidate / "text" / "function_words.txt", ec)) {
        return fs::weakly_canonical(candidate, ec).string();
      }
    }
  }
  return "data";
}

}  // namespace interlude::app
