// Test support: the shipped instruments, loaded once from the repository's data/ folder.
//
// Thread-safety: the set is immutable; safe to share between tests.
#pragma once

#include <gtest/gtest.h>

#include "care/instrument.h"
#include "text/case_file.h"

namespace interlude::care {

inline const InstrumentSet& ShippedInstruments() {
  static const auto* set = [] {
    auto loaded = InstrumentSet::Load(text::DataRoot());
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().ToString();
      std::abort();
    }
    return loaded->release();
  }();
  return *set;
}

inline const Instrument& Get(const char* id) { return *ShippedInstruments().Find(id); }

}  // namespace interlude::care
