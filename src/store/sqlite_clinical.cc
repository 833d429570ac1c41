// Second factors, the access log and therapy sessions over SQLite. The access log's
// triggers (migration 5) refuse UPDATE and DELETE; Append reads the last line and inserts
// the next inside one write, so the chain has no forks.
#include "store/sqlite_clinical.h"

#include <algorithm>

namespace interlude::store {
namespace {

std::string JoinHashes(const std::vector<std::string>& hashes) {
  std::string out;
  for (const std::string& h : hashes) {
    if (!out.empty()) out += ',';
    out += h;
  }
  return out;
}

std::vector<std::string> SplitHashes(const std::string& joined) {
  std::vector<std::string> out;
  size_t begin = 0;
  while (begin < joined.size()) {
    size_t end = joined.find(',', begin);
    if (end == std::string::npos) end = joined.size();
    if (end > begin) out.push_back(joined.substr(begin, end - begin));
    begin = end + 1;
  }
  return out;
}

class SqliteTwoFactor final : public TwoFactorRepository {
 public:
  explicit SqliteTwoFactor(SqliteDatabase& db) : db_(db) {}

  Status Put(const TwoFactorRecord& r) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s,
                       c.Prepare("INSERT INTO two_factor (user_id, secret_sealed, last_step, "
                                 "recovery_hashes, created_at) VALUES (?1, ?2, 0, ?3, ?4) "
                                 "ON CONFLICT (user_id) DO UPDATE SET secret_sealed = ?2, "
                                 "last_step = 0, recovery_hashes = ?3, created_at = ?4"));
      s.Bind(1, r.user_id).BindBlob(2, r.secret_sealed).Bind(3, JoinHashes(r.recovery_hashes));
      s.Bind(4, r.created_at);
      return s.Run();
    });
  }

  Result<TwoFactorRecord> Get(const std::string& user_id) override {
    TwoFactorRecord out;
    bool found = false;
    RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("SELECT secret_sealed, last_step, recovery_hashes, "
                                              "created_at FROM two_factor WHERE user_id = ?1"));
      s.Bind(1, user_id);
      ASSIGN_OR_RETURN(found, s.Step());
      if (found) {
        out.user_id = user_id;
        out.secret_sealed = s.Blob(0);
        out.last_step = s.Int(1);
        out.recovery_hashes = SplitHashes(s.Text(2));
        out.created_at = s.Int(3);
      }
      return OkStatus();
    }));
    if (!found) return NotFound("this account has no second factor");
    return out;
  }

  Status AcceptStep(const std::string& user_id, std::int64_t step) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("UPDATE two_factor SET last_step = ?2 "
                                              "WHERE user_id = ?1 AND last_step < ?2"));
      s.Bind(1, user_id).Bind(2, step);
      RETURN_IF_ERROR(s.Run());
      if (c.Changes() > 0) return OkStatus();
      return FailedPrecondition("that code was already used");
    });
  }

  Status UseRecoveryCode(const std::string& user_id, const std::string& code_hash) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement q, c.Prepare("SELECT recovery_hashes FROM two_factor "
                                              "WHERE user_id = ?1"));
      q.Bind(1, user_id);
      ASSIGN_OR_RETURN(const bool found, q.Step());
      if (!found) return NotFound("this account has no second factor");
      std::vector<std::string> hashes = SplitHashes(q.Text(0));
      const auto it = std::find(hashes.begin(), hashes.end(), code_hash);
      if (it == hashes.end()) return NotFound("no such recovery code");
      hashes.erase(it);
      ASSIGN_OR_RETURN(Statement u, c.Prepare("UPDATE two_factor SET recovery_hashes = ?2 "
                                              "WHERE user_id = ?1"));
      u.Bind(1, user_id).Bind(2, JoinHashes(hashes));
      return u.Run();
    });
  }

  Status SetRecoveryCodes(const std::string& user_id,
                          const std::vector<std::string>& code_hashes) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement u, c.Prepare("UPDATE two_factor SET recovery_hashes = ?2 "
                                              "WHERE user_id = ?1"));
      u.Bind(1, user_id).Bind(2, JoinHashes(code_hashes));
      RETURN_IF_ERROR(u.Run());
      return c.Changes() > 0 ? OkStatus() : NotFound("this account has no second factor");
    });
  }

 private:
  SqliteDatabase& db_;
};

#define INTERLUDE_AUDIT_COLUMNS "seq, at, actor_id, subject_id, category, action, prev_hash, hash"

AuditRecord ReadAudit(const Statement& s) {
  AuditRecord a;
  a.seq = s.Int(0);
  a.at = s.Int(1);
  a.actor_id = s.Text(2);
  a.subject_id = s.Text(3);
  a.category = s.Text(4);
  a.action = s.Text(5);
  a.prev_hash = s.Text(6);
  a.hash = s.Text(7);
  return a;
}

class SqliteAudit final : public AuditRepository {
 public:
  explicit SqliteAudit(SqliteDatabase& db) : db_(db) {}

