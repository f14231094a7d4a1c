#include "fakes/in_memory_file_reader.h"

namespace mpctl::testing {

base::Result<std::string> InMemoryFileReader::Read(const std::string& path) const {
  auto found = files_.find(path);
  if (found == files_.end()) {
    return base::MakeError(base::ErrorCode::kNotFound, "file '" + path + "' does not exist");
  }
  return found->second;
}

}  // namespace mpctl::testing
