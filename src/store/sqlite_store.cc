// Repositories over SQLite. Each method is one read or one write (one savepoint inside a
// group commit); none holds a connection beyond its call.
#include "store/sqlite_store.h"

#include "store/sqlite_clinical.h"
#include "store/sqlite_safety.h"

#include <array>

namespace interlude::store {
namespace {

#define INTERLUDE_USER_COLUMNS                                                          \
  "id, role, handle, email_index, email_sealed, password_hash, recovery_hash, wrapped_key, " \
  "country, clinic_id, settings, created_at, disabled"

UserRecord ReadUser(const Statement& s, int first) {
  UserRecord u;
  u.id = s.Text(first);
  ParseRole(s.Text(first + 1), u.role);
  u.handle = s.Text(first + 2);
  u.email_index = s.Text(first + 3);
  u.email_sealed = s.Blob(first + 4);
  u.password_hash = s.Text(first + 5);
  u.recovery_hash = s.Text(first + 6);
  u.wrapped_key = s.Blob(first + 7);
  u.country = s.Text(first + 8);
  u.clinic_id = s.Text(first + 9);
  u.settings_json = s.Text(first + 10);
  u.created_at = s.Int(first + 11);
  u.disabled = s.Int(first + 12) != 0;
  return u;
}

// Runs a query expected to return at most one user.
Result<UserRecord> OneUser(SqliteDatabase& db, const char* sql, const std::string& key) {
  UserRecord user;
  bool found = false;
  RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
    ASSIGN_OR_RETURN(Statement s, c.Prepare(sql));
    s.Bind(1, key);
    ASSIGN_OR_RETURN(found, s.Step());
    if (found) user = ReadUser(s, 0);
    return OkStatus();
  }));
  if (!found) return NotFound("no such user");
  return user;
}

Status ExpectChanged(Connection& c, const char* what) {
  if (c.Changes() == 0) return NotFound(std::string("no such ") + what);
  return OkStatus();
}

class SqliteUsers final : public UserRepository {
 public:
  explicit SqliteUsers(SqliteDatabase& db) : db_(db) {}

