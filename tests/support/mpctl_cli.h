// Test support: runs the built mpctl binary and captures what it printed.
//
//   CliOutcome o = RunMpctl({"keys", "inspect", path}, dir);
//   EXPECT_EQ(o.exit_code, 0) << o.err;
#pragma once

#include <string>
#include <vector>

namespace mpctl::testing {

struct CliOutcome {
  int exit_code = -1;  // -1 when mpctl did not exit normally
  std::string out;
  std::string err;
};

/// Runs MPCTL_BINARY_DIR/cmd/mpctl/mpctl with `args` (each passed as one argument) in `cwd`
/// (empty: the source directory), with only PATH and `env` ("NAME=value") in its environment
/// and `stdin_text` on stdin (empty: /dev/null).
CliOutcome RunMpctl(const std::vector<std::string>& args, const std::string& cwd = "",
                    const std::vector<std::string>& env = {}, const std::string& stdin_text = "");

/// The whole content of `path` ("" when it cannot be read).
std::string ReadWholeFile(const std::string& path);

/// Writes `text` to `path`, making its directory; a test failure when that fails.
void WriteWholeFile(const std::string& path, const std::string& text);

}  // namespace mpctl::testing
