// Schema history. Never edit a shipped migration; add the next one.
#include "store/migrations.h"

#include <array>
#include <string>

namespace interlude::store {
namespace {

constexpr std::array<const char*, 5> kMigrations = {
    // 1: accounts, sessions, journal entries, mood check-ins, log-in throttling.
    R"sql(
CREATE TABLE clinics (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('client', 'clinician', 'admin')),
  handle TEXT NOT NULL UNIQUE,
  email_index TEXT UNIQUE,
  email_sealed BLOB,
  password_hash TEXT,
  recovery_hash TEXT,
  wrapped_key BLOB,
  country TEXT,
  clinic_id TEXT REFERENCES clinics(id),
  settings TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);
CREATE TABLE entries (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  sort_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  body BLOB NOT NULL
);
CREATE INDEX entries_by_user_time ON entries(user_id, sort_at DESC, id DESC);
CREATE TABLE checkins (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  sort_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  body BLOB NOT NULL
);
CREATE INDEX checkins_by_user_time ON checkins(user_id, sort_at DESC, id DESC);
CREATE TABLE login_failures (
  key TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures(key, at);
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql",
    // 2: safety — each item's tier in clear, safety plans, screenings, alerts, and the
    // client-clinician links that decide who may see an alert.
    R"sql(
ALTER TABLE entries ADD COLUMN risk_tier INTEGER NOT NULL DEFAULT 0;
ALTER TABLE checkins ADD COLUMN risk_tier INTEGER NOT NULL DEFAULT 0;
CREATE INDEX entries_risk ON entries(user_id, updated_at) WHERE risk_tier > 0;
CREATE INDEX checkins_risk ON checkins(user_id, updated_at) WHERE risk_tier > 0;
CREATE TABLE safety_plans (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  sort_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  body BLOB NOT NULL,
  risk_tier INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX safety_plans_by_user ON safety_plans(user_id, sort_at DESC, id DESC);
CREATE TABLE screenings (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  sort_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  body BLOB NOT NULL,
  risk_tier INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX screenings_by_user_time ON screenings(user_id, sort_at DESC, id DESC);
CREATE INDEX screenings_risk ON screenings(user_id, updated_at) WHERE risk_tier > 0;
CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  item_id TEXT NOT NULL,
  tier INTEGER NOT NULL,
  reasons TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  acknowledged_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  acknowledged_at INTEGER
);
CREATE INDEX alerts_by_user ON alerts(user_id, created_at DESC);
CREATE INDEX alerts_by_time ON alerts(created_at DESC);
CREATE TABLE invitations (
  code_hash TEXT PRIMARY KEY,
  clinician_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE TABLE links (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  clinician_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  share TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (client_id, clinician_id)
);
CREATE INDEX links_by_clinician ON links(clinician_id);
)sql",
    // 3: questionnaires (PHQ-9, GAD-7, WHO-5, PHQ-2, GAD-2), the same shape as screenings:
    // the instrument id is the kind; answers, scores, change and outcomes are sealed.
    R"sql(
CREATE TABLE assessments (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  sort_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  body BLOB NOT NULL,
  risk_tier INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX assessments_by_user_time ON assessments(user_id, sort_at DESC, id DESC);
CREATE INDEX assessments_risk ON assessments(user_id, updated_at) WHERE risk_tier > 0;
)sql",
    // 4: the mirror — companion conversations (messages and state sealed in one body; the
    // tier of the riskiest turn in clear like entries), coping-exercise answers,
    // behavioural-activation plans, and per-person reply history for variety.
    R"sql(
CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  sort_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  body BLOB NOT NULL,
  risk_tier INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX conversations_by_user_time ON conversations(user_id, sort_at DESC, id DESC);
CREATE INDEX conversations_risk ON conversations(user_id, updated_at) WHERE risk_tier > 0;
CREATE TABLE exercise_logs (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  sort_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  body BLOB NOT NULL,
  risk_tier INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX exercise_logs_by_user_time ON exercise_logs(user_id, sort_at DESC, id DESC);
CREATE TABLE activities (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  sort_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  body BLOB NOT NULL,
  risk_tier INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX activities_by_user_time ON activities(user_id, sort_at DESC, id DESC);
CREATE TABLE mirror_state (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  sort_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  body BLOB NOT NULL,
  risk_tier INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX mirror_state_by_user_time ON mirror_state(user_id, sort_at DESC, id DESC);
)sql",
    // 5: the clinician side — homework (sealed under the client's key like their items),
    // clinicians' second factor, recorded therapy sessions (times only), and the
    // append-only, hash-chained access log (ids and category names only; triggers refuse
    // any change or deletion, and the chain shows one made behind SQLite's back).
    R"sql(
CREATE TABLE assignments (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  sort_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  body BLOB NOT NULL,
  risk_tier INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX assignments_by_user_time ON assignments(user_id, sort_at DESC, id DESC);
CREATE TABLE two_factor (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  secret_sealed BLOB NOT NULL,
  last_step INTEGER NOT NULL DEFAULT 0,
  recovery_hashes TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE TABLE clinical_sessions (
  id TEXT PRIMARY KEY,
  clinician_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  client_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  starts_at INTEGER NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('manual', 'ics')),
  external_uid TEXT,
  created_at INTEGER NOT NULL,
  UNIQUE (clinician_id, client_id, external_uid)
);
CREATE INDEX clinical_sessions_by_pair ON clinical_sessions(clinician_id, client_id, starts_at);
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_id TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  category TEXT NOT NULL,
  action TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_by_subject ON audit_log(subject_id, seq DESC);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql",
};

Result<int> ReadVersion(Connection& conn) {
  ASSIGN_OR_RETURN(Statement stmt, conn.Prepare("PRAGMA user_version"));
  ASSIGN_OR_RETURN(const bool row, stmt.Step());
  if (!row) return Internal("PRAGMA user_version returned nothing");
  return static_cast<int>(stmt.Int(0));
}

}  // namespace

int LatestSchemaVersion() { return static_cast<int>(kMigrations.size()); }

Result<int> Migrate(Connection& conn) {
  ASSIGN_OR_RETURN(const int current, ReadVersion(conn));
  const int latest = LatestSchemaVersion();
  if (current > latest) {
    return FailedPrecondition("this database has schema version " + std::to_string(current) +
                              ", written by a newer Interlude; this build understands up to " +
                              std::to_string(latest) + ". Upgrade Interlude to open it.");
  }
  if (current == latest) return current;
  RETURN_IF_ERROR(conn.Exec("BEGIN IMMEDIATE"));
  // Another process may have migrated while we waited for the write lock.
  auto locked = ReadVersion(conn);
  if (!locked.ok()) {
    (void)conn.Exec("ROLLBACK");
    return locked.status();
  }
  for (int v = *locked; v < latest; ++v) {
    Status st = conn.Exec(kMigrations[static_cast<size_t>(v)]);
    if (st.ok()) {
      const std::string bump = "PRAGMA user_version = " + std::to_string(v + 1);
      st = conn.Exec(bump.c_str());
    }
    if (!st.ok()) {
      (void)conn.Exec("ROLLBACK");
      return Internal("migration " + std::to_string(v + 1) + " failed: " + st.message());
    }
  }
  RETURN_IF_ERROR(conn.Exec("COMMIT"));
  return latest;
}

}  // namespace interlude::store