  Result<AuditRecord> Append(const AuditRecord& line,
                             const std::function<std::string(const AuditRecord&)>& chain) override {
    AuditRecord out = line;
    RETURN_IF_ERROR(db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement q, c.Prepare("SELECT seq, hash FROM audit_log "
                                              "ORDER BY seq DESC LIMIT 1"));
      ASSIGN_OR_RETURN(const bool any, q.Step());
      out.seq = any ? q.Int(0) + 1 : 1;
      out.prev_hash = any ? q.Text(1) : "";
      out.hash = chain(out);
      ASSIGN_OR_RETURN(Statement s, c.Prepare("INSERT INTO audit_log (" INTERLUDE_AUDIT_COLUMNS
                                              ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
      s.Bind(1, out.seq).Bind(2, out.at).Bind(3, out.actor_id).Bind(4, out.subject_id);
      s.Bind(5, out.category).Bind(6, out.action).Bind(7, out.prev_hash).Bind(8, out.hash);
      return s.Run();
    }));
    return out;
  }

  Result<std::vector<AuditRecord>> ForSubject(const std::string& subject_id, int limit) override {
    std::vector<AuditRecord> out;
    RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("SELECT " INTERLUDE_AUDIT_COLUMNS " FROM audit_log "
                                              "WHERE subject_id = ?1 ORDER BY seq DESC LIMIT ?2"));
      s.Bind(1, subject_id).Bind(2, std::int64_t{limit > 0 ? limit : -1});
      for (;;) {
        ASSIGN_OR_RETURN(const bool row, s.Step());
        if (!row) break;
        out.push_back(ReadAudit(s));
      }
      return OkStatus();
    }));
    return out;
  }

  Status Scan(const std::function<Status(const AuditRecord&)>& visit) override {
    // Pages of 1,000 lines, so no read holds a snapshot for the whole log.
    std::int64_t after = 0;
    for (;;) {
      std::vector<AuditRecord> page;
      RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
        ASSIGN_OR_RETURN(Statement s, c.Prepare("SELECT " INTERLUDE_AUDIT_COLUMNS
                                                " FROM audit_log WHERE seq > ?1 "
                                                "ORDER BY seq LIMIT 1000"));
        s.Bind(1, after);
        for (;;) {
          ASSIGN_OR_RETURN(const bool row, s.Step());
          if (!row) break;
          page.push_back(ReadAudit(s));
        }
        return OkStatus();
      }));
      if (page.empty()) return OkStatus();
      for (const AuditRecord& line : page) RETURN_IF_ERROR(visit(line));
      after = page.back().seq;
    }
  }

 private:
  SqliteDatabase& db_;
};

#define INTERLUDE_SESSION_COLUMNS \
  "id, clinician_id, client_id, starts_at, source, external_uid, created_at"

class SqliteClinicalSessions final : public ClinicalSessionRepository {
 public:
  explicit SqliteClinicalSessions(SqliteDatabase& db) : db_(db) {}

  Status Insert(const ClinicalSessionRecord& r) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("INSERT INTO clinical_sessions (" INTERLUDE_SESSION_COLUMNS
                                              ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
      s.Bind(1, r.id).Bind(2, r.clinician_id).Bind(3, r.client_id).Bind(4, r.starts_at);
      s.Bind(5, r.source).BindOrNull(6, r.external_uid).Bind(7, r.created_at);
      const Status st = s.Run();
      if (st.code() == StatusCode::kAlreadyExists && st.field() != "id") {
        return AlreadyExists("that calendar event is already recorded", "uid");
      }
      return st;
    });
  }

  Result<std::vector<ClinicalSessionRecord>> ForPair(const std::string& clinician_id,
                                                     const std::string& client_id) override {
    return Query("SELECT " INTERLUDE_SESSION_COLUMNS " FROM clinical_sessions WHERE "
                 "clinician_id = ?1 AND client_id = ?2 ORDER BY starts_at, id",
                 [&](Statement& s) { s.Bind(1, clinician_id).Bind(2, client_id); });
  }

  Result<ClinicalSessionRecord> Get(const std::string& clinician_id, const std::string& client_id,
                                    const std::string& id) override {
    ASSIGN_OR_RETURN(auto rows, Query("SELECT " INTERLUDE_SESSION_COLUMNS " FROM clinical_sessions "
                                      "WHERE clinician_id = ?1 AND client_id = ?2 AND id = ?3",
                                      [&](Statement& s) {
                                        s.Bind(1, clinician_id).Bind(2, client_id).Bind(3, id);
                                      }));
    if (rows.empty()) return NotFound("no such session");
    return std::move(rows.front());
  }

  Status Delete(const std::string& clinician_id, const std::string& client_id,
                const std::string& id) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("DELETE FROM clinical_sessions WHERE "
                                              "clinician_id = ?1 AND client_id = ?2 AND id = ?3"));
      s.Bind(1, clinician_id).Bind(2, client_id).Bind(3, id);
      RETURN_IF_ERROR(s.Run());
      return c.Changes() > 0 ? OkStatus() : NotFound("no such session");
    });
  }

 private:
  Result<std::vector<ClinicalSessionRecord>> Query(
      const char* sql, const std::function<void(Statement&)>& bind) {
    std::vector<ClinicalSessionRecord> out;
    RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare(sql));
      bind(s);
      for (;;) {
        ASSIGN_OR_RETURN(const bool row, s.Step());
        if (!row) break;
        ClinicalSessionRecord r;
        r.id = s.Text(0);
        r.clinician_id = s.Text(1);
        r.client_id = s.Text(2);
        r.starts_at = s.Int(3);
        r.source = s.Text(4);
        r.external_uid = s.Text(5);
        r.created_at = s.Int(6);
        out.push_back(std::move(r));
      }
      return OkStatus();
    }));
    return out;
  }

  SqliteDatabase& db_;
};

}  // namespace

std::unique_ptr<TwoFactorRepository> NewSqliteTwoFactorRepository(SqliteDatabase& db) {
  return std::make_unique<SqliteTwoFactor>(db);
}

std::unique_ptr<AuditRepository> NewSqliteAuditRepository(SqliteDatabase& db) {
  return std::make_unique<SqliteAudit>(db);
}

std::unique_ptr<ClinicalSessionRepository> NewSqliteClinicalSessionRepository(SqliteDatabase& db) {
  return std::make_unique<SqliteClinicalSessions>(db);
}

}  // namespace interlude::store
