// The storage interface: one repository per aggregate. Handlers depend only on this file,
// so a PostgreSQL implementation can be added beside the SQLite one without touching them.
//
// Every write is durable when it returns OK (the commit reached stable storage).
// Errors: NotFound for a missing row (or one owned by another user — the two are not told
// apart), AlreadyExists for a unique-key clash (field names the key), Unavailable when the
// database is busy or closing, Internal for anything unexpected.
//
// Thread-safety: implementations must be safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/records.h"

namespace interlude::store {

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  virtual Status Create(const UserRecord& user) = 0;  // AlreadyExists: "handle" or "email"
  virtual Result<UserRecord> FindById(const std::string& id) = 0;
  virtual Result<UserRecord> FindByHandle(const std::string& handle) = 0;
  virtual Result<UserRecord> FindByEmailIndex(const std::string& email_index) = 0;
  virtual Result<std::vector<UserRecord>> List() = 0;  // oldest first
  // Each setter changes one column, so concurrent requests cannot undo each other's changes.
  // NotFound when there is no such user.
  virtual Status SetCountry(const std::string& user_id, const std::string& country) = 0;
  virtual Status SetDisabled(const std::string& user_id, bool disabled) = 0;
  // The preferences object (JSON, never content: e.g. questionnaire schedules).
  virtual Status SetSettings(const std::string& user_id, const std::string& settings_json) = 0;
  virtual Status SetRecoveryHash(const std::string& user_id, const std::string& recovery_hash) = 0;
  // Sets the password hash and ends every other session of the user, in one commit.
  virtual Status SetPasswordEndingOtherSessions(const std::string& user_id,
                                                const std::string& password_hash,
                                                const std::string& keep_token_hash) = 0;
  // Crypto-shredding: forgets the wrapped data key (and the sealed e-mail) so the user's
  // content can never be read again, and checkpoints the log so the old key bytes do not
  // linger in it. NotFound when there is no such user.
  virtual Status ShredDataKey(const std::string& user_id) = 0;
  // Removes the user and everything they own (sessions, entries, check-ins, ...).
  virtual Status Delete(const std::string& user_id) = 0;
  // Finishes deletions that stopped after shredding: removes every user without a data
  // key. Returns how many.
  virtual Result<int> DeleteShredded() = 0;
};

struct SessionWithUser {
  SessionRecord session;
  UserRecord user;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Status Create(const SessionRecord& session) = 0;
  virtual Result<SessionWithUser> Find(const std::string& token_hash) = 0;
  virtual Status Touch(const std::string& token_hash, UnixMillis last_seen_at) = 0;
  virtual Status Delete(const std::string& token_hash) = 0;
  // Ends every session of the user except `keep_token_hash` (may be empty).
  virtual Status DeleteForUser(const std::string& user_id,
                               const std::string& keep_token_hash) = 0;
  virtual Status DeleteExpired(UnixMillis idle_before, UnixMillis now) = 0;
};

class RecordRepository {
 public:
  virtual ~RecordRepository() = default;
  // Stores the record and, when `alert` is given, the alert in the same commit (an
  // acknowledged high-risk item never lacks its alert). AlreadyExists: "id".
  virtual Status Insert(const SealedRecord& record, const AlertRecord* alert) = 0;
  Status Insert(const SealedRecord& record) { return Insert(record, nullptr); }
  // Stores many records in one commit, all or none (bulk loads: `interlude synth`).
  // AlreadyExists: "id", and then none is stored.
  virtual Status InsertMany(const std::vector<SealedRecord>& records) = 0;
  // Stores the record, or replaces the row with its id if it belongs to the same user, in
  // a coming commit, and returns at once without waiting for it to be durable. Only for
  // state that may be lost in a crash (the reflection memory); failures are logged by code.
  virtual void UpsertBehind(const SealedRecord& record) = 0;
  virtual Result<SealedRecord> Get(const std::string& user_id, const std::string& id) = 0;
  // Newest first by (sort_at, id).
  virtual Result<std::vector<SealedRecord>> List(const std::string& user_id,
                                                 const ListQuery& query) = 0;
  // Replaces kind, sort_at, updated_at, risk_tier and body of an existing row of this
  // user, with the alert (if any) in the same commit.
  virtual Status Replace(const SealedRecord& record, const AlertRecord* alert) = 0;
  Status Replace(const SealedRecord& record) { return Replace(record, nullptr); }
  virtual Status Delete(const std::string& user_id, const std::string& id) = 0;
  virtual Result<std::int64_t> Count(const std::string& user_id) = 0;
};

