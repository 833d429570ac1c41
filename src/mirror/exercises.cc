// ExerciseLibrary (exercises.h): the block parser for data/coping/exercises.txt.
#include "mirror/exercises.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "text/analysis.h"
#include "text/data_file.h"

namespace interlude::mirror {
namespace {

constexpr std::string_view kKinds[] = {"breathing", "grounding", "thought_record",
                                       "activity_planner", "steps"};
constexpr std::string_view kTimes[] = {"morning", "day", "evening", "night"};

// Keys a block may hold once, and those it must hold.
constexpr std::string_view kSingleKeys[] = {
    "id",       "title",  "summary",    "kind",     "minutes", "inhale", "exhale", "sessions",
    "evidence", "source", "source_url", "emotions", "themes",  "times",  "crisis"};
constexpr std::string_view kRequiredKeys[] = {"id",       "title",    "summary", "kind",
                                              "minutes",  "evidence", "source",  "source_url",
                                              "emotions", "times",    "crisis"};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

template <size_t N>
bool OneOf(std::string_view value, const std::string_view (&set)[N]) {
  return std::find(std::begin(set), std::end(set), value) != std::end(set);
}

bool IsSnakeCase(std::string_view s) {
  if (s.empty() || s.front() < 'a' || s.front() > 'z') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Splits "a, b, c" into its non-empty items.
std::vector<std::string> SplitList(std::string_view value) {
  std::vector<std::string> out;
  while (!value.empty()) {
    const size_t comma = value.find(',');
    const std::string_view item = Trim(value.substr(0, comma));
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return out;
}

// A whole number in [lo, hi], or -1.
int ParseInt(std::string_view s, int lo, int hi) {
  if (s.empty() || s.size() > 4) return -1;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v >= lo && v <= hi ? v : -1;
}

bool KnownEmotion(std::string_view name) {
  text::Emotion unused;
  return text::ParseEmotion(name, unused);
}

// One block as read: its lines by key, with line numbers for messages.
struct Field {
  std::string key;
  std::string value;
  int line = 0;
};

class BlockParser {
 public:
  BlockParser(const std::string& path, const std::set<std::string, std::less<>>& themes)
      : path_(path), themes_(themes) {}

  Status Finish(const std::vector<Field>& fields, int first_line, Exercise& out) const {
    std::set<std::string, std::less<>> seen;
    Exercise e;
    e.line = first_line;
    for (const Field& f : fields) {
      if (OneOf(f.key, kSingleKeys)) {
        if (!seen.insert(f.key).second) return Error(f.line, "duplicate key '" + f.key + "'");
      } else if (f.key != "step" && f.key != "caution") {
        return Error(f.line, "unknown key '" + f.key + "'");
      }
      if (f.value.empty()) return Error(f.line, "empty value for '" + f.key + "'");
      RETURN_IF_ERROR(Apply(f, e));
    }
    for (std::string_view key : kRequiredKeys) {
      if (!seen.contains(key)) {
        return Error(first_line, "exercise '" + e.id + "' has no '" + std::string(key) + "'");
      }
    }
    if (e.steps.empty()) return Error(first_line, "exercise '" + e.id + "' has no steps");
    const bool breathing = e.kind == "breathing";
    const bool inhale = seen.contains("inhale"), exhale = seen.contains("exhale");
    if (breathing ? !(inhale && exhale) : (inhale || exhale)) {
      return Error(first_line, "exercise '" + e.id +
                                   "': inhale and exhale are required for kind breathing and "
                                   "only allowed there");
    }
    out = std::move(e);
    return OkStatus();
  }

  Status Error(int line, const std::string& message) const {
    return text::DataLineError(path_, line, message);
  }

 private:
  Status Apply(const Field& f, Exercise& e) const {
    const std::string& v = f.value;
    if (f.key == "id") {
      if (!IsSnakeCase(v)) return Error(f.line, "id '" + v + "' is not snake_case");
      e.id = v;
    } else if (f.key == "title") {
      e.title = v;
    } else if (f.key == "summary") {
      e.summary = v;
    } else if (f.key == "kind") {
      if (!OneOf(v, kKinds)) return Error(f.line, "unknown kind '" + v + "'");
      e.kind = v;
    } else if (f.key == "minutes") {
      e.minutes = ParseInt(v, 1, 60);
      if (e.minutes < 0) return Error(f.line, "minutes must be a whole number from 1 to 60");
    } else if (f.key == "inhale" || f.key == "exhale") {
      const int seconds = ParseInt(v, 1, 20);
      if (seconds < 0) return Error(f.line, f.key + " must be a whole number of seconds, 1-20");
      (f.key == "inhale" ? e.inhale_seconds : e.exhale_seconds) = seconds;
    } else if (f.key == "sessions") {
      e.sessions = ParseInt(v, 1, 30);
      if (e.sessions < 0) return Error(f.line, "sessions must be a whole number from 1 to 30");
    } else if (f.key == "evidence") {
      e.evidence = v;
    } else if (f.key == "source") {
      e.source = v;
    } else if (f.key == "source_url") {
      if (!v.starts_with("http://") && !v.starts_with("https://")) {
        return Error(f.line, "source_url must start with http:// or https://");
      }
      e.source_url = v;
    } else if (f.key == "emotions") {
      e.emotions = SplitList(v);
      if (e.emotions.empty()) return Error(f.line, "no emotions listed");
      for (const std::string& name : e.emotions) {
        if (!KnownEmotion(name)) return Error(f.line, "unknown emotion '" + name + "'");
      }
    } else if (f.key == "themes") {
      e.themes = SplitList(v);
      for (const std::string& name : e.themes) {
        if (!themes_.contains(name)) return Error(f.line, "unknown theme '" + name + "'");
      }
    } else if (f.key == "times") {
      if (v == "any") return OkStatus();
      e.times = SplitList(v);
      for (const std::string& name : e.times) {
        if (!OneOf(name, kTimes)) return Error(f.line, "unknown time '" + name + "'");
      }
      if (e.times.empty()) return Error(f.line, "no times listed");
    } else if (f.key == "crisis") {
      if (v != "yes" && v != "no") return Error(f.line, "crisis must be yes or no");
      e.for_crisis = v == "yes";
    } else if (f.key == "step") {
      e.steps.push_back(v);
    } else if (f.key == "caution") {
      e.cautions.push_back(v);
    }
    return OkStatus();
  }

  const std::string& path_;
  const std::set<std::string, std::less<>>& themes_;
};

Result<std::string> ReadAll(const std::string& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(std::string(what) + " not found: " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

Result<std::unique_ptr<ExerciseLibrary>> ExerciseLibrary::Load(const std::string& data_root) {
  // Theme names: the second column of data/text/themes.txt, except `none`.
  std::vector<std::string> themes;
  const std::string themes_path = data_root + "/text/themes.txt";
  RETURN_IF_ERROR(text::ForEachDataLine(
      themes_path, "theme lexicon", [&](const std::string& line, int) -> Status {
        const size_t tab = line.find('\t');
        if (tab == std::string::npos) return OkStatus();
        const size_t end = line.find('\t', tab + 1);
        std::string name = line.substr(tab + 1, end == std::string::npos ? end : end - tab - 1);
        if (name != "none") themes.push_back(std::move(name));
        return OkStatus();
      }));
  const std::string path = data_root + "/coping/exercises.txt";
  ASSIGN_OR_RETURN(const std::string text, ReadAll(path, "coping exercises"));
  return Parse(text, path, themes);
}

Result<std::unique_ptr<ExerciseLibrary>> ExerciseLibrary::Parse(
    std::string_view text, const std::string& path, const std::vector<std::string>& themes) {
  const std::set<std::string, std::less<>> theme_set(themes.begin(), themes.end());
  const BlockParser parser(path, theme_set);
  std::unique_ptr<ExerciseLibrary> library(new ExerciseLibrary());
  std::set<std::string, std::less<>> ids;
  std::vector<Field> fields;
  int first_line = 0;

  auto flush = [&]() -> Status {
    if (fields.empty()) return OkStatus();
    Exercise e;
    RETURN_IF_ERROR(parser.Finish(fields, first_line, e));
    if (!ids.insert(e.id).second) {
      return parser.Error(first_line, "duplicate id '" + e.id + "'");
    }
    library->exercises_.push_back(std::move(e));
    fields.clear();
    return OkStatus();
  };

  int number = 0;
  while (!text.empty() || number == 0) {
    const size_t newline = text.find('\n');
    const std::string_view raw = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    ++number;
    const std::string_view line = Trim(raw);
    if (line.empty()) {
      RETURN_IF_ERROR(flush());
    } else if (line.front() != '#') {
      const size_t colon = line.find(':');
      if (colon == std::string_view::npos) {
        return parser.Error(number, "expected 'key: value'");
      }
      const std::string_view key = Trim(line.substr(0, colon));
      if (!IsSnakeCase(key)) return parser.Error(number, "expected 'key: value'");
      if (fields.empty()) first_line = number;
      fields.push_back({std::string(key), std::string(Trim(line.substr(colon + 1))), number});
    }
    if (text.empty()) break;
  }
  RETURN_IF_ERROR(flush());
  if (library->exercises_.empty()) return parser.Error(number, "no exercises in the file");
  return library;
}

const Exercise* ExerciseLibrary::Find(std::string_view id) const {
  for (const Exercise& e : exercises_) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

}  // namespace interlude::mirror
