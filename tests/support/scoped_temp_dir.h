// Test support: a fresh directory under $TMPDIR (or /tmp) that is removed, with everything in
// it, when the object goes away. The one way tests make scratch directories.
#pragma once

#include <string>
#include <string_view>

namespace mpctl::testing {

class ScopedTempDir {
 public:
  /// Makes "<tmp>/<prefix>-XXXXXX"; throws std::runtime_error when it cannot (gtest reports
  /// an exception in a fixture's constructor or SetUp as a failure of that test).
  explicit ScopedTempDir(std::string_view prefix = "mpctl-test");
  /// Removes the directory tree; errors are ignored (a test must not fail while cleaning up).
  ~ScopedTempDir();
  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;

  /// The directory, without a trailing '/'.
  const std::string& path() const { return path_; }
  /// path() + "/" + `name`.
  std::string Path(std::string_view name) const { return path_ + "/" + std::string(name); }

 private:
  std::string path_;
};

}  // namespace mpctl::testing
