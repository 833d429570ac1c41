// Journal entries: validation of the request body per kind, and the sealed form.
//
// The sealed body is the JSON {title, text, fields, shared} (with the engine's `analysis`
// and the safety layer's `safety` once written); kind and times stay in clear. `shared`
// (default false) says whether a linked clinician who is shared `entries` may read it;
// entries written before it existed have none, and read as not shared.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "api/content_vault.h"
#include "api/json_body.h"
#include "store/records.h"

namespace interlude::api {

inline constexpr size_t kMaxEntryTextChars = 20000;
inline constexpr size_t kMaxEntryTitleChars = 200;
inline constexpr size_t kMaxEntryFieldChars = 2000;

struct EntryInput {
  std::string kind;
  Json content;  // {title, text, fields}
};

// Validates {text, title?, kind?, fields?, shared?}. InvalidArgument names the field at
// fault ("fields.mood_before" for a nested one).
Result<EntryInput> ParseEntryInput(const Json& body);

// Appends the API form of a stored entry to `out` (the fast path for lists).
Status AppendEntryJson(const ContentVault& vault, const crypto::SecretKey& key,
                       const store::SealedRecord& record, std::string& out);

// Appends the API form of a stored entry to `out` when it is marked shared. Returns whether
// it did. DataLoss when the entry does not open.
Result<bool> AppendEntryJsonIfShared(const ContentVault& vault, const crypto::SecretKey& key,
                                     const store::SealedRecord& record, std::string& out);

// The API form {id, kind, title, text, fields, shared, created_at, updated_at, ...} of a
// stored entry.
Result<Json> OpenEntry(const ContentVault& vault, const crypto::SecretKey& key,
                       const store::SealedRecord& record);

// The sealed content alone ({title, text, fields, shared, analysis?, safety?}), to change
// and seal again. DataLoss when it does not open.
Result<Json> OpenEntryContent(const ContentVault& vault, const crypto::SecretKey& key,
                              const store::SealedRecord& record);

// Seals `content` into `record.body` (record id, user id, kind and times must be set) and
// returns the record's API form, built from the plaintext rather than decrypted again.
std::string SealEntry(const ContentVault& vault, const crypto::SecretKey& key,
                      const Json& content, store::SealedRecord& record);

}  // namespace interlude::api