// Failed log-in attempts, kept in the store so several server processes share the windows.
class ThrottleRepository {
 public:
  virtual ~ThrottleRepository() = default;
  virtual Status RecordFailure(const std::string& key, UnixMillis at) = 0;
  // Failures for `key` at or after `since`, and the oldest of them (0 when none).
  struct Window {
    int failures = 0;
    UnixMillis oldest = 0;
  };
  virtual Result<Window> Failures(const std::string& key, UnixMillis since) = 0;
  virtual Status Clear(const std::string& key) = 0;
  virtual Status Prune(UnixMillis before) = 0;
};

class ClinicRepository {
 public:
  virtual ~ClinicRepository() = default;
  virtual Status Create(const ClinicRecord& clinic) = 0;  // AlreadyExists: "name"
  virtual Result<ClinicRecord> FindByName(const std::string& name) = 0;
  virtual Result<ClinicRecord> FindById(const std::string& id) = 0;
};

// Clinicians' second factor.
class TwoFactorRepository {
 public:
  virtual ~TwoFactorRepository() = default;
  // Sets (or replaces) the user's secret and recovery codes; last_step starts at 0.
  virtual Status Put(const TwoFactorRecord& record) = 0;
  // NotFound when the user has no second factor.
  virtual Result<TwoFactorRecord> Get(const std::string& user_id) = 0;
  // Records that the code of time step `step` was used: OK only when `step` is later than
  // the last one accepted (so a code, once used, is refused: FailedPrecondition).
  virtual Status AcceptStep(const std::string& user_id, std::int64_t step) = 0;
  // Uses one recovery code (by its hash), in one commit: OK once; NotFound when the hash
  // is not among the unused codes.
  virtual Status UseRecoveryCode(const std::string& user_id, const std::string& code_hash) = 0;
  virtual Status SetRecoveryCodes(const std::string& user_id,
                                  const std::vector<std::string>& code_hashes) = 0;
};

// The append-only, hash-chained access log.
class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Appends one line: the store sets `seq` (the next number) and `prev_hash` (the last
  // line's hash, "" for the first), then asks `chain` for the line's hash — all inside one
  // write, so concurrent appends chain in order. Returns the stored line.
  virtual Result<AuditRecord> Append(const AuditRecord& line,
                                     const std::function<std::string(const AuditRecord&)>& chain) = 0;
  // Lines about `subject_id`, newest first, at most `limit`.
  virtual Result<std::vector<AuditRecord>> ForSubject(const std::string& subject_id,
                                                      int limit) = 0;
  // Calls `visit` for every line in `seq` order; stops at the first non-OK status `visit`
  // returns and returns it.
  virtual Status Scan(const std::function<Status(const AuditRecord&)>& visit) = 0;
};

// Therapy sessions recorded by clinicians (times only).
class ClinicalSessionRepository {
 public:
  virtual ~ClinicalSessionRepository() = default;
  // AlreadyExists ("uid") when an imported session with that UID is already stored.
  virtual Status Insert(const ClinicalSessionRecord& session) = 0;
  // The pair's sessions, oldest first.
  virtual Result<std::vector<ClinicalSessionRecord>> ForPair(const std::string& clinician_id,
                                                             const std::string& client_id) = 0;
  // NotFound unless the session exists and belongs to the pair.
  virtual Result<ClinicalSessionRecord> Get(const std::string& clinician_id,
                                            const std::string& client_id,
                                            const std::string& id) = 0;
  virtual Status Delete(const std::string& clinician_id, const std::string& client_id,
                        const std::string& id) = 0;
};

