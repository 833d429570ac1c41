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
  virtual Status Insert(const SealedRecord& record) = 0;  // AlreadyExists: "id"
  virtual Result<SealedRecord> Get(const std::string& user_id, const std::string& id) = 0;
  // Newest first by (sort_at, id).
  virtual Result<std::vector<SealedRecord>> List(const std::string& user_id,
                                                 const ListQuery& query) = 0;
  // Replaces kind, sort_at, updated_at and body of an existing row of this user.
  virtual Status Replace(const SealedRecord& record) = 0;
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
  virtual MetaRepository& meta() = 0;
};

}  // namespace interlude::store
