// Mood check-ins: validation of the request body and the sealed form.
//
// The sealed body is {valence, energy, emotions, tags, sleep_hours, note, tz_offset_min};
// `at` (when the mood was felt) is the clear sort time.
//
// Thread-safety: pure functions.
#pragma once

#include "api/content_vault.h"
#include "api/json_body.h"
#include "base/clock.h"
#include "store/records.h"

namespace interlude::api {

inline constexpr size_t kMaxNoteChars = 2000;

struct CheckinInput {
  UnixMillis at = 0;
  Json content;
};

// Validates a check-in body; `now` bounds `at` (not more than 5 minutes ahead).
Result<CheckinInput> ParseCheckinInput(const Json& body, UnixMillis now);

// Appends the API form of a stored check-in to `out` (the fast path for lists).
Status AppendCheckinJson(const ContentVault& vault, const crypto::SecretKey& key,
                         const store::SealedRecord& record, std::string& out);

// The API form {id, at, created_at, valence, energy, ...} of a stored check-in.
Result<Json> OpenCheckin(const ContentVault& vault, const crypto::SecretKey& key,
                         const store::SealedRecord& record);

// Seals `content` into `record.body` and returns the record's API form (see SealEntry).
std::string SealCheckin(const ContentVault& vault, const crypto::SecretKey& key,
                        const Json& content, store::SealedRecord& record);

}  // namespace interlude::api
