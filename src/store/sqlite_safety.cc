// Safety history, alerts and links over SQLite. Risk history reads only the clear
// risk_tier column; alerts hold reason codes, never words.
#include "store/sqlite_safety.h"

#include <initializer_list>

namespace interlude::store {
namespace {

#define INTERLUDE_ALERT_COLUMNS                                                       \
  "a.id, a.user_id, a.source, a.item_id, a.tier, a.reasons, a.created_at, "            \
  "a.acknowledged_by, a.acknowledged_at"

AlertRecord ReadAlert(const Statement& s) {
  AlertRecord a;
  a.id = s.Text(0);
  a.user_id = s.Text(1);
  ParseCollectionTable(s.Text(2), a.source);
  a.item_id = s.Text(3);
  a.tier = static_cast<int>(s.Int(4));
  a.reasons = s.Text(5);
  a.created_at = s.Int(6);
  a.acknowledged_by = s.Text(7);
  a.acknowledged_at = s.Int(8);
  return a;
}

// Runs `sql` with `keys` bound first (?1, ?2, ...) and the limit after them.
Result<std::vector<AlertRecord>> ReadAlerts(SqliteDatabase& db, const char* sql,
                                            std::initializer_list<const std::string*> keys,
                                            int limit) {
  std::vector<AlertRecord> out;
  RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
    ASSIGN_OR_RETURN(Statement s, c.Prepare(sql));
    int next = 1;
    for (const std::string* key : keys) s.Bind(next++, *key);
    s.Bind(next, std::int64_t{limit > 0 ? limit : -1});
    for (;;) {
      ASSIGN_OR_RETURN(const bool row, s.Step());
      if (!row) break;
      out.push_back(ReadAlert(s));
    }
    return OkStatus();
  }));
  return out;
}

class SqliteSafety final : public SafetyRepository {
 public:
  explicit SqliteSafety(SqliteDatabase& db) : db_(db) {}

