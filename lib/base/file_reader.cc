#include "base/file_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace mpctl::base {

Result<std::string> DiskFileReader::Read(const std::string& path) const {
  // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting forever.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT || err == ENOTDIR) {
      return MakeError(ErrorCode::kNotFound, "file '" + path + "' does not exist");
    }
    return MakeError(ErrorCode::kInvalidInput, "cannot read '" + path + "': " + std::strerror(err));
  }
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    return MakeError(ErrorCode::kInvalidInput,
                     "cannot read '" + path + "': " + std::strerror(errno));
  }
  if (S_ISDIR(st.st_mode)) {
    return MakeError(ErrorCode::kInvalidInput, "'" + path + "' is a directory, not a file");
  }
  if (!S_ISREG(st.st_mode)) {
    const char* kind = S_ISFIFO(st.st_mode)   ? "a pipe (FIFO)"
                       : S_ISCHR(st.st_mode)  ? "a character device"
                       : S_ISBLK(st.st_mode)  ? "a block device"
                       : S_ISSOCK(st.st_mode) ? "a socket"
                                              : "not a regular file";
    return MakeError(ErrorCode::kInvalidInput,
                     "'" + path + "' is " + kind + "; give a regular file");
  }
  auto too_big = [&] {
    return MakeError(ErrorCode::kInvalidInput,
                     "'" + path + "' is larger than " + std::to_string(max_bytes_ >> 20) +
                         " MiB; manifests and key files are much smaller, check the path");
  };
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes_) return too_big();
  // Back to blocking reads: a regular file never blocks for long.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  std::string data;
  data.reserve(static_cast<std::size_t>(st.st_size));
  char buffer[65536];
  while (true) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return MakeError(ErrorCode::kInvalidInput,
                       "cannot read '" + path + "': " + std::strerror(errno));
    }
    if (n == 0) break;
    data.append(buffer, static_cast<std::size_t>(n));
    // The file may grow while we read it.
    if (data.size() > max_bytes_) return too_big();
  }
  return data;
}

Status WriteFileAtomically(const std::string& path, const std::string& data, int mode) {
  std::filesystem::path target(path);
  std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
  std::string tmpl = (dir / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
  int fd = mkstemp(tmpl.data());
  if (fd < 0) {
    return MakeError(ErrorCode::kUnavailable, "cannot create a temporary file next to '" + path +
                                                  "': " + std::strerror(errno));
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
    return MakeError(ErrorCode::kUnavailable, "cannot flush '" + path + "': " + std::strerror(err));
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