  Status Create(const UserRecord& u) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s,
                       c.Prepare("INSERT INTO users (id, role, handle, email_index, email_sealed, "
                                 "password_hash, recovery_hash, wrapped_key, country, clinic_id, "
                                 "settings, created_at, disabled) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"));
      s.Bind(1, u.id).Bind(2, RoleName(u.role)).Bind(3, u.handle).BindOrNull(4, u.email_index);
      s.BindBlobOrNull(5, u.email_sealed).BindOrNull(6, u.password_hash);
      s.BindOrNull(7, u.recovery_hash).BindBlobOrNull(8, u.wrapped_key);
      s.BindOrNull(9, u.country).BindOrNull(10, u.clinic_id).Bind(11, u.settings_json);
      s.Bind(12, u.created_at).Bind(13, std::int64_t{u.disabled ? 1 : 0});
      Status st = s.Run();
      if (st.code() == StatusCode::kAlreadyExists && st.field() == "email_index") {
        return AlreadyExists("an account with that e-mail already exists", "email");
      }
      return st;
    });
  }

  Result<UserRecord> FindById(const std::string& id) override {
    return OneUser(db_, "SELECT " INTERLUDE_USER_COLUMNS " FROM users WHERE id = ?1",
                   id);
  }

  Result<UserRecord> FindByHandle(const std::string& handle) override {
    return OneUser(db_, "SELECT " INTERLUDE_USER_COLUMNS " FROM users WHERE handle = ?1",
                   handle);
  }

  Result<UserRecord> FindByEmailIndex(const std::string& email_index) override {
    return OneUser(db_, "SELECT " INTERLUDE_USER_COLUMNS " FROM users WHERE email_index = ?1",
                   email_index);
  }

  Result<std::vector<UserRecord>> List() override {
    std::vector<UserRecord> out;
    RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s,
                       c.Prepare("SELECT " INTERLUDE_USER_COLUMNS " FROM users ORDER BY created_at, id"));
      for (;;) {
        ASSIGN_OR_RETURN(const bool row, s.Step());
        if (!row) break;
        out.push_back(ReadUser(s, 0));
      }
      return OkStatus();
    }));
    return out;
  }

  Status SetCountry(const std::string& user_id, const std::string& country) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("UPDATE users SET country = ?2 WHERE id = ?1"));
      s.Bind(1, user_id).BindOrNull(2, country);
      RETURN_IF_ERROR(s.Run());
      return ExpectChanged(c, "user");
    });
  }

  Status SetSettings(const std::string& user_id, const std::string& settings_json) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("UPDATE users SET settings = ?2 WHERE id = ?1"));
      s.Bind(1, user_id).Bind(2, settings_json);
      RETURN_IF_ERROR(s.Run());
      return ExpectChanged(c, "user");
    });
  }

  Status SetDisabled(const std::string& user_id, bool disabled) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("UPDATE users SET disabled = ?2 WHERE id = ?1"));
      s.Bind(1, user_id).Bind(2, std::int64_t{disabled ? 1 : 0});
      RETURN_IF_ERROR(s.Run());
      return ExpectChanged(c, "user");
    });
  }

  Status SetRecoveryHash(const std::string& user_id, const std::string& recovery_hash) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("UPDATE users SET recovery_hash = ?2 WHERE id = ?1"));
      s.Bind(1, user_id).Bind(2, recovery_hash);
      RETURN_IF_ERROR(s.Run());
      return ExpectChanged(c, "user");
    });
  }

  Status SetPasswordEndingOtherSessions(const std::string& user_id,
                                        const std::string& password_hash,
                                        const std::string& keep_token_hash) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("UPDATE users SET password_hash = ?2 WHERE id = ?1"));
      s.Bind(1, user_id).Bind(2, password_hash);
      RETURN_IF_ERROR(s.Run());
      RETURN_IF_ERROR(ExpectChanged(c, "user"));
      ASSIGN_OR_RETURN(Statement d, c.Prepare("DELETE FROM sessions WHERE user_id = ?1 "
                                              "AND token_hash != ?2"));
      d.Bind(1, user_id).Bind(2, keep_token_hash);
      return d.Run();
    });
  }

  Status ShredDataKey(const std::string& user_id) override {
    return db_.WriteThenCheckpoint([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("UPDATE users SET wrapped_key = NULL, "
                                              "email_sealed = NULL WHERE id = ?1"));
      s.Bind(1, user_id);
      RETURN_IF_ERROR(s.Run());
      return ExpectChanged(c, "user");
    });
  }

  Status Delete(const std::string& user_id) override {
    return db_.Write([&](Connection& c) -> Status {
      // Owned rows go by ON DELETE CASCADE.
      ASSIGN_OR_RETURN(Statement s, c.Prepare("DELETE FROM users WHERE id = ?1"));
      s.Bind(1, user_id);
      RETURN_IF_ERROR(s.Run());
      return ExpectChanged(c, "user");
    });
  }

  Result<int> DeleteShredded() override {
    int deleted = 0;
    RETURN_IF_ERROR(db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("DELETE FROM users WHERE wrapped_key IS NULL"));
      RETURN_IF_ERROR(s.Run());
      deleted = static_cast<int>(c.Changes());
      return OkStatus();
    }));
    return deleted;
  }

 private:
  SqliteDatabase& db_;
};

class SqliteSessions final : public SessionRepository {
 public:
  explicit SqliteSessions(SqliteDatabase& db) : db_(db) {}

