// Turns a sealed record into its API JSON without re-encoding the content: the opened
// plaintext is our own JSON object (authenticated by the AEAD tag), so the clear fields are
// spliced in front of its members. Lists of many items are the hot read path; this keeps
// them at one decryption and one copy per item.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "api/content_vault.h"
#include "api/json_body.h"
#include "store/records.h"

namespace interlude::api {

// Writes the members kept in clear ("\"id\":\"x\",\"at\":\"...\"", no braces) to `out`.
using ClearMembersWriter = void (*)(const store::SealedRecord& record, std::string& out);

// For records whose API form is their content alone (or that are only read internally).
inline void NoClearMembers(const store::SealedRecord&, std::string&) {}

// Appends `{<clear members>, <content members>}` to `out`. DataLoss when the record does
// not open or is not a JSON object.
Status AppendRecordJson(const ContentVault& vault, const crypto::SecretKey& key,
                        std::string_view table, const store::SealedRecord& record,
                        ClearMembersWriter clear, std::string& out);

// Appends `{<clear members>, <members of plain>}`; `plain` must be a serialised JSON object.
// DataLoss when it is not.
Status SpliceRecordJson(const store::SealedRecord& record, ClearMembersWriter clear,
                        std::string_view plain, std::string& out);

// Opens a record and parses its API form. DataLoss when it does not open or parse.
Result<Json> OpenRecordJson(const ContentVault& vault, const crypto::SecretKey& key,
                            std::string_view table, const store::SealedRecord& record,
                            ClearMembersWriter clear);

// Seals `content` into `record.body` (id, user id, kind and times must be set) and returns
// the record's API form, built from the plaintext rather than decrypted again.
std::string SealRecordJson(const ContentVault& vault, const crypto::SecretKey& key,
                           std::string_view table, ClearMembersWriter clear, const Json& content,
                           store::SealedRecord& record);

// Appends `"name":"value"` (with a leading comma when `comma`), escaping only when needed.
void AppendJsonMember(std::string& out, std::string_view name, std::string_view value,
                      bool comma = true);

// Serialises `value` as a JSON string literal, with quotes.
std::string JsonString(std::string_view value);

}  // namespace interlude::api
