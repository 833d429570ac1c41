// Chunked secretstream encryption of backup files.
#include "crypto/backup_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include <sodium.h>

#include "base/random.h"
#include "crypto/master_key.h"
#include "crypto/tokens.h"

namespace interlude::crypto {
namespace {

constexpr char kMagic[] = "INTERLUDE-BACKUP";  // 16 bytes without the terminator
constexpr size_t kMagicBytes = sizeof kMagic - 1;
constexpr unsigned char kVersion = 1;
constexpr size_t kAdBytes = kMagicBytes + 1 + kKeyIdBytes;
constexpr size_t kHeaderBytes = kAdBytes + crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr size_t kChunkBytes = 64 * 1024;
constexpr size_t kMaxCipherChunk = kChunkBytes + crypto_secretstream_xchacha20poly1305_ABYTES;

SecretKey StreamKey(const SecretKey& master) { return DeriveSubkey(master, 1, "backup\0\0"); }

// Closes an fd on scope exit.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int Release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

bool WriteAll(int fd, const unsigned char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// Reads up to `size` bytes; returns the count read (less only at end of file), -1 on error.
ssize_t ReadFull(int fd, unsigned char* data, size_t size) {
  size_t got = 0;
  while (got < size) {
    const ssize_t n = ::read(fd, data + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  return static_cast<ssize_t>(got);
}

Status EncryptInto(const SecretKey& master, int in, int out) {
  unsigned char header[kHeaderBytes];
  std::memcpy(header, kMagic, kMagicBytes);
  header[kMagicBytes] = kVersion;
  const std::string id = KeyId(master);
  std::memcpy(header + kMagicBytes + 1, id.data(), kKeyIdBytes);
  const SecretKey key = StreamKey(master);
  crypto_secretstream_xchacha20poly1305_state state;
  crypto_secretstream_xchacha20poly1305_init_push(&state, header + kAdBytes, key.data());
  if (!WriteAll(out, header, sizeof header)) return Internal("cannot write the backup file");
  std::vector<unsigned char> plain(kChunkBytes);
  std::vector<unsigned char> cipher(kMaxCipherChunk + 4);
  // Read one chunk ahead so the last one can carry the FINAL tag.
  ssize_t n = ReadFull(in, plain.data(), kChunkBytes);
  Status status = OkStatus();
  while (status.ok()) {
    if (n < 0) {
      status = Internal("cannot read the database copy");
      break;
    }
    std::vector<unsigned char> next(kChunkBytes);
    ssize_t next_n = 0;
    if (static_cast<size_t>(n) == kChunkBytes) next_n = ReadFull(in, next.data(), kChunkBytes);
    const bool last = next_n == 0;
    unsigned long long clen = 0;
    crypto_secretstream_xchacha20poly1305_push(
        &state, cipher.data() + 4, &clen, plain.data(), static_cast<size_t>(n), header, kAdBytes,
        last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
    cipher[0] = static_cast<unsigned char>(clen >> 24);
    cipher[1] = static_cast<unsigned char>(clen >> 16);
    cipher[2] = static_cast<unsigned char>(clen >> 8);
    cipher[3] = static_cast<unsigned char>(clen);
    if (!WriteAll(out, cipher.data(), static_cast<size_t>(clen) + 4)) {
      status = Internal("cannot write the backup file");
      break;
    }
    if (last) break;
    sodium_memzero(plain.data(), plain.size());
    plain.swap(next);
    n = next_n;
  }
  sodium_memzero(plain.data(), plain.size());
  sodium_memzero(&state, sizeof state);
  return status;
}

Status DecryptInto(const std::vector<SecretKey>& keys, int in, int out,
                   const std::string& backup_path) {
  unsigned char header[kHeaderBytes];
  const ssize_t h = ReadFull(in, header, sizeof header);
  if (h < 0) return FailedPrecondition("cannot read the backup file " + backup_path);
  if (static_cast<size_t>(h) < kMagicBytes || std::memcmp(header, kMagic, kMagicBytes) != 0) {
    return FailedPrecondition(backup_path + " is not an Interlude backup file");
  }
  if (static_cast<size_t>(h) < sizeof header) {
    return FailedPrecondition("the backup file " + backup_path + " is truncated (its header is incomplete)");
  }
  if (header[kMagicBytes] != kVersion) {
    return FailedPrecondition("the backup file " + backup_path + " has format version " +
                              std::to_string(header[kMagicBytes]) +
                              ", which this version of interlude cannot read");
  }
  const std::string id(reinterpret_cast<const char*>(header + kMagicBytes + 1), kKeyIdBytes);
  const SecretKey* master = nullptr;
  for (const SecretKey& k : keys) {
    if (KeyId(k) == id) master = &k;
  }
  if (master == nullptr) {
    return FailedPrecondition(
        "the backup file " + backup_path + " was made under another master key (key id " +
        ToHex({reinterpret_cast<const std::uint8_t*>(id.data()), id.size()}) +
        "); pass that key with --key-file (e.g. a master.key.retired-* file)");
  }
  const SecretKey key = StreamKey(*master);
  crypto_secretstream_xchacha20poly1305_state state;
  if (crypto_secretstream_xchacha20poly1305_init_pull(&state, header + kAdBytes, key.data()) != 0) {
    return FailedPrecondition("the backup file " + backup_path + " has a damaged header");
  }
  std::vector<unsigned char> cipher(kMaxCipherChunk);
  std::vector<unsigned char> plain(kChunkBytes);
  std::uint64_t chunk = 0;
  Status status = OkStatus();
  bool final_seen = false;
  while (status.ok()) {
    unsigned char len_bytes[4];
    const ssize_t l = ReadFull(in, len_bytes, 4);
    if (l == 0 && !final_seen) {
      status = FailedPrecondition("the backup file " + backup_path +
                                  " is truncated: it ends before its last chunk");
      break;
    }
    if (l == 0) break;
    if (final_seen) {
      status = FailedPrecondition("the backup file " + backup_path +
                                  " was altered: it has data after its last chunk");
      break;
    }
    if (l != 4) {
      status = FailedPrecondition("the backup file " + backup_path +
                                  " is truncated in chunk " + std::to_string(chunk + 1));
      break;
    }
    const size_t clen = (size_t{len_bytes[0]} << 24) | (size_t{len_bytes[1]} << 16) |
                        (size_t{len_bytes[2]} << 8) | size_t{len_bytes[3]};
    if (clen < crypto_secretstream_xchacha20poly1305_ABYTES || clen > kMaxCipherChunk) {
      status = FailedPrecondition("the backup file " + backup_path + " was altered or damaged in chunk " +
                                  std::to_string(chunk + 1));
      break;
    }
    const ssize_t c = ReadFull(in, cipher.data(), clen);
    if (c < 0 || static_cast<size_t>(c) != clen) {
      status = FailedPrecondition("the backup file " + backup_path +
                                  " is truncated in chunk " + std::to_string(chunk + 1));
      break;
    }
    unsigned long long plen = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(&state, plain.data(), &plen, &tag,
                                                   cipher.data(), clen, header, kAdBytes) != 0) {
      status = FailedPrecondition(
          "the backup file " + backup_path + " was altered or damaged (chunk " +
          std::to_string(chunk + 1) + " fails authentication" +
          (chunk == 0 ? ", or the key with its key id is not the one it was made with)" : ")"));
      break;
    }
    ++chunk;
    final_seen = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    if (!WriteAll(out, plain.data(), static_cast<size_t>(plen))) {
      status = Internal("cannot write the decrypted copy");
    }
  }
  sodium_memzero(plain.data(), plain.size());
  sodium_memzero(&state, sizeof state);
  return status;
}

}  // namespace

Status EncryptBackupFile(const SecretKey& master, const std::string& plain_path,
                         const std::string& out_path) {
  EnsureSodium();
  Fd in(::open(plain_path.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) return Internal("cannot open the database copy: " + std::string(std::strerror(errno)));
  Fd out(::open(out_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (out.get() < 0) {
    return Internal("cannot create " + out_path + ": " + std::string(std::strerror(errno)));
  }
  Status status = EncryptInto(master, in.get(), out.get());
  if (status.ok() && ::fsync(out.get()) != 0) status = Internal("cannot sync " + out_path);
  if (::close(out.Release()) != 0 && status.ok()) status = Internal("cannot write " + out_path);
  if (!status.ok()) ::unlink(out_path.c_str());
  return status;
}

Result<std::string> BackupFileKeyId(const std::string& backup_path) {
  Fd in(::open(backup_path.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) return FailedPrecondition("cannot open the backup file " + backup_path);
  unsigned char header[kAdBytes];
  if (ReadFull(in.get(), header, sizeof header) != static_cast<ssize_t>(sizeof header) ||
      std::memcmp(header, kMagic, kMagicBytes) != 0) {
    return FailedPrecondition(backup_path + " is not an Interlude backup file");
  }
  return std::string(reinterpret_cast<const char*>(header + kMagicBytes + 1), kKeyIdBytes);
}

Status DecryptBackupFile(const std::vector<SecretKey>& keys, const std::string& backup_path,
                         const std::string& out_path) {
  EnsureSodium();
  Fd in(::open(backup_path.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) {
    return FailedPrecondition("cannot open the backup file " + backup_path + ": " +
                              std::strerror(errno));
  }
  Fd out(::open(out_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (out.get() < 0) {
    return Internal("cannot create " + out_path + ": " + std::string(std::strerror(errno)));
  }
  Status status = DecryptInto(keys, in.get(), out.get(), backup_path);
  if (status.ok() && ::fsync(out.get()) != 0) status = Internal("cannot sync " + out_path);
  if (::close(out.Release()) != 0 && status.ok()) status = Internal("cannot write " + out_path);
  if (!status.ok()) ::unlink(out_path.c_str());
  return status;
}

}  // namespace interlude::crypto
