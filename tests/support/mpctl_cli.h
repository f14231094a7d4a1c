// Test support: runs the built mpctl binary and captures what it printed.
//
//   CliOutcome o = RunMpctl({"keys", "inspect", path}, dir);
//   EXPECT_EQ(o.exit_code, 0) << o.err;
#pragma once

#include <string>
#include <vector>

#include "support/mpctl_process.h"

namespace mpctl::testing {

using CliOutcome = MpctlRun;

/// RunMpctl(MpctlCall) with the arguments spelled out: `cwd` empty means the source directory;
/// the environment is `env` plus PATH and NO_COLOR; `stdin_text` empty means /dev/null.
CliOutcome RunMpctl(const std::vector<std::string>& args, const std::string& cwd = "",
                    const std::vector<std::string>& env = {}, const std::string& stdin_text = "");

/// The whole content of `path` ("" when it cannot be read).
std::string ReadWholeFile(const std::string& path);

/// The command names `mpctl --help` lists under "commands:", in its order.
std::vector<std::string> ListedCommands(const std::string& help);

/// The user documentation as one text: README.md, then every docs/*.md in name order (what
/// "every flag is documented" tests search).
std::string ReadDocumentation();

/// Writes `text` to `path`, making its directory; a test failure when that fails.
void WriteWholeFile(const std::string& path, const std::string& text);

}  // namespace mpctl::testing
