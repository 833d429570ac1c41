// Loading and looking up crisis resources (helplines.h).
#include "safety/helplines.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <set>
#include <system_error>
#include <utility>

#include "base/ascii.h"
#include "text/data_file.h"

namespace interlude::safety {
namespace {

namespace fs = std::filesystem;

constexpr std::array<ResourceKind, 6> kKinds = {
    ResourceKind::kEmergency, ResourceKind::kCrisis,        ResourceKind::kText,
    ResourceKind::kAbuse,     ResourceKind::kHelpingOthers, ResourceKind::kDirectory,
};

constexpr std::string_view kInternationalFile = "international.txt";

bool ParseKind(std::string_view name, ResourceKind& out) {
  for (ResourceKind k : kKinds) {
    if (ResourceKindName(k) == name) {
      out = k;
      return true;
    }
  }
  return false;
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    out.push_back(TrimAscii(line.substr(start, tab == std::string_view::npos ? tab : tab - start)));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return out;
}

// The field of `r` that `key` names, or null for an unknown key.
std::string* Field(Resource& r, std::string_view key) {
  if (key == "phone") return &r.phone;
  if (key == "sms") return &r.sms;
  if (key == "sms_keyword") return &r.sms_keyword;
  if (key == "url") return &r.url;
  if (key == "hours") return &r.hours;
  if (key == "note") return &r.note;
  return nullptr;
}

// The country a file name stands for: "US.txt" -> "US", "international.txt" -> "".
// False for anything else.
bool CountryOfFile(const std::string& file_name, std::string& country) {
  if (file_name == kInternationalFile) {
    country.clear();
    return true;
  }
  if (file_name.size() != 6 || file_name.substr(2) != ".txt") return false;
  for (size_t i = 0; i < 2; ++i) {
    if (file_name[i] < 'A' || file_name[i] > 'Z') return false;
  }
  country = file_name.substr(0, 2);
  return true;
}

Status ParseLine(const std::string& path, int number, const std::string& line, bool international,
                 Resource& r) {
  const std::vector<std::string_view> fields = SplitTabs(line);
  if (fields.size() < 3) {
    return text::DataLineError(path, number, "expected `kind<TAB>name<TAB>key=value...`");
  }
  if (!ParseKind(fields[0], r.kind)) {
    return text::DataLineError(path, number, "unknown kind `" + std::string(fields[0]) + "`");
  }
  if (fields[1].empty()) return text::DataLineError(path, number, "empty name");
  r.name = std::string(fields[1]);
  for (size_t i = 2; i < fields.size(); ++i) {
    const size_t eq = fields[i].find('=');
    const std::string key(fields[i].substr(0, eq));
    std::string* field = eq == std::string_view::npos ? nullptr : Field(r, key);
    if (field == nullptr) {
      return text::DataLineError(path, number, "unknown key in `" + std::string(fields[i]) + "`");
    }
    const std::string_view value = TrimAscii(fields[i].substr(eq + 1));
    if (value.empty()) return text::DataLineError(path, number, "empty value for " + key);
    if (!field->empty()) return text::DataLineError(path, number, "duplicate key " + key);
    *field = std::string(value);
  }
  if (r.kind == ResourceKind::kEmergency) {
    if (!r.sms.empty() || !r.sms_keyword.empty() || !r.url.empty() || !r.hours.empty()) {
      return text::DataLineError(path, number, "an emergency line takes phone= (and note=) only");
    }
    // Only the international fallback may describe its emergency number in words.
    if (r.phone.empty() && !(international && !r.note.empty())) {
      return text::DataLineError(path, number, "an emergency line needs phone=");
    }
    return OkStatus();
  }
  if (r.phone.empty() && r.sms.empty() && r.url.empty()) {
    return text::DataLineError(path, number, "a resource needs phone=, sms= or url=");
  }
  if (!r.sms_keyword.empty() && r.sms.empty()) {
    return text::DataLineError(path, number, "sms_keyword= needs sms=");
  }
  return OkStatus();
}

Result<CountryHelplines> LoadFile(const std::string& path, const std::string& country) {
  CountryHelplines out;
  out.country = country;
  RETURN_IF_ERROR(text::ForEachDataLine(
      path, "helpline file", [&](const std::string& line, int number) -> Status {
        Resource r;
        RETURN_IF_ERROR(ParseLine(path, number, line, country.empty(), r));
        out.resources.push_back(std::move(r));
        return OkStatus();
      }));
  if (out.First(ResourceKind::kEmergency) == nullptr) {
    return InvalidArgument(path + ":0: no emergency number");
  }
  if (out.First(ResourceKind::kCrisis) == nullptr &&
      out.First(ResourceKind::kDirectory) == nullptr) {
    return InvalidArgument(path + ":0: no crisis or directory resource");
  }
  return out;
}

// Loads every .txt file of `dir` into `files` (replacing what is there). A missing `dir` is
// no error when `optional`; other files (README, ...) are ignored.
Status LoadFolder(const std::string& dir, bool optional,
                  std::map<std::string, CountryHelplines, std::less<>>& files) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    if (optional) return OkStatus();
    return NotFound("helpline folder not found: " + dir);
  }
  std::vector<fs::path> paths;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".txt") paths.push_back(it->path());
  }
  if (ec) return NotFound("helpline folder cannot be read: " + dir);
  std::sort(paths.begin(), paths.end());
  for (const fs::path& p : paths) {
    std::string country;
    if (!CountryOfFile(p.filename().string(), country)) {
      return InvalidArgument(p.string() +
                             ":0: file name is not a country (expected CC.txt, ISO 3166-1 "
                             "alpha-2 in capitals, or international.txt)");
    }
    ASSIGN_OR_RETURN(CountryHelplines loaded, LoadFile(p.string(), country));
    files[country] = std::move(loaded);
  }
  return OkStatus();
}

}  // namespace

