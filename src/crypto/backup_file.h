// The encrypted backup file format (`interlude backup` / `interlude restore`).
//
// A backup file is a header — the 16-byte magic "INTERLUDE-BACKUP", a version byte (1), the
// KeyId of the master key it was made under (8 bytes) and a libsodium secretstream header
// (24 bytes) — followed by chunks, each a 4-byte big-endian length and a
// crypto_secretstream_xchacha20poly1305 message of at most 64 KiB of plaintext whose
// associated data is the first 25 header bytes. The last chunk carries the FINAL tag, so a
// truncated file is told apart from a complete one. The stream key is derived from the master
// key with crypto_kdf (context "backup"), never the master key itself.
//
// Thread-safety: pure functions over the files they are given.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "crypto/secret_key.h"

namespace interlude::crypto {

// Encrypts the file at `plain_path` under a key derived from `master` into a new file at
// `out_path` (created with mode 0600, fsynced; it must not exist). On failure `out_path` is
// removed.
Status EncryptBackupFile(const SecretKey& master, const std::string& plain_path,
                         const std::string& out_path);

// The KeyId named in a backup file's header. FailedPrecondition when the file is not a
// backup (or too short to have a header).
Result<std::string> BackupFileKeyId(const std::string& backup_path);

// Decrypts `backup_path` into a new file `out_path` (mode 0600) with whichever of `keys`
// the header names. FailedPrecondition with an operator-facing sentence when no key fits,
// the file is not a backup, it is truncated, or it was altered; `out_path` is then removed.
Status DecryptBackupFile(const std::vector<SecretKey>& keys, const std::string& backup_path,
                         const std::string& out_path);

}  // namespace interlude::crypto
