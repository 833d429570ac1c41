// The rows the store keeps. Content fields are sealed (encrypted) before they reach the
// store; only ids, owner, kind and timestamps are in clear, for indexing.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"

namespace interlude::store {

enum class Role { kClient, kClinician, kAdmin };

std::string_view RoleName(Role role);
// Returns false for anything but "client", "clinician" or "admin".
bool ParseRole(std::string_view text, Role& out);

struct UserRecord {
  std::string id;
  Role role = Role::kClient;
  std::string handle;         // unique; every account has one, e-mail accounts too
  std::string email_index;    // keyed hash of the normalised e-mail; empty when none
  std::string email_sealed;   // the e-mail sealed under the user's data key; empty when none
  std::string password_hash;  // Argon2id; empty for anonymous accounts
  std::string recovery_hash;  // Argon2id of the canonical recovery code; empty when none
  std::string wrapped_key;    // data key wrapped by the master key; empty once shredded
  std::string country;        // ISO 3166-1 alpha-2, or empty
  std::string clinic_id;      // clinicians and admins; empty for clients
  std::string settings_json = "{}";  // preferences, never content
  UnixMillis created_at = 0;
  bool disabled = false;
};

struct SessionRecord {
  std::string token_hash;  // BLAKE2b of the token; the token itself is never stored
  std::string user_id;
  UnixMillis created_at = 0;
  UnixMillis last_seen_at = 0;
  UnixMillis expires_at = 0;  // absolute end of life
};

struct ClinicRecord {
  std::string id;
  std::string name;
  UnixMillis created_at = 0;
};

// A user-owned item whose content is one sealed body (entries, check-ins, and later kinds).
enum class Collection { kEntries, kCheckins };
std::string_view CollectionTable(Collection c);

struct SealedRecord {
  std::string id;
  std::string user_id;
  std::string kind;
  UnixMillis sort_at = 0;  // entries: creation time; check-ins: when the mood was felt
  UnixMillis created_at = 0;
  UnixMillis updated_at = 0;
  std::string body;  // sealed; associated data binds table, id and user id
};

// Position in a newest-first listing: items strictly older than (sort_at, id).
struct Cursor {
  UnixMillis sort_at = 0;
  std::string id;
};

struct ListQuery {
  UnixMillis from = std::numeric_limits<UnixMillis>::min();  // inclusive
  UnixMillis to = std::numeric_limits<UnixMillis>::max();    // exclusive
  std::optional<Cursor> before;
  int limit = 100;  // <= 0: no limit (exports)
};

}  // namespace interlude::store
