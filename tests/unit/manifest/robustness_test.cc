// Every prefix of every example either loads or yields located errors; nothing crashes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "manifest/manifest.h"

namespace mpctl::manifest {
namespace {

namespace fs = std::filesystem;

TEST(RobustnessTest, EveryPrefixOfEveryExampleLoadsOrIsReported) {
  LoadOptions options;
  options.getenv = [](const std::string&) -> std::optional<std::string> {
    return "http://127.0.0.1:1/";
  };
  int prefixes = 0;
  for (const auto& entry :
       fs::recursive_directory_iterator(fs::path(MPCTL_SOURCE_DIR) / "examples")) {
    if (entry.path().extension() != ".yaml") continue;
    std::ifstream in(entry.path());
    std::ostringstream whole;
    whole << in.rdbuf();
    std::string text = whole.str();
    // Cut after each line break, and keep the whole text last.
    for (std::size_t end = 0; end < text.size();) {
      std::size_t newline = text.find('\n', end);
      end = newline == std::string::npos ? text.size() : newline + 1;
      std::string prefix = text.substr(0, end);
      LoadResult result =
          LoadManifestFromString(prefix, "m.yaml", entry.path().parent_path().string(), options);
      ++prefixes;
      EXPECT_NE(result.manifest.has_value(), !result.diagnostics.empty()) << prefix;
      for (const auto& d : result.diagnostics.items()) {
        EXPECT_EQ(d.location.file, "m.yaml");
        EXPECT_FALSE(d.message.empty());
      }
    }
  }
  EXPECT_GT(prefixes, 50);
}

}  // namespace
}  // namespace mpctl::manifest