  Status Create(const SessionRecord& r) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s,
                       c.Prepare("INSERT INTO sessions (token_hash, user_id, created_at, "
                                 "last_seen_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)"));
      s.Bind(1, r.token_hash).Bind(2, r.user_id).Bind(3, r.created_at);
      s.Bind(4, r.last_seen_at).Bind(5, r.expires_at);
      return s.Run();
    });
  }

  Result<SessionWithUser> Find(const std::string& token_hash) override {
    SessionWithUser out;
    bool found = false;
    RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(
          Statement s,
          c.Prepare("SELECT s.token_hash, s.user_id, s.created_at, s.last_seen_at, "
                    "s.expires_at, u.id, u.role, u.handle, u.email_index, u.email_sealed, "
                    "u.password_hash, u.recovery_hash, u.wrapped_key, u.country, u.clinic_id, "
                    "u.settings, u.created_at, u.disabled "
                    "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1"));
      s.Bind(1, token_hash);
      ASSIGN_OR_RETURN(found, s.Step());
      if (found) {
        out.session = {s.Text(0), s.Text(1), s.Int(2), s.Int(3), s.Int(4)};
        out.user = ReadUser(s, 5);
      }
      return OkStatus();
    }));
    if (!found) return NotFound("no such session");
    return out;
  }

  Status Touch(const std::string& token_hash, UnixMillis last_seen_at) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("UPDATE sessions SET last_seen_at = ?2 "
                                              "WHERE token_hash = ?1"));
      s.Bind(1, token_hash).Bind(2, last_seen_at);
      return s.Run();
    });
  }

  Status Delete(const std::string& token_hash) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("DELETE FROM sessions WHERE token_hash = ?1"));
      s.Bind(1, token_hash);
      return s.Run();
    });
  }

  Status DeleteForUser(const std::string& user_id, const std::string& keep) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("DELETE FROM sessions WHERE user_id = ?1 "
                                              "AND token_hash != ?2"));
      s.Bind(1, user_id).Bind(2, keep);
      return s.Run();
    });
  }

  Status DeleteExpired(UnixMillis idle_before, UnixMillis now) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("DELETE FROM sessions WHERE last_seen_at < ?1 "
                                              "OR expires_at <= ?2"));
      s.Bind(1, idle_before).Bind(2, now);
      return s.Run();
    });
  }

 private:
  SqliteDatabase& db_;
};

// One class serves every collection; the table name is chosen from a fixed set of
// statements, never spliced from input.
struct RecordSql {
  const char* insert;
  const char* get;
  const char* list;
  const char* list_before;
  const char* replace;
  const char* remove;
  const char* count;
  const char* upsert;
};

#define INTERLUDE_RECORD_COLUMNS "id, user_id, kind, sort_at, created_at, updated_at, body, risk_tier"
#define INTERLUDE_RECORD_SQL(table)                                                        \
  RecordSql {                                                                              \
    "INSERT INTO " table " (" INTERLUDE_RECORD_COLUMNS ") "                                \
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",                                             \
        "SELECT " INTERLUDE_RECORD_COLUMNS " FROM " table " WHERE user_id = ?1 AND id = ?2", \
        "SELECT " INTERLUDE_RECORD_COLUMNS " FROM " table                                  \
        " WHERE user_id = ?1 AND sort_at >= ?2 AND sort_at < ?3 "                          \
        "ORDER BY sort_at DESC, id DESC LIMIT ?4",                                         \
        "SELECT " INTERLUDE_RECORD_COLUMNS " FROM " table                                  \
        " WHERE user_id = ?1 AND sort_at >= ?2 AND sort_at < ?3 "                          \
        "AND (sort_at < ?5 OR (sort_at = ?5 AND id < ?6)) "                                \
        "ORDER BY sort_at DESC, id DESC LIMIT ?4",                                         \
        "UPDATE " table " SET kind = ?3, sort_at = ?4, updated_at = ?5, body = ?6, "       \
        "risk_tier = ?7 WHERE user_id = ?1 AND id = ?2",                                   \
        "DELETE FROM " table " WHERE user_id = ?1 AND id = ?2",                            \
        "SELECT COUNT(*) FROM " table " WHERE user_id = ?1",                               \
        "INSERT INTO " table " (" INTERLUDE_RECORD_COLUMNS ") "                            \
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(id) DO UPDATE SET "           \
        "kind = excluded.kind, sort_at = excluded.sort_at, updated_at = excluded.updated_at, " \
        "body = excluded.body, risk_tier = excluded.risk_tier "                            \
        "WHERE user_id = excluded.user_id"                                                 \
  }

