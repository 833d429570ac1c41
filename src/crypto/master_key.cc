// Master-key file handling and data-key wrapping.
#include "crypto/master_key.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <sodium.h>

#include "base/random.h"
#include "crypto/aead.h"

namespace interlude::crypto {
namespace {

Result<SecretKey> ParseHexKey(std::string text, const std::string& where) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  std::string raw;
  if (text.size() != kKeyBytes * 2 || !FromHex(text, raw)) {
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

}  // namespace

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

Result<SecretKey> LoadMasterKey(const std::string& path, const std::string* env_value) {
  if (env_value != nullptr && !env_value->empty()) {
    return ParseHexKey(*env_value, std::string(kMasterKeyEnv));
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
  return ParseHexKey(buffer.str(), path);
}

std::string WrapDataKey(const SecretKey& master, const SecretKey& data_key,
                        const std::string& user_id) {
  return Seal(master,
              {reinterpret_cast<const char*>(data_key.data()), kKeyBytes}, AdForUser(user_id));
}

Result<SecretKey> UnwrapDataKey(const SecretKey& master, const std::string& wrapped,
                                const std::string& user_id) {
  ASSIGN_OR_RETURN(const std::string raw, Open(master, wrapped, AdForUser(user_id)));
  SecretKey key;
  if (!SecretKey::FromBytes({reinterpret_cast<const std::uint8_t*>(raw.data()), raw.size()},
                            key)) {
    return DataLoss("unwrapped data key has the wrong size");
  }
  return key;
}

}  // namespace interlude::crypto
