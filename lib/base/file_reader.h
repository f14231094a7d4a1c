#pragma once

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

/// Reads from the real file system.
class DiskFileReader final : public FileReader {
 public:
  Result<std::string> Read(const std::string& path) const override;
};

/// Writes `data` to `path` through a temporary file in the same directory, fsync and rename,
/// so readers see the old or the new content, never a torn file. `mode` applies to new files.
Status WriteFileAtomically(const std::string& path, const std::string& data, int mode = 0644);

}  // namespace mpctl::base
