// Entry kinds and their structured fields.
#include "api/entry_content.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include "api/record_json.h"
#include "base/ascii.h"
#include "base/time_format.h"

namespace interlude::api {
namespace {

constexpr char kTable[] = "entries";

constexpr std::array<const char*, 5> kKinds = {"free", "gratitude", "thought_record",
                                               "session_prep", "after_session"};

// True unless empty or only spaces.
bool HasText(const std::string& s) { return !TrimAscii(s).empty(); }

// Reads a kind's text fields into `out`; returns whether any was non-empty.
Result<bool> ReadTextFields(ObjectReader& reader, std::initializer_list<const char*> names,
                            Json& out) {
  bool any = false;
  for (const char* name : names) {
    ASSIGN_OR_RETURN(const auto value, reader.OptionalString(name, kMaxEntryFieldChars));
    if (value) {
      any |= HasText(*value);
      out[name] = *value;
    }
  }
  return any;
}

// Validates the `fields` object of `kind`; returns whether it holds any text.
Result<bool> ReadFields(const std::string& kind, const Json* fields, Json& out) {
  out = Json::object();
  if (fields == nullptr) return false;
  ObjectReader reader(*fields, "fields.");
  bool any = false;
  if (kind == "gratitude") {
    ASSIGN_OR_RETURN(const auto items, reader.OptionalStringArray("items", 5, kMaxEntryFieldChars));
    if (!items.empty()) out["items"] = items;
    any = std::any_of(items.begin(), items.end(), HasText);
  } else if (kind == "thought_record") {
    ASSIGN_OR_RETURN(any, ReadTextFields(reader, {"situation", "automatic_thought", "evidence_for",
                                                  "evidence_against", "balanced_thought"},
                                         out));
    for (const char* mood : {"mood_before", "mood_after"}) {
      ASSIGN_OR_RETURN(const auto v, reader.OptionalInt(mood, 0, 100));
      if (v) out[mood] = *v;
    }
  } else if (kind == "session_prep") {
    ASSIGN_OR_RETURN(any, ReadTextFields(reader, {"want_to_discuss", "since_last_session", "questions"}, out));
  } else if (kind == "after_session") {
    ASSIGN_OR_RETURN(any, ReadTextFields(reader, {"takeaways", "homework", "feelings"}, out));
  }
  RETURN_IF_ERROR(reader.Finish());  // "free" takes no fields: any is unknown
  return any;
}

// The members kept in clear (see SpliceRecordJson).
void ClearMembers(const store::SealedRecord& r, std::string& out) {
  AppendJsonMember(out, "id", r.id, /*comma=*/false);
  AppendJsonMember(out, "kind", r.kind);
  AppendJsonMember(out, "created_at", FormatIso8601(r.created_at));
  AppendJsonMember(out, "updated_at", FormatIso8601(r.updated_at));
}

// The top-level `shared` member of a sealed entry's plaintext, or nullopt when it has none
// (entries written before sharing existed). The plaintext is our own compact JSON
// (nlohmann's dump): a quote inside a string is escaped, so the bytes "shared": can only be
// a key, and no other object in an entry (fields, analysis, safety) has that key.
std::optional<bool> SharedMember(std::string_view plain) {
  constexpr std::string_view kKey = "\"shared\":";
  const size_t at = plain.find(kKey);
  if (at == std::string_view::npos) return std::nullopt;
  return plain.substr(at + kKey.size(), 4) == "true";
}

// Adds "shared":false to an entry's plaintext object that has no `shared`.
void AddSharedFalse(std::string& plain) {
  if (plain.size() < 2 || plain.back() != '}') return;  // SpliceRecordJson reports it
  plain.insert(plain.size() - 1, plain.size() > 2 ? ",\"shared\":false" : "\"shared\":false");
}

}  // namespace

Result<EntryInput> ParseEntryInput(const Json& body) {
  ObjectReader reader(body);
  ASSIGN_OR_RETURN(const auto kind, reader.OptionalString("kind", 40));
  ASSIGN_OR_RETURN(const auto text, reader.OptionalString("text", kMaxEntryTextChars));
  ASSIGN_OR_RETURN(const auto title, reader.OptionalString("title", kMaxEntryTitleChars));
  ASSIGN_OR_RETURN(const Json* fields, reader.OptionalObject("fields"));
  ASSIGN_OR_RETURN(const auto shared, reader.OptionalBool("shared"));
  RETURN_IF_ERROR(reader.Finish());

  EntryInput input;
  input.kind = kind.value_or("free");
  if (std::find(kKinds.begin(), kKinds.end(), input.kind) == kKinds.end()) {
    return InvalidArgument("kind must be one of free, gratitude, thought_record, session_prep, "
                           "after_session",
                           "kind");
  }
  Json fields_out;
  ASSIGN_OR_RETURN(const bool has_field_text, ReadFields(input.kind, fields, fields_out));
  const bool has_text = text && HasText(*text);
  if (!has_text && !has_field_text) {
    return InvalidArgument(input.kind == "free" ? "text is required"
                                                : "write something in the text or a field",
                           "text");
  }
  input.content = Json{{"title", title ? Json(*title) : Json(nullptr)},
                       {"text", text.value_or("")},
                       {"fields", std::move(fields_out)},
                       {"shared", shared.value_or(false)}};
  return input;
}

Status AppendEntryJson(const ContentVault& vault, const crypto::SecretKey& key,
                       const store::SealedRecord& record, std::string& out) {
  ASSIGN_OR_RETURN(std::string plain, vault.Open(key, kTable, record.id, record.user_id, record.body));
  if (!SharedMember(plain)) AddSharedFalse(plain);
  return SpliceRecordJson(record, ClearMembers, plain, out);
}

Result<bool> AppendEntryJsonIfShared(const ContentVault& vault, const crypto::SecretKey& key,
                                     const store::SealedRecord& record, std::string& out) {
  ASSIGN_OR_RETURN(const std::string plain,
                   vault.Open(key, kTable, record.id, record.user_id, record.body));
  if (SharedMember(plain) != true) return false;
  RETURN_IF_ERROR(SpliceRecordJson(record, ClearMembers, plain, out));
  return true;
}

Result<Json> OpenEntry(const ContentVault& vault, const crypto::SecretKey& key,
                       const store::SealedRecord& record) {
  ASSIGN_OR_RETURN(Json entry, OpenRecordJson(vault, key, kTable, record, ClearMembers));
  if (!entry.contains("shared")) entry["shared"] = false;
  return entry;
}

Result<Json> OpenEntryContent(const ContentVault& vault, const crypto::SecretKey& key,
                              const store::SealedRecord& record) {
  ASSIGN_OR_RETURN(Json content, OpenRecordJson(vault, key, kTable, record, NoClearMembers));
  if (!content.contains("shared")) content["shared"] = false;
  return content;
}

std::string SealEntry(const ContentVault& vault, const crypto::SecretKey& key,
                      const Json& content, store::SealedRecord& record) {
  return SealRecordJson(vault, key, kTable, ClearMembers, content, record);
}

}  // namespace interlude::api
