// What every libFuzzer target here needs before its first input: where the language data
// lives, a way to stop loudly when set-up fails, and a scratch directory that is removed at
// exit. Header-only; included by the fuzz targets alone (fuzz/CMakeLists.txt).
//
// Thread-safety: libFuzzer calls a target from one thread; ScratchDir's static is set up
// once (C++ static initialisation is thread-safe) and only read afterwards.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <utility>

namespace interlude::fuzz {

// The language data folder: $INTERLUDE_LANGUAGE_DATA, else "data" (fuzz/run.sh runs from
// the repository root).
inline std::string LanguageDataRoot() {
  const char* root = std::getenv("INTERLUDE_LANGUAGE_DATA");
  return root != nullptr ? root : "data";
}

// Aborts when `condition` is false: libFuzzer reports an abort as a crash with the input.
inline void Require(bool condition) {
  if (!condition) std::abort();
}

// The value of a Result<T> needed to start fuzzing; set-up failure is not a finding, so it
// says what failed on stderr and aborts.
template <typename ResultT>
auto OrDie(ResultT result, const char* what) {
  if (!result.ok()) {
    std::fprintf(stderr, "fuzz set-up failed: %s: %s\n", what, result.status().message().c_str());
    std::abort();
  }
  return std::move(result).value();
}

// A directory made once per process under /dev/shm (or /tmp), named after `target`, and
// removed with its contents at exit. Every call returns the first call's directory.
inline const std::string& ScratchDir(const char* target) {
  static const std::string dir = [target] {
    namespace fs = std::filesystem;
    const char* base = fs::exists("/dev/shm") ? "/dev/shm" : "/tmp";
    std::string made = std::string(base) + "/interlude-fuzz-" + target + "-XXXXXX";
    if (mkdtemp(made.data()) == nullptr) std::abort();
    return made;
  }();
  static const bool cleanup_registered = [] {
    return std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);
    }) == 0;
  }();
  (void)cleanup_registered;
  return dir;
}

}  // namespace interlude::fuzz