constexpr RecordSql kEntrySql = INTERLUDE_RECORD_SQL("entries");
constexpr RecordSql kCheckinSql = INTERLUDE_RECORD_SQL("checkins");
constexpr RecordSql kSafetyPlanSql = INTERLUDE_RECORD_SQL("safety_plans");
constexpr RecordSql kScreeningSql = INTERLUDE_RECORD_SQL("screenings");
constexpr RecordSql kAssessmentSql = INTERLUDE_RECORD_SQL("assessments");
constexpr RecordSql kConversationSql = INTERLUDE_RECORD_SQL("conversations");
constexpr RecordSql kExerciseLogSql = INTERLUDE_RECORD_SQL("exercise_logs");
constexpr RecordSql kActivitySql = INTERLUDE_RECORD_SQL("activities");
constexpr RecordSql kAssignmentSql = INTERLUDE_RECORD_SQL("assignments");
constexpr RecordSql kMirrorStateSql = INTERLUDE_RECORD_SQL("mirror_state");
#undef INTERLUDE_RECORD_SQL

SealedRecord ReadRecord(const Statement& s) {
  return {s.Text(0), s.Text(1), s.Text(2), s.Int(3), s.Int(4), s.Int(5), s.Blob(6),
          static_cast<int>(s.Int(7))};
}

class SqliteRecords final : public RecordRepository {
 public:
  SqliteRecords(SqliteDatabase& db, const RecordSql& sql) : db_(db), sql_(sql) {}

  Status Insert(const SealedRecord& r, const AlertRecord* alert) override {
    return db_.Write([&](Connection& c) -> Status {
      RETURN_IF_ERROR(InsertRow(c, r));
      return alert ? InsertAlert(c, *alert) : OkStatus();
    });
  }

  void UpsertBehind(const SealedRecord& r) override {
    // Captures the statement text (a literal), not `this`: the queue may outlive this object.
    db_.WriteBehind([sql = sql_.upsert, r](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare(sql));
      s.Bind(1, r.id).Bind(2, r.user_id).Bind(3, r.kind).Bind(4, r.sort_at);
      s.Bind(5, r.created_at).Bind(6, r.updated_at).BindBlob(7, r.body);
      s.Bind(8, std::int64_t{r.risk_tier});
      return s.Run();
    });
  }

  Status InsertMany(const std::vector<SealedRecord>& records) override {
    return db_.Write([&](Connection& c) -> Status {
      for (const SealedRecord& r : records) RETURN_IF_ERROR(InsertRow(c, r));
      return OkStatus();
    });
  }

  Result<SealedRecord> Get(const std::string& user_id, const std::string& id) override {
    SealedRecord out;
    bool found = false;
    RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare(sql_.get));
      s.Bind(1, user_id).Bind(2, id);
      ASSIGN_OR_RETURN(found, s.Step());
      if (found) out = ReadRecord(s);
      return OkStatus();
    }));
    if (!found) return NotFound("not found");
    return out;
  }

  Result<std::vector<SealedRecord>> List(const std::string& user_id,
                                         const ListQuery& q) override {
    std::vector<SealedRecord> out;
    RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare(q.before ? sql_.list_before : sql_.list));
      s.Bind(1, user_id).Bind(2, q.from).Bind(3, q.to);
      s.Bind(4, std::int64_t{q.limit > 0 ? q.limit : -1});
      if (q.before) s.Bind(5, q.before->sort_at).Bind(6, q.before->id);
      for (;;) {
        ASSIGN_OR_RETURN(const bool row, s.Step());
        if (!row) break;
        out.push_back(ReadRecord(s));
      }
      return OkStatus();
    }));
    return out;
  }

  Status Replace(const SealedRecord& r, const AlertRecord* alert) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare(sql_.replace));
      s.Bind(1, r.user_id).Bind(2, r.id).Bind(3, r.kind).Bind(4, r.sort_at);
      s.Bind(5, r.updated_at).BindBlob(6, r.body).Bind(7, std::int64_t{r.risk_tier});
      RETURN_IF_ERROR(s.Run());
      RETURN_IF_ERROR(ExpectChanged(c, "item"));
      return alert ? InsertAlert(c, *alert) : OkStatus();
    });
  }

  Status Delete(const std::string& user_id, const std::string& id) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare(sql_.remove));
      s.Bind(1, user_id).Bind(2, id);
      RETURN_IF_ERROR(s.Run());
      return ExpectChanged(c, "item");
    });
  }

  Result<std::int64_t> Count(const std::string& user_id) override {
    std::int64_t n = 0;
    RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare(sql_.count));
      s.Bind(1, user_id);
      ASSIGN_OR_RETURN(const bool row, s.Step());
      if (row) n = s.Int(0);
      return OkStatus();
    }));
    return n;
  }

 private:
  Status InsertRow(Connection& c, const SealedRecord& r) const {
    ASSIGN_OR_RETURN(Statement s, c.Prepare(sql_.insert));  // cached; reset when it goes
    s.Bind(1, r.id).Bind(2, r.user_id).Bind(3, r.kind).Bind(4, r.sort_at);
    s.Bind(5, r.created_at).Bind(6, r.updated_at).BindBlob(7, r.body);
    s.Bind(8, std::int64_t{r.risk_tier});
    return s.Run();
  }

  SqliteDatabase& db_;
  const RecordSql& sql_;
};