// Safety history and alerts. Reads never open content: they use the clear risk tier.
class SafetyRepository {
 public:
  virtual ~SafetyRepository() = default;
  // The person's items with a tier above none written at or after `since` (entries,
  // check-ins, screenings, assessments), except `except_id` (the item being replaced), newest first.
  virtual Result<std::vector<RiskMark>> RecentRisk(const std::string& user_id, UnixMillis since,
                                                   const std::string& except_id) = 0;
  // Alerts visible to `clinician_id`: those of clients linked to them whose share allows
  // safety alerts, created since the link. Newest first; open ones only when `open_only`.
  virtual Result<std::vector<AlertRecord>> AlertsForClinician(const std::string& clinician_id,
                                                              bool open_only, int limit) = 0;
  // The same for one client of that clinician (no limit across the caseload). Limit <= 0:
  // all of them.
  virtual Result<std::vector<AlertRecord>> AlertsOfClientForClinician(
      const std::string& clinician_id, const std::string& client_id, bool open_only,
      int limit) = 0;
  // Every alert (the operator's command line), newest first.
  virtual Result<std::vector<AlertRecord>> AllAlerts(bool open_only, int limit) = 0;
  virtual Result<AlertRecord> GetAlert(const std::string& id) = 0;
  // Marks an open alert acknowledged; an alert already acknowledged keeps its first
  // acknowledgement (OK). NotFound when there is no such alert.
  virtual Status AcknowledgeAlert(const std::string& id, const std::string& by,
                                  UnixMillis at) = 0;
};

// Invitations and client-clinician links with their consent settings.
class LinkRepository {
 public:
  virtual ~LinkRepository() = default;
  virtual Status CreateInvitation(const InvitationRecord& invitation) = 0;
  // Uses the invitation (once) and creates the link, in one commit. NotFound when the code is
  // unknown, used or expired at `now`; AlreadyExists ("code") when the client is already
  // linked to that clinician.
  virtual Result<LinkRecord> Redeem(const std::string& code_hash, const LinkRecord& link,
                                    UnixMillis now) = 0;
  virtual Result<std::vector<LinkRecord>> ForClient(const std::string& client_id) = 0;
  virtual Result<std::vector<LinkRecord>> ForClinician(const std::string& clinician_id) = 0;
  // NotFound unless the link exists and belongs to `client_id`.
  virtual Status UpdateShare(const std::string& client_id, const std::string& link_id,
                             const std::string& share_json, UnixMillis at) = 0;
  virtual Status Delete(const std::string& client_id, const std::string& link_id) = 0;
};

class MetaRepository {
 public:
  virtual ~MetaRepository() = default;
  virtual Result<std::optional<std::string>> Get(const std::string& key) = 0;
  virtual Status Put(const std::string& key, const std::string& value) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual UserRepository& users() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual RecordRepository& records(Collection collection) = 0;
  virtual ThrottleRepository& throttle() = 0;
  virtual ClinicRepository& clinics() = 0;
  virtual SafetyRepository& safety() = 0;
  virtual LinkRepository& links() = 0;
  virtual MetaRepository& meta() = 0;
  virtual TwoFactorRepository& two_factor() = 0;
  virtual AuditRepository& audit() = 0;
  virtual ClinicalSessionRepository& clinical_sessions() = 0;
  // Durable commits since open, and the write transactions they carried (group commit);
  // counters for /metrics. 0 when the implementation does not count.
  virtual std::uint64_t commits() const { return 0; }
  virtual std::uint64_t writes() const { return 0; }
};

}  // namespace interlude::store
