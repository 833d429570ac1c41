// Check-in validation: the circumplex scales, the emotion vocabulary, tags and note.
#include "api/checkin_content.h"

#include <algorithm>

#include "api/record_json.h"
#include "api/vocabulary.h"
#include "base/ascii.h"
#include "base/time_format.h"

namespace interlude::api {
namespace {

constexpr UnixMillis kAllowedFutureSkew = 5 * 60 * 1000;
constexpr UnixMillis kEarliest = 946684800000;  // 2000-01-01T00:00:00Z

// Trims ASCII space and lower-cases ASCII letters (other scripts are kept as written).
std::string NormalizeTag(const std::string& raw) { return AsciiLower(TrimAscii(raw)); }

// The members kept in clear (see SpliceRecordJson).
void ClearMembers(const store::SealedRecord& r, std::string& out) {
  AppendJsonMember(out, "id", r.id, /*comma=*/false);
  AppendJsonMember(out, "at", FormatIso8601(r.sort_at));
  AppendJsonMember(out, "created_at", FormatIso8601(r.created_at));
}

void Dedupe(std::vector<std::string>& items) {
  std::vector<std::string> seen;
  for (auto& item : items) {
    if (std::find(seen.begin(), seen.end(), item) == seen.end()) seen.push_back(std::move(item));
  }
  items = std::move(seen);
}

}  // namespace

Result<CheckinInput> ParseCheckinInput(const Json& body, UnixMillis now) {
  ObjectReader reader(body);
  ASSIGN_OR_RETURN(const std::int64_t valence, reader.RequiredInt("valence", 1, 7));
  ASSIGN_OR_RETURN(const std::int64_t energy, reader.RequiredInt("energy", 1, 5));
  ASSIGN_OR_RETURN(auto emotions, reader.OptionalStringArray("emotions", 10, 40));
  ASSIGN_OR_RETURN(auto tags, reader.OptionalStringArray("tags", 20, 40));
  ASSIGN_OR_RETURN(const auto sleep_hours, reader.OptionalNumber("sleep_hours", 0, 24));
  ASSIGN_OR_RETURN(const auto note, reader.OptionalString("note", kMaxNoteChars));
  ASSIGN_OR_RETURN(const auto at_text, reader.OptionalString("at", 64));
  ASSIGN_OR_RETURN(const auto tz, reader.OptionalInt("tz_offset_min", -840, 840));
  RETURN_IF_ERROR(reader.Finish());

  for (const std::string& e : emotions) {
    if (!IsKnownEmotion(e)) {
      return InvalidArgument("\"" + e + "\" is not one of the feeling words on offer", "emotions");
    }
  }
  Dedupe(emotions);
  for (std::string& t : tags) {
    t = NormalizeTag(t);
    if (t.empty()) return InvalidArgument("tags must not be empty", "tags");
  }
  Dedupe(tags);

  CheckinInput input;
  input.at = now;
  if (at_text) {
    auto parsed = ParseIso8601(*at_text);
    if (!parsed.ok()) return InvalidArgument(parsed.status().message(), "at");
    if (*parsed > now + kAllowedFutureSkew) {
      return InvalidArgument("at must not be in the future", "at");
    }
    if (*parsed < kEarliest) return InvalidArgument("at must not be before the year 2000", "at");
    input.at = *parsed;
  }
  input.content = Json{{"valence", valence},
                       {"energy", energy},
                       {"emotions", emotions},
                       {"tags", tags},
                       {"sleep_hours", sleep_hours ? Json(*sleep_hours) : Json(nullptr)},
                       {"note", note ? Json(*note) : Json(nullptr)},
                       {"tz_offset_min", tz.value_or(0)}};
  return input;
}

Status AppendCheckinJson(const ContentVault& vault, const crypto::SecretKey& key,
                         const store::SealedRecord& record, std::string& out) {
  return AppendRecordJson(vault, key, "checkins", record, ClearMembers, out);
}

Result<Json> OpenCheckin(const ContentVault& vault, const crypto::SecretKey& key,
                         const store::SealedRecord& record) {
  return OpenRecordJson(vault, key, "checkins", record, ClearMembers);
}

std::string SealCheckin(const ContentVault& vault, const crypto::SecretKey& key,
                        const Json& content, store::SealedRecord& record) {
  return SealRecordJson(vault, key, "checkins", ClearMembers, content, record);
}

}  // namespace interlude::api