class SqliteThrottle final : public ThrottleRepository {
 public:
  explicit SqliteThrottle(SqliteDatabase& db) : db_(db) {}

  Status RecordFailure(const std::string& key, UnixMillis at) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("INSERT INTO login_failures (key, at) "
                                              "VALUES (?1, ?2)"));
      s.Bind(1, key).Bind(2, at);
      return s.Run();
    });
  }

  Result<Window> Failures(const std::string& key, UnixMillis since) override {
    Window w;
    RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("SELECT COUNT(*), COALESCE(MIN(at), 0) FROM "
                                              "login_failures WHERE key = ?1 AND at >= ?2"));
      s.Bind(1, key).Bind(2, since);
      ASSIGN_OR_RETURN(const bool row, s.Step());
      if (row) w = {static_cast<int>(s.Int(0)), s.Int(1)};
      return OkStatus();
    }));
    return w;
  }

  Status Clear(const std::string& key) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("DELETE FROM login_failures WHERE key = ?1"));
      s.Bind(1, key);
      return s.Run();
    });
  }

  Status Prune(UnixMillis before) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("DELETE FROM login_failures WHERE at < ?1"));
      s.Bind(1, before);
      return s.Run();
    });
  }

 private:
  SqliteDatabase& db_;
};

class SqliteClinics final : public ClinicRepository {
 public:
  explicit SqliteClinics(SqliteDatabase& db) : db_(db) {}

  Status Create(const ClinicRecord& r) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("INSERT INTO clinics (id, name, created_at) "
                                              "VALUES (?1, ?2, ?3)"));
      s.Bind(1, r.id).Bind(2, r.name).Bind(3, r.created_at);
      return s.Run();
    });
  }

  Result<ClinicRecord> FindByName(const std::string& name) override {
    ClinicRecord out;
    bool found = false;
    RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("SELECT id, name, created_at FROM clinics "
                                              "WHERE name = ?1"));
      s.Bind(1, name);
      ASSIGN_OR_RETURN(found, s.Step());
      if (found) out = {s.Text(0), s.Text(1), s.Int(2)};
      return OkStatus();
    }));
    if (!found) return NotFound("no such clinic");
    return out;
  }

  Result<ClinicRecord> FindById(const std::string& id) override {
    ClinicRecord out;
    bool found = false;
    RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("SELECT id, name, created_at FROM clinics "
                                              "WHERE id = ?1"));
      s.Bind(1, id);
      ASSIGN_OR_RETURN(found, s.Step());
      if (found) out = {s.Text(0), s.Text(1), s.Int(2)};
      return OkStatus();
    }));
    if (!found) return NotFound("no such clinic");
    return out;
  }

 private:
  SqliteDatabase& db_;
};

class SqliteMeta final : public MetaRepository {
 public:
  explicit SqliteMeta(SqliteDatabase& db) : db_(db) {}

