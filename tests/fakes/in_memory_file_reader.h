#pragma once

#include <map>
#include <string>

#include "base/file_reader.h"

namespace mpctl::testing {

/// A FileReader over a map of path → bytes; other paths are kNotFound.
class InMemoryFileReader final : public base::FileReader {
 public:
  void Add(const std::string& path, std::string data) { files_[path] = std::move(data); }
  base::Result<std::string> Read(const std::string& path) const override;

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace mpctl::testing
