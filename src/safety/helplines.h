// Crisis and support resources by country, read from data/helplines/<CC>.txt (ISO 3166-1
// alpha-2) with data/helplines/international.txt as the fallback for every other country.
// A clinic overrides a country by putting its own <CC>.txt (or international.txt) in its
// override folder (<data-dir>/helplines/): an override file replaces the built-in one whole.
//
// File format (one resource per line, TAB-separated, `#` comments):
//   <kind> TAB <name> TAB key=value TAB key=value ...
// kinds:  emergency (the emergency number: `phone=` only), crisis (suicide and emotional
//         crisis lines), text (crisis text lines), abuse (domestic abuse and violence),
//         helping_others (for someone worried about another person), directory (a
//         directory of lines elsewhere).
// keys:   phone, sms, sms_keyword (the word to text, e.g. HOME), url, hours, note.
// Every file must name an emergency number and at least one crisis or directory resource.
//
// Thread-safety: immutable after Load; lookups may run concurrently.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace interlude::safety {

enum class ResourceKind { kEmergency, kCrisis, kText, kAbuse, kHelpingOthers, kDirectory };
std::string_view ResourceKindName(ResourceKind kind);  // snake_case as in the files

struct Resource {
  ResourceKind kind = ResourceKind::kCrisis;
  std::string name;
  std::string phone, sms, sms_keyword, url, hours, note;  // empty when not given
};

struct CountryHelplines {
  std::string country;  // "US", ..., or "" for the international fallback
  std::vector<Resource> resources;  // in file order
  // The first resource of `kind`, or null.
  const Resource* First(ResourceKind kind) const;
};

class HelplineDirectory {
 public:
  // Loads every <CC>.txt and international.txt from `data_root`/helplines, then the files in
  // `override_dir` (may be empty or missing) over them. NotFound when international.txt is
  // missing; InvalidArgument naming file:line for an unknown kind or key, a file without an
  // emergency number or crisis/directory resource, or a file name that is not a country.
  static Result<std::unique_ptr<HelplineDirectory>> Load(const std::string& data_root,
                                                         const std::string& override_dir);

  // The resources for `country` ("" or unknown -> the international fallback).
  const CountryHelplines& For(std::string_view country) const;
  // Countries with their own file, sorted.
  std::vector<std::string> Countries() const;

 private:
  std::map<std::string, CountryHelplines, std::less<>> by_country_;
  CountryHelplines international_;
};

}  // namespace interlude::safety
