// Master-key file (keyring) handling and data-key wrapping.
#include "crypto/master_key.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sodium.h>

#include "base/random.h"
#include "crypto/aead.h"

namespace interlude::crypto {
namespace {

// Version byte of a wrapped data key that carries a key id. Values without it (72 bytes:
// nonce, sealed key, tag) come from before key ids existed.
constexpr char kWrappedV2 = '\x02';
constexpr size_t kLegacyWrappedBytes = 24 + kKeyBytes + 16;

std::string Trim(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  size_t start = 0;
  while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
  return text.substr(start);
}

Result<SecretKey> ParseHexKey(std::string text, const std::string& where) {
  text = Trim(std::move(text));
  std::string raw;
  if (text.size() != kKeyBytes * 2 || !FromHex(text, raw)) {
    sodium_memzero(text.data(), text.size());
    return FailedPrecondition("the master key in " + where +
                              " is malformed: it must be 64 hexadecimal characters");
  }
  SecretKey key;
  SecretKey::FromBytes({reinterpret_cast<const std::uint8_t*>(raw.data()), raw.size()}, key);
  sodium_memzero(raw.data(), raw.size());
  sodium_memzero(text.data(), text.size());
  return key;
}

std::string AdForUser(const std::string& user_id) { return "interlude/datakey/" + user_id; }

Result<SecretKey> ToKey(const std::string& raw) {
  SecretKey key;
  if (!SecretKey::FromBytes({reinterpret_cast<const std::uint8_t*>(raw.data()), raw.size()},
                            key)) {
    return DataLoss("unwrapped data key has the wrong size");
  }
  return key;
}

}  // namespace

const SecretKey* MasterKeyring::Find(const std::string& id) const {
  for (const SecretKey& key : keys) {
    if (KeyId(key) == id) return &key;
  }
  return nullptr;
}

std::string KeyId(const SecretKey& master) {
  EnsureSodium();
  static constexpr char kLabel[] = "interlude/master-key-id/v1";
  unsigned char out[crypto_generichash_BYTES_MIN];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(kLabel),
                     sizeof kLabel - 1, master.data(), kKeyBytes);
  return std::string(reinterpret_cast<const char*>(out), kKeyIdBytes);
}

Status CreateMasterKeyFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      return AlreadyExists("a master key already exists at " + path +
                           "; refusing to overwrite it (that would make all data unreadable)");
    }
    return Internal("cannot create master key file " + path + ": " + std::strerror(errno));
  }
  const SecretKey key = SecretKey::Random();
  std::string hex = ToHex(key.span()) + "\n";
  const bool ok = ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  std::fill(hex.begin(), hex.end(), '\0');
  if (!ok) {
    ::unlink(path.c_str());  // never leave a partial key behind
    return Internal("cannot write master key file " + path);
  }
  return OkStatus();
}

Status WriteKeyringFile(const std::string& path, const MasterKeyring& ring) {
  if (ring.keys.empty()) return InvalidArgument("a keyring needs at least one key");
  const std::string tmp = path + ".tmp";
  ::unlink(tmp.c_str());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Internal("cannot create " + tmp + ": " + std::strerror(errno));
  std::string text;
  for (const SecretKey& key : ring.keys) text += ToHex(key.span()) + "\n";
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  sodium_memzero(text.data(), text.size());
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return Internal("cannot write the key file " + path + ": " + std::strerror(errno));
  }
  const std::string dir = std::filesystem::path(path).parent_path().string();
  const int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return OkStatus();
}

Result<MasterKeyring> ParseKeyring(const std::string& text, const std::string& where) {
  MasterKeyring ring;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (Trim(line).empty()) continue;
    ASSIGN_OR_RETURN(SecretKey key, ParseHexKey(line, where));
    ring.keys.push_back(key);
    sodium_memzero(line.data(), line.size());
  }
  if (ring.keys.empty()) {
    return FailedPrecondition("the master key in " + where +
                              " is malformed: it must be 64 hexadecimal characters");
  }
  return ring;
}

Result<MasterKeyring> LoadMasterKeyring(const std::string& path, const std::string* env_value) {
  if (env_value != nullptr && !env_value->empty()) {
    ASSIGN_OR_RETURN(SecretKey key, ParseHexKey(*env_value, std::string(kMasterKeyEnv)));
    return MasterKeyring{{key}};
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return FailedPrecondition("no master key: " + path + " does not exist and " +
                              kMasterKeyEnv + " is not set (run `interlude init` first)");
  }
  if ((st.st_mode & 077) != 0) {
    return FailedPrecondition("the master key file " + path +
                              " is readable by other users; run `chmod 600 " + path + "`");
  }
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (!in) return FailedPrecondition("cannot read the master key file " + path);
  std::string text = buffer.str();
  auto ring = ParseKeyring(text, path);
  sodium_memzero(text.data(), text.size());
  return ring;
}

Result<SecretKey> LoadMasterKey(const std::string& path, const std::string* env_value) {
  ASSIGN_OR_RETURN(MasterKeyring ring, LoadMasterKeyring(path, env_value));
  return ring.current();
}

std::string WrapDataKey(const SecretKey& master, const SecretKey& data_key,
                        const std::string& user_id) {
  return std::string(1, kWrappedV2) + KeyId(master) +
         Seal(master, {reinterpret_cast<const char*>(data_key.data()), kKeyBytes},
              AdForUser(user_id));
}

std::string WrappedKeyId(const std::string& wrapped) {
  if (wrapped.size() == 1 + kKeyIdBytes + kLegacyWrappedBytes && wrapped[0] == kWrappedV2) {
    return wrapped.substr(1, kKeyIdBytes);
  }
  return {};
}

Result<SecretKey> UnwrapDataKey(const MasterKeyring& ring, const std::string& wrapped,
                                const std::string& user_id) {
  const std::string id = WrappedKeyId(wrapped);
  if (!id.empty()) {
    const SecretKey* key = ring.Find(id);
    if (key == nullptr) {
      return NotFound("the data key was wrapped under a master key this keyring does not hold");
    }
    ASSIGN_OR_RETURN(const std::string raw,
                     Open(*key, std::string_view(wrapped).substr(1 + kKeyIdBytes),
                          AdForUser(user_id)));
    return ToKey(raw);
  }
  for (const SecretKey& key : ring.keys) {  // wrapped before key ids existed
    auto raw = Open(key, wrapped, AdForUser(user_id));
    if (raw.ok()) return ToKey(*raw);
  }
  return DataLoss("the data key does not open with any key of the master keyring");
}

Result<SecretKey> UnwrapDataKey(const SecretKey& master, const std::string& wrapped,
                                const std::string& user_id) {
  auto key = UnwrapDataKey(MasterKeyring{{master}}, wrapped, user_id);
  if (!key.ok() && key.status().code() == StatusCode::kNotFound) {
    return DataLoss("the data key was wrapped under another master key");
  }
  return key;
}

}  // namespace interlude::crypto