  Result<std::vector<RiskMark>> RecentRisk(const std::string& user_id, UnixMillis since,
                                           const std::string& except_id) override {
    std::vector<RiskMark> out;
    RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(
          Statement s,
          c.Prepare("SELECT 'entries', id, updated_at, risk_tier FROM entries "
                    "WHERE user_id = ?1 AND risk_tier > 0 AND updated_at >= ?2 AND id != ?3 "
                    "UNION ALL SELECT 'checkins', id, updated_at, risk_tier FROM checkins "
                    "WHERE user_id = ?1 AND risk_tier > 0 AND updated_at >= ?2 AND id != ?3 "
                    "UNION ALL SELECT 'screenings', id, updated_at, risk_tier FROM screenings "
                    "WHERE user_id = ?1 AND risk_tier > 0 AND updated_at >= ?2 AND id != ?3 "
                    "UNION ALL SELECT 'assessments', id, updated_at, risk_tier FROM assessments "
                    "WHERE user_id = ?1 AND risk_tier > 0 AND updated_at >= ?2 AND id != ?3 "
                    "UNION ALL SELECT 'conversations', id, updated_at, risk_tier FROM conversations "
                    "WHERE user_id = ?1 AND risk_tier > 0 AND updated_at >= ?2 AND id != ?3 "
                    "UNION ALL SELECT 'assignments', id, updated_at, risk_tier FROM assignments "
                    "WHERE user_id = ?1 AND risk_tier > 0 AND updated_at >= ?2 AND id != ?3 "
                    "ORDER BY 3 DESC LIMIT 200"));
      s.Bind(1, user_id).Bind(2, since).Bind(3, except_id);
      for (;;) {
        ASSIGN_OR_RETURN(const bool row, s.Step());
        if (!row) break;
        RiskMark m;
        ParseCollectionTable(s.Text(0), m.source);
        m.item_id = s.Text(1);
        m.at = s.Int(2);
        m.tier = static_cast<int>(s.Int(3));
        out.push_back(std::move(m));
      }
      return OkStatus();
    }));
    return out;
  }

  Result<std::vector<AlertRecord>> AlertsForClinician(const std::string& clinician_id,
                                                      bool open_only, int limit) override {
    static constexpr const char* kAll =
        "SELECT " INTERLUDE_ALERT_COLUMNS " FROM alerts a JOIN links l ON l.client_id = a.user_id "
        "WHERE l.clinician_id = ?1 AND json_extract(l.share, '$.safety_alerts') = 1 "
        "AND a.created_at >= l.created_at ORDER BY a.created_at DESC, a.id DESC LIMIT ?2";
    static constexpr const char* kOpen =
        "SELECT " INTERLUDE_ALERT_COLUMNS " FROM alerts a JOIN links l ON l.client_id = a.user_id "
        "WHERE l.clinician_id = ?1 AND json_extract(l.share, '$.safety_alerts') = 1 "
        "AND a.created_at >= l.created_at AND a.acknowledged_at IS NULL "
        "ORDER BY a.created_at DESC, a.id DESC LIMIT ?2";
    return ReadAlerts(db_, open_only ? kOpen : kAll, {&clinician_id}, limit);
  }

  Result<std::vector<AlertRecord>> AlertsOfClientForClinician(const std::string& clinician_id,
                                                              const std::string& client_id,
                                                              bool open_only, int limit) override {
    static constexpr const char* kAll =
        "SELECT " INTERLUDE_ALERT_COLUMNS " FROM alerts a JOIN links l ON l.client_id = a.user_id "
        "WHERE l.clinician_id = ?1 AND l.client_id = ?2 "
        "AND json_extract(l.share, '$.safety_alerts') = 1 "
        "AND a.created_at >= l.created_at ORDER BY a.created_at DESC, a.id DESC LIMIT ?3";
    static constexpr const char* kOpen =
        "SELECT " INTERLUDE_ALERT_COLUMNS " FROM alerts a JOIN links l ON l.client_id = a.user_id "
        "WHERE l.clinician_id = ?1 AND l.client_id = ?2 "
        "AND json_extract(l.share, '$.safety_alerts') = 1 "
        "AND a.created_at >= l.created_at AND a.acknowledged_at IS NULL "
        "ORDER BY a.created_at DESC, a.id DESC LIMIT ?3";
    return ReadAlerts(db_, open_only ? kOpen : kAll, {&clinician_id, &client_id}, limit);
  }

  Result<std::vector<AlertRecord>> AllAlerts(bool open_only, int limit) override {
    static constexpr const char* kAll = "SELECT " INTERLUDE_ALERT_COLUMNS
                                        " FROM alerts a ORDER BY a.created_at DESC, a.id DESC "
                                        "LIMIT ?1";
    static constexpr const char* kOpen = "SELECT " INTERLUDE_ALERT_COLUMNS
                                         " FROM alerts a WHERE a.acknowledged_at IS NULL "
                                         "ORDER BY a.created_at DESC, a.id DESC LIMIT ?1";
    return ReadAlerts(db_, open_only ? kOpen : kAll, {}, limit);
  }

  Result<AlertRecord> GetAlert(const std::string& id) override {
    ASSIGN_OR_RETURN(auto rows, ReadAlerts(db_, "SELECT " INTERLUDE_ALERT_COLUMNS
                                                " FROM alerts a WHERE a.id = ?1 LIMIT ?2",
                                           {&id}, 1));
    if (rows.empty()) return NotFound("no such alert");
    return std::move(rows.front());
  }

  Status AcknowledgeAlert(const std::string& id, const std::string& by, UnixMillis at) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("UPDATE alerts SET acknowledged_by = ?2, "
                                              "acknowledged_at = ?3 WHERE id = ?1 "
                                              "AND acknowledged_at IS NULL"));
      s.Bind(1, id).Bind(2, by).Bind(3, at);
      RETURN_IF_ERROR(s.Run());
      if (c.Changes() > 0) return OkStatus();
      ASSIGN_OR_RETURN(Statement e, c.Prepare("SELECT 1 FROM alerts WHERE id = ?1"));
      e.Bind(1, id);
      ASSIGN_OR_RETURN(const bool exists, e.Step());
      return exists ? OkStatus() : NotFound("no such alert");
    });
  }

 private:
  SqliteDatabase& db_;
};

#define INTERLUDE_LINK_COLUMNS "id, client_id, clinician_id, share, created_at, updated_at"

LinkRecord ReadLink(const Statement& s) {
  return {s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4), s.Int(5)};
}

class SqliteLinks final : public LinkRepository {
 public:
  explicit SqliteLinks(SqliteDatabase& db) : db_(db) {}

