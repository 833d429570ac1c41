// Splicing clear members into sealed JSON objects.
#include "api/record_json.h"

namespace interlude::api {

std::string JsonString(std::string_view value) {
  return Json(std::string(value)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

Status SpliceRecordJson(std::string_view clear, std::string_view plain, std::string& out) {
  if (plain.size() < 2 || plain.front() != '{' || plain.back() != '}') {
    return DataLoss("stored content is not a JSON object");
  }
  out.push_back('{');
  out.append(clear);
  if (plain.size() > 2) {
    out.push_back(',');
    out.append(plain.substr(1));
  } else {
    out.push_back('}');
  }
  return OkStatus();
}

Status AppendRecordJson(const ContentVault& vault, const crypto::SecretKey& key,
                        std::string_view table, const store::SealedRecord& record,
                        std::string_view clear, std::string& out) {
  ASSIGN_OR_RETURN(const std::string plain,
                   vault.Open(key, table, record.id, record.user_id, record.body));
  return SpliceRecordJson(clear, plain, out);
}

}  // namespace interlude::api
