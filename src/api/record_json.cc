// Splicing clear members into sealed JSON objects.
#include "api/record_json.h"

#include <algorithm>

namespace interlude::api {

std::string JsonString(std::string_view value) {
  return Json(std::string(value)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

void AppendJsonMember(std::string& out, std::string_view name, std::string_view value,
                      bool comma) {
  if (comma) out.push_back(',');
  out.push_back('"');
  out.append(name);
  out.append("\":");
  // Ids, kinds and times are plain ASCII; anything else goes through the JSON encoder.
  const bool plain = std::all_of(value.begin(), value.end(), [](char c) {
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
  });
  if (plain) {
    out.push_back('"');
    out.append(value);
    out.push_back('"');
  } else {
    out.append(JsonString(value));
  }
}

Status SpliceRecordJson(const store::SealedRecord& record, ClearMembersWriter clear,
                        std::string_view plain, std::string& out) {
  if (plain.size() < 2 || plain.front() != '{' || plain.back() != '}') {
    return DataLoss("stored content is not a JSON object");
  }
  out.push_back('{');
  const size_t before = out.size();
  clear(record, out);
  if (plain.size() > 2) {
    if (out.size() > before) out.push_back(',');  // a writer may add nothing
    out.append(plain.substr(1));
  } else {
    out.push_back('}');
  }
  return OkStatus();
}

Status AppendRecordJson(const ContentVault& vault, const crypto::SecretKey& key,
                        std::string_view table, const store::SealedRecord& record,
                        ClearMembersWriter clear, std::string& out) {
  ASSIGN_OR_RETURN(const std::string plain,
                   vault.Open(key, table, record.id, record.user_id, record.body));
  return SpliceRecordJson(record, clear, plain, out);
}

Result<Json> OpenRecordJson(const ContentVault& vault, const crypto::SecretKey& key,
                            std::string_view table, const store::SealedRecord& record,
                            ClearMembersWriter clear) {
  std::string text;
  RETURN_IF_ERROR(AppendRecordJson(vault, key, table, record, clear, text));
  Json parsed = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return DataLoss("stored item is not readable");
  return parsed;
}

std::string SealRecordJson(const ContentVault& vault, const crypto::SecretKey& key,
                           std::string_view table, ClearMembersWriter clear, const Json& content,
                           store::SealedRecord& record) {
  const std::string plain = content.dump();
  record.body = vault.Seal(key, table, record.id, record.user_id, plain);
  std::string out;
  (void)SpliceRecordJson(record, clear, plain, out);  // `plain` is an object
  return out;
}

}  // namespace interlude::api