std::string_view ResourceKindName(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::kEmergency: return "emergency";
    case ResourceKind::kCrisis: return "crisis";
    case ResourceKind::kText: return "text";
    case ResourceKind::kAbuse: return "abuse";
    case ResourceKind::kHelpingOthers: return "helping_others";
    case ResourceKind::kDirectory: return "directory";
  }
  return "crisis";
}

const Resource* CountryHelplines::First(ResourceKind kind) const {
  for (const Resource& r : resources) {
    if (r.kind == kind) return &r;
  }
  return nullptr;
}

Result<std::unique_ptr<HelplineDirectory>> HelplineDirectory::Load(
    const std::string& data_root, const std::string& override_dir) {
  std::map<std::string, CountryHelplines, std::less<>> files;
  RETURN_IF_ERROR(LoadFolder(data_root + "/helplines", false, files));
  if (!override_dir.empty()) RETURN_IF_ERROR(LoadFolder(override_dir, true, files));
  if (files.find("") == files.end()) {
    return NotFound("helpline fallback not found: " + data_root + "/helplines/" +
                    std::string(kInternationalFile));
  }
  auto dir = std::unique_ptr<HelplineDirectory>(new HelplineDirectory());
  const auto fallback = files.find("");
  dir->international_ = std::move(fallback->second);
  files.erase(fallback);
  dir->by_country_ = std::move(files);
  return dir;
}

const CountryHelplines& HelplineDirectory::For(std::string_view country) const {
  if (country.size() == 2) {
    std::string upper(country);
    for (char& c : upper) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    const auto it = by_country_.find(upper);
    if (it != by_country_.end()) return it->second;
  }
  return international_;
}

std::vector<std::string> HelplineDirectory::Countries() const {
  std::vector<std::string> out;
  for (const auto& [country, lines] : by_country_) out.push_back(country);
  return out;
}

}  // namespace interlude::safety
