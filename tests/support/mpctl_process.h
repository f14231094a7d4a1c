// Test support: runs the real mpctl binary and collects what it printed.
//
//   MpctlRun run = RunMpctl({.args = {"plan", "--detailed-exitcode"}, .dir = dir,
//                            .env = {"MPCTL_E2E_ADMIN_KEY=" + pem}});
//   EXPECT_EQ(run.exit_code, 2) << run.err;
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace mpctl::testing {

struct MpctlCall {
  std::vector<std::string> args;  // after the program name
  std::string dir;                // working directory ("" = the current one)
  /// The whole environment ("NAME=value"); PATH=/usr/bin:/bin and NO_COLOR=1 are added.
  std::vector<std::string> env;
  /// Called with every line mpctl writes to stderr while it runs; true: SIGKILL it now.
  std::function<bool(const std::string& line)> kill_when;
  /// What mpctl reads on stdin ("" = /dev/null). Never a terminal.
  std::string stdin_text;
};

struct MpctlRun {
  int exit_code = -1;   // -1 when killed by a signal
  bool killed = false;  // kill_when asked for it
  std::string out;
  std::string err;
};

/// Runs MPCTL_BINARY_DIR/cmd/mpctl/mpctl and waits for it.
MpctlRun RunMpctl(const MpctlCall& call);

}  // namespace mpctl::testing
