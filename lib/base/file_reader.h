#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"

namespace mpctl::base {

/// Reads whole files; tests and fuzzers swap in an in-memory fake.
class FileReader {
 public:
  virtual ~FileReader() = default;
  /// The file's bytes. kNotFound when it does not exist, kInvalidInput when it cannot be read
  /// (a directory, no permission); the message names the path.
  virtual Result<std::string> Read(const std::string& path) const = 0;
};

/// Largest file DiskFileReader reads by default (manifests, key files, certificates, plans).
inline constexpr std::uint64_t kMaxFileBytes = 16u << 20;

/// Reads from the real file system: regular files only (a FIFO, device or socket is refused
/// at once, without blocking), at most `max_bytes`.
class DiskFileReader final : public FileReader {
 public:
  explicit DiskFileReader(std::uint64_t max_bytes = kMaxFileBytes) : max_bytes_(max_bytes) {}
  Result<std::string> Read(const std::string& path) const override;

 private:
  std::uint64_t max_bytes_;
};

/// Writes `data` to `path` through a temporary file in the same directory, fsync and rename,
/// so readers see the old or the new content, never a torn file. `mode` applies to new files.
Status WriteFileAtomically(const std::string& path, const std::string& data, int mode = 0644);

}  // namespace mpctl::base
