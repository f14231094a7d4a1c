// Walks tests/golden/validate/<case>/: loads mpctl.yaml and compares every diagnostic, in
// order and verbatim, with errors.txt. MPCTL_UPDATE_GOLDEN=1 rewrites errors.txt.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "base/file_reader.h"
#include "manifest/manifest.h"

namespace mpctl::manifest {
namespace {

namespace fs = std::filesystem;

const fs::path kCasesDir = fs::path(MPCTL_SOURCE_DIR) / "tests/golden/validate";

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kCasesDir)) {
    if (fs::exists(entry.path() / "mpctl.yaml")) names.push_back(entry.path().filename());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

class ValidateGoldenTest : public testing::TestWithParam<std::string> {};

TEST_P(ValidateGoldenTest, ReportsExactlyTheExpectedErrors) {
  fs::path dir = kCasesDir / GetParam();
  LoadOptions options;
  options.getenv = [](const std::string& name) -> std::optional<std::string> {
    static const std::map<std::string, std::string> kVariables = {
        {"MPCTL_TEST_ADMIN_CLIENT_ID", "admin-test-id"}};
    auto found = kVariables.find(name);
    if (found == kVariables.end()) return std::nullopt;
    return found->second;
  };
  LoadResult result = LoadManifestFromString(ReadFile(dir / "mpctl.yaml"), "mpctl.yaml",
                                             dir.string() + "/", options);
  std::string actual = result.diagnostics.ToString();
  EXPECT_FALSE(result.diagnostics.empty()) << "every golden case is a bad manifest";
  EXPECT_FALSE(result.manifest.has_value());

  fs::path expected_file = dir / "errors.txt";
  const char* update = std::getenv("MPCTL_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(expected_file, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(expected_file)) << expected_file << " is missing; run with "
                                         << "MPCTL_UPDATE_GOLDEN=1 and review the result";
  EXPECT_EQ(actual, ReadFile(expected_file));
}

INSTANTIATE_TEST_SUITE_P(Cases, ValidateGoldenTest, testing::ValuesIn(CaseNames()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace mpctl::manifest
