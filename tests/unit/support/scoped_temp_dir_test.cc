#include "support/scoped_temp_dir.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace mpctl::testing {
namespace {

namespace fs = std::filesystem;

TEST(ScopedTempDirTest, MakesAFreshDirectoryAndRemovesItsTree) {
  std::string kept;
  {
    ScopedTempDir dir("mpctl-scoped");
    ScopedTempDir other("mpctl-scoped");
    kept = dir.path();
    EXPECT_NE(dir.path(), other.path());
    EXPECT_TRUE(fs::is_directory(dir.path()));
    EXPECT_EQ(fs::path(dir.path()).filename().string().rfind("mpctl-scoped-", 0), 0u);
    EXPECT_TRUE(fs::is_empty(dir.path()));
    fs::create_directories(dir.Path("a/b"));
    std::ofstream(dir.Path("a/b/file.txt")) << "x";
    EXPECT_EQ(dir.Path("a"), dir.path() + "/a");
  }
  EXPECT_FALSE(fs::exists(kept));
}

TEST(ScopedTempDirTest, ThrowsWhenTheDirectoryCannotBeMade) {
  EXPECT_THROW(ScopedTempDir("no-such-parent/x"), std::runtime_error);
}

}  // namespace
}  // namespace mpctl::testing