  Result<std::optional<std::string>> Get(const std::string& key) override {
    std::optional<std::string> out;
    RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("SELECT value FROM meta WHERE key = ?1"));
      s.Bind(1, key);
      ASSIGN_OR_RETURN(const bool row, s.Step());
      if (row) out = s.Text(0);
      return OkStatus();
    }));
    return out;
  }

  Status Put(const std::string& key, const std::string& value) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                              "ON CONFLICT (key) DO UPDATE SET value = ?2"));
      s.Bind(1, key).Bind(2, value);
      return s.Run();
    });
  }

 private:
  SqliteDatabase& db_;
};

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(std::unique_ptr<SqliteDatabase> db)
      : db_(std::move(db)),
        users_(*db_),
        sessions_(*db_),
        entries_(*db_, kEntrySql),
        checkins_(*db_, kCheckinSql),
        safety_plans_(*db_, kSafetyPlanSql),
        screenings_(*db_, kScreeningSql),
        assessments_(*db_, kAssessmentSql),
        conversations_(*db_, kConversationSql),
        exercise_logs_(*db_, kExerciseLogSql),
        activities_(*db_, kActivitySql),
        mirror_state_(*db_, kMirrorStateSql),
        assignments_(*db_, kAssignmentSql),
        throttle_(*db_),
        clinics_(*db_),
        safety_(NewSqliteSafetyRepository(*db_)),
        links_(NewSqliteLinkRepository(*db_)),
        meta_(*db_),
        two_factor_(NewSqliteTwoFactorRepository(*db_)),
        audit_(NewSqliteAuditRepository(*db_)),
        clinical_sessions_(NewSqliteClinicalSessionRepository(*db_)) {}

  UserRepository& users() override { return users_; }
  SessionRepository& sessions() override { return sessions_; }
  RecordRepository& records(Collection c) override {
    switch (c) {
      case Collection::kEntries: return entries_;
      case Collection::kCheckins: return checkins_;
      case Collection::kSafetyPlans: return safety_plans_;
      case Collection::kScreenings: return screenings_;
      case Collection::kAssessments: return assessments_;
      case Collection::kConversations: return conversations_;
      case Collection::kExerciseLogs: return exercise_logs_;
      case Collection::kActivities: return activities_;
      case Collection::kMirrorState: return mirror_state_;
      case Collection::kAssignments: return assignments_;
    }
    return entries_;
  }
  SafetyRepository& safety() override { return *safety_; }
  LinkRepository& links() override { return *links_; }
  ThrottleRepository& throttle() override { return throttle_; }
  ClinicRepository& clinics() override { return clinics_; }
  MetaRepository& meta() override { return meta_; }
  TwoFactorRepository& two_factor() override { return *two_factor_; }
  AuditRepository& audit() override { return *audit_; }
  ClinicalSessionRepository& clinical_sessions() override { return *clinical_sessions_; }
  std::uint64_t commits() const override { return db_->commits(); }
  std::uint64_t writes() const override { return db_->writes(); }

 private:
  std::unique_ptr<SqliteDatabase> db_;
  SqliteUsers users_;
  SqliteSessions sessions_;
  SqliteRecords entries_;
  SqliteRecords checkins_;
  SqliteRecords safety_plans_;
  SqliteRecords screenings_;
  SqliteRecords assessments_;
  SqliteRecords conversations_;
  SqliteRecords exercise_logs_;
  SqliteRecords activities_;
  SqliteRecords mirror_state_;
  SqliteRecords assignments_;
  SqliteThrottle throttle_;
  SqliteClinics clinics_;
  std::unique_ptr<SafetyRepository> safety_;
  std::unique_ptr<LinkRepository> links_;
  SqliteMeta meta_;
  std::unique_ptr<TwoFactorRepository> two_factor_;
  std::unique_ptr<AuditRepository> audit_;
  std::unique_ptr<ClinicalSessionRepository> clinical_sessions_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& db_path, int readers) {
  ASSIGN_OR_RETURN(auto db, SqliteDatabase::Open(db_path, readers));
  return std::unique_ptr<Store>(new SqliteStore(std::move(db)));
}

}  // namespace interlude::store
