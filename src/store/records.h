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
#include <vector>

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
// Safety plans and mirror state hold one record per user (its id is the user's id).
enum class Collection {
  kEntries,
  kCheckins,
  kSafetyPlans,
  kScreenings,
  kAssessments,
  kConversations,  // companion chats: messages and the companion's state, one body each
  kExerciseLogs,   // "did this help?" answers to coping exercises (kind = exercise id)
  kActivities,     // behavioural-activation plans (sort_at = when it is planned for)
  kMirrorState,    // per person: template ids of recent replies (for variety)
  kAssignments,    // homework a linked clinician set (kind: exercise|questionnaire|prompt|custom;
                   // sort_at = due), sealed under the client's key like their own items
};
std::string_view CollectionTable(Collection c);
bool ParseCollectionTable(std::string_view table, Collection& out);

struct SealedRecord {
  std::string id;
  std::string user_id;
  std::string kind;
  UnixMillis sort_at = 0;  // entries: creation time; check-ins: when the mood was felt
  UnixMillis created_at = 0;
  UnixMillis updated_at = 0;
  std::string body;  // sealed; associated data binds table, id and user id
  // The safety tier the item was given (0 none .. 3 high), in clear so that recent history
  // and alerts work without opening anyone's content; it says nothing of the words.
  int risk_tier = 0;
};

// A safety alert for a linked clinician: which item (by reference, never its text), the
// tier, and the reason codes. Visible to clinicians linked to the person with consent.
struct AlertRecord {
  std::string id;
  std::string user_id;
  Collection source = Collection::kEntries;
  std::string item_id;
  int tier = 0;
  std::string reasons;  // comma-separated reason codes, e.g. "SAFE-001:preparatory"
  UnixMillis created_at = 0;
  std::string acknowledged_by;  // user id of the clinician; empty while open
  UnixMillis acknowledged_at = 0;
};

// A clinician's invitation to link: only the hash of the code is kept.
struct InvitationRecord {
  std::string code_hash;
  std::string clinician_id;
  UnixMillis created_at = 0;
  UnixMillis expires_at = 0;
};

// A client's link to a clinician, with what the client chose to share (a JSON object of
// booleans). Revoking deletes the row: effective at once.
struct LinkRecord {
  std::string id;
  std::string client_id;
  std::string clinician_id;
  std::string share_json = "{}";
  UnixMillis created_at = 0;
  UnixMillis updated_at = 0;
};

// A clinician's second factor (RFC 6238 TOTP): the secret sealed under the clinician's
// data key, the last time step accepted (a code is never accepted twice), and the keyed
// hashes of the unused one-time recovery codes.
struct TwoFactorRecord {
  std::string user_id;
  std::string secret_sealed;
  std::int64_t last_step = 0;
  std::vector<std::string> recovery_hashes;
  UnixMillis created_at = 0;
};

// One line of the append-only access log: who read which category of whose data, when.
// `hash` chains the line to the one before (keyed; see api/client_access.h), so an edit or a
// deletion anywhere breaks the chain from that line on. Ids and category names only.
struct AuditRecord {
  std::int64_t seq = 0;      // 1, 2, 3, ... with no gaps
  UnixMillis at = 0;
  std::string actor_id;      // the clinician (or other reader)
  std::string subject_id;    // the person whose data was read
  std::string category;      // e.g. "checkins", "entries", "brief"
  std::string action;        // "read", or a change such as "assign"
  std::string prev_hash;     // hex; "" for the first line
  std::string hash;          // hex
};

// A therapy session a clinician recorded (by hand or from an iCalendar file): a time, never
// notes. Briefs and note drafts are computed for it on request.
struct ClinicalSessionRecord {
  std::string id;
  std::string clinician_id;
  std::string client_id;
  UnixMillis starts_at = 0;
  std::string source = "manual";  // "manual" or "ics"
  std::string external_uid;       // the iCalendar UID, so a re-import does not duplicate
  UnixMillis created_at = 0;
};

// One earlier item of a person that carried a safety tier above none.
struct RiskMark {
  Collection source = Collection::kEntries;
  std::string item_id;
  UnixMillis at = 0;  // when its words were last written (updated_at)
  int tier = 0;
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
