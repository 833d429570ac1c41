// The inputs of mood analytics: a person's check-ins and journal entries reduced to what
// the analytics read (times, the writer's UTC offset, valence, energy, tags, entry themes).
// Tags and themes are interned once per MoodData, so a check-in is a fixed-size value and
// adding one allocates nothing once the vectors are reserved.
//
// Thread-safety: a MoodData is built by one thread; afterwards it may be read from many.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace interlude::care {

inline constexpr int kMinValence = 1;
inline constexpr int kMaxValence = 7;
inline constexpr int kMinEnergy = 1;
inline constexpr int kMaxEnergy = 5;
inline constexpr int kMaxTzOffsetMin = 840;

struct MoodCheckin {
  UnixMillis at = 0;               // when the mood was felt, UTC
  std::int32_t tz_offset_min = 0;  // the writer's UTC offset at that moment
  std::int32_t valence = 4;        // 1..7
  std::int32_t energy = 3;         // 1..5
  std::uint32_t tags_begin = 0;    // into MoodData::refs()
  std::uint32_t tags_count = 0;
};

struct MoodEntry {
  UnixMillis at = 0;                          // when it was written, UTC
  std::optional<std::int32_t> tz_offset_min;  // absent: the person's current offset is used
  std::uint32_t themes_begin = 0;             // into MoodData::refs()
  std::uint32_t themes_count = 0;
};

// Interned names (tags or themes): id -> name, name -> id.
class NameTable {
 public:
  std::uint32_t Intern(std::string_view name);
  const std::string& Name(std::uint32_t id) const { return names_[id]; }
  size_t size() const { return names_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> ids_;
};

class MoodData {
 public:
  void Reserve(size_t checkins, size_t entries);

  // Adds a check-in (any order). InvalidArgument when valence, energy or the offset is out
  // of range (the field is named). Tags for it follow with AddCheckinTag.
  Status AddCheckin(UnixMillis at, int tz_offset_min, int valence, int energy);
  // Adds a tag to the last check-in added (a repeated tag is kept once). Tags must follow
  // their check-in directly (before the next AddEntry); later ones are ignored.
  void AddCheckinTag(std::string_view tag);

  // Adds a journal entry (any order); themes for it follow directly with AddEntryTheme.
  Status AddEntry(UnixMillis at, std::optional<int> tz_offset_min);
  void AddEntryTheme(std::string_view theme);

  const std::vector<MoodCheckin>& checkins() const { return checkins_; }
  const std::vector<MoodEntry>& entries() const { return entries_; }
  std::span<const std::uint32_t> Tags(const MoodCheckin& c) const {
    return {refs_.data() + c.tags_begin, c.tags_count};
  }
  std::span<const std::uint32_t> Themes(const MoodEntry& e) const {
    return {refs_.data() + e.themes_begin, e.themes_count};
  }
  const NameTable& tags() const { return tags_; }
  const NameTable& themes() const { return themes_; }

 private:
  std::vector<MoodCheckin> checkins_;
  std::vector<MoodEntry> entries_;
  std::vector<std::uint32_t> refs_;  // tag ids and theme ids, in runs
  NameTable tags_;
  NameTable themes_;
};

}  // namespace interlude::care
