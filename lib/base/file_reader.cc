#include "base/file_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace mpctl::base {

Result<std::string> DiskFileReader::Read(const std::string& path) const {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    return MakeError(ErrorCode::kNotFound, "file '" + path + "' does not exist");
  }
  if (std::filesystem::is_directory(status)) {
    return MakeError(ErrorCode::kInvalidInput, "'" + path + "' is a directory, not a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return MakeError(ErrorCode::kInvalidInput,
                     "cannot read '" + path + "': " + std::strerror(errno));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    return MakeError(ErrorCode::kInvalidInput, "cannot read '" + path + "'");
  }
  return buffer.str();
}

Status WriteFileAtomically(const std::string& path, const std::string& data, int mode) {
  std::filesystem::path target(path);
  std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
  std::string tmpl = (dir / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
  int fd = mkstemp(tmpl.data());
  if (fd < 0) {
    return MakeError(ErrorCode::kUnavailable,
                     "cannot create a temporary file next to '" + path + "': " +
                         std::strerror(errno));
  }
  fchmod(fd, static_cast<mode_t>(mode));
  const char* p = data.data();
  std::size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      ::unlink(tmpl.c_str());
      return MakeError(ErrorCode::kUnavailable,
                       "cannot write '" + path + "': " + std::strerror(err));
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int err = errno;
    ::unlink(tmpl.c_str());
    return MakeError(ErrorCode::kUnavailable,
                     "cannot flush '" + path + "': " + std::strerror(err));
  }
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmpl.c_str());
    return MakeError(ErrorCode::kUnavailable,
                     "cannot replace '" + path + "': " + std::strerror(err));
  }
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return OkStatus();
}

}  // namespace mpctl::base