  Status CreateInvitation(const InvitationRecord& inv) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("INSERT INTO invitations (code_hash, clinician_id, "
                                              "created_at, expires_at) VALUES (?1, ?2, ?3, ?4)"));
      s.Bind(1, inv.code_hash).Bind(2, inv.clinician_id).Bind(3, inv.created_at);
      s.Bind(4, inv.expires_at);
      return s.Run();
    });
  }

  Result<LinkRecord> Redeem(const std::string& code_hash, const LinkRecord& link,
                            UnixMillis now) override {
    LinkRecord out = link;
    RETURN_IF_ERROR(db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement q, c.Prepare("SELECT clinician_id FROM invitations WHERE "
                                              "code_hash = ?1 AND used_at IS NULL AND "
                                              "expires_at > ?2"));
      q.Bind(1, code_hash).Bind(2, now);
      ASSIGN_OR_RETURN(const bool found, q.Step());
      if (!found) return NotFound("no such invitation");
      out.clinician_id = q.Text(0);
      ASSIGN_OR_RETURN(Statement u, c.Prepare("UPDATE invitations SET used_at = ?2 "
                                              "WHERE code_hash = ?1"));
      u.Bind(1, code_hash).Bind(2, now);
      RETURN_IF_ERROR(u.Run());
      ASSIGN_OR_RETURN(Statement s, c.Prepare("INSERT INTO links (" INTERLUDE_LINK_COLUMNS
                                              ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
      s.Bind(1, out.id).Bind(2, out.client_id).Bind(3, out.clinician_id).Bind(4, out.share_json);
      s.Bind(5, out.created_at).Bind(6, out.updated_at);
      const Status st = s.Run();
      if (st.code() == StatusCode::kAlreadyExists) {
        return AlreadyExists("you are already linked with this clinician", "code");
      }
      return st;
    }));
    return out;
  }

  Result<std::vector<LinkRecord>> ForClient(const std::string& client_id) override {
    return List("SELECT " INTERLUDE_LINK_COLUMNS " FROM links WHERE client_id = ?1 "
                "ORDER BY created_at, id", client_id);
  }

  Result<std::vector<LinkRecord>> ForClinician(const std::string& clinician_id) override {
    return List("SELECT " INTERLUDE_LINK_COLUMNS " FROM links WHERE clinician_id = ?1 "
                "ORDER BY created_at, id", clinician_id);
  }

  Status UpdateShare(const std::string& client_id, const std::string& link_id,
                     const std::string& share_json, UnixMillis at) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("UPDATE links SET share = ?3, updated_at = ?4 "
                                              "WHERE client_id = ?1 AND id = ?2"));
      s.Bind(1, client_id).Bind(2, link_id).Bind(3, share_json).Bind(4, at);
      RETURN_IF_ERROR(s.Run());
      return c.Changes() > 0 ? OkStatus() : NotFound("no such link");
    });
  }

  Status Delete(const std::string& client_id, const std::string& link_id) override {
    return db_.Write([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare("DELETE FROM links WHERE client_id = ?1 "
                                              "AND id = ?2"));
      s.Bind(1, client_id).Bind(2, link_id);
      RETURN_IF_ERROR(s.Run());
      return c.Changes() > 0 ? OkStatus() : NotFound("no such link");
    });
  }

 private:
  Result<std::vector<LinkRecord>> List(const char* sql, const std::string& key) {
    std::vector<LinkRecord> out;
    RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Statement s, c.Prepare(sql));
      s.Bind(1, key);
      for (;;) {
        ASSIGN_OR_RETURN(const bool row, s.Step());
        if (!row) break;
        out.push_back(ReadLink(s));
      }
      return OkStatus();
    }));
    return out;
  }

  SqliteDatabase& db_;
};

}  // namespace

Status InsertAlert(Connection& c, const AlertRecord& a) {
  ASSIGN_OR_RETURN(Statement s, c.Prepare("INSERT INTO alerts (id, user_id, source, item_id, "
                                          "tier, reasons, created_at) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  s.Bind(1, a.id).Bind(2, a.user_id).Bind(3, std::string(CollectionTable(a.source)));
  s.Bind(4, a.item_id).Bind(5, std::int64_t{a.tier}).Bind(6, a.reasons).Bind(7, a.created_at);
  return s.Run();
}

std::unique_ptr<SafetyRepository> NewSqliteSafetyRepository(SqliteDatabase& db) {
  return std::make_unique<SqliteSafety>(db);
}

std::unique_ptr<LinkRepository> NewSqliteLinkRepository(SqliteDatabase& db) {
  return std::make_unique<SqliteLinks>(db);
}

}  // namespace interlude::store
