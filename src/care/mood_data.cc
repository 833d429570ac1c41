// Building MoodData: validation of the scales and interning of tags and themes.
#include "care/mood_data.h"

#include <algorithm>

namespace interlude::care {

std::uint32_t NameTable::Intern(std::string_view name) {
  if (const auto it = ids_.find(name); it != ids_.end()) return it->second;
  const auto id = static_cast<std::uint32_t>(names_.size());
  names_.emplace_back(name);
  ids_.emplace(names_.back(), id);
  return id;
}

void MoodData::Reserve(size_t checkins, size_t entries) {
  checkins_.reserve(checkins);
  entries_.reserve(entries);
  refs_.reserve(checkins * 2 + entries * 2);
}

Status MoodData::AddCheckin(UnixMillis at, int tz_offset_min, int valence, int energy) {
  if (valence < kMinValence || valence > kMaxValence) {
    return InvalidArgument("valence must be from 1 to 7", "valence");
  }
  if (energy < kMinEnergy || energy > kMaxEnergy) {
    return InvalidArgument("energy must be from 1 to 5", "energy");
  }
  if (tz_offset_min < -kMaxTzOffsetMin || tz_offset_min > kMaxTzOffsetMin) {
    return InvalidArgument("tz_offset_min must be from -840 to 840", "tz_offset_min");
  }
  MoodCheckin c;
  c.at = at;
  c.tz_offset_min = tz_offset_min;
  c.valence = valence;
  c.energy = energy;
  c.tags_begin = static_cast<std::uint32_t>(refs_.size());
  checkins_.push_back(c);
  return OkStatus();
}

void MoodData::AddCheckinTag(std::string_view tag) {
  if (checkins_.empty() || tag.empty()) return;
  MoodCheckin& c = checkins_.back();
  if (c.tags_begin + c.tags_count != refs_.size()) return;  // an entry came in between
  const std::uint32_t id = tags_.Intern(tag);
  const auto begin = refs_.begin() + c.tags_begin;
  if (std::find(begin, begin + c.tags_count, id) != begin + c.tags_count) return;
  refs_.push_back(id);
  ++c.tags_count;
}

Status MoodData::AddEntry(UnixMillis at, std::optional<int> tz_offset_min) {
  if (tz_offset_min && (*tz_offset_min < -kMaxTzOffsetMin || *tz_offset_min > kMaxTzOffsetMin)) {
    return InvalidArgument("tz_offset_min must be from -840 to 840", "tz_offset_min");
  }
  MoodEntry e;
  e.at = at;
  if (tz_offset_min) e.tz_offset_min = *tz_offset_min;
  e.themes_begin = static_cast<std::uint32_t>(refs_.size());
  entries_.push_back(e);
  return OkStatus();
}

void MoodData::AddEntryTheme(std::string_view theme) {
  if (entries_.empty() || theme.empty()) return;
  MoodEntry& e = entries_.back();
  if (e.themes_begin + e.themes_count != refs_.size()) return;  // a check-in came in between
  const std::uint32_t id = themes_.Intern(theme);
  const auto begin = refs_.begin() + e.themes_begin;
  if (std::find(begin, begin + e.themes_count, id) != begin + e.themes_count) return;
  refs_.push_back(id);
  ++e.themes_count;
}

}  // namespace interlude::care
