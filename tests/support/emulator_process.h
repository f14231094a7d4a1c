// Test support: runs the real mpctl-emulator binary for end-to-end tests.
//
//   auto emu = mpctl::testing::EmulatorProcess::Start({"--seed", fixture.seed_path()});
//   ASSERT_TRUE(emu);                       // failures are reported through GoogleTest
//   httplib::Client http(emu->base_url());  // "http://127.0.0.1:PORT"
//   EXPECT_EQ(emu->Stats().writes, 0);
//
// Start() adds `--port 0` and `--state <dir>/state.json` unless the arguments have them, waits
// for the "listening on" line (no sleeps) and owns a temporary directory that it deletes.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "support/scoped_temp_dir.h"

namespace mpctl::testing {

/// GET /__emulator/stats, parsed.
struct EmulatorStats {
  std::map<std::string, std::int64_t> requests;  // "GET /api/v1/clients/{id}/jwks" -> count
  std::map<std::string, std::int64_t> faults;    // "500", "503", "429", "drop" -> count
  std::int64_t requests_total = 0;
  std::int64_t writes = 0;
  std::int64_t faults_total = 0;
  std::int64_t tokens_issued = 0;
  std::int64_t max_in_flight = 0;  // most requests handled at once
  /// requests[key], 0 when absent.
  std::int64_t Requests(const std::string& key) const;
};

class EmulatorProcess {
 public:
  /// Starts MPCTL_BINARY_DIR/cmd/mpctl-emulator/mpctl-emulator with `args`. `dir` is the
  /// working directory for the state file; empty: a new temporary directory (deleted later).
  /// nullptr (and a test failure) when it does not start within 30 s.
  static std::unique_ptr<EmulatorProcess> Start(std::vector<std::string> args,
                                                std::string dir = "");
  ~EmulatorProcess();  // Kill()s a running emulator, deletes an owned temporary directory

  const std::string& base_url() const { return base_url_; }  // "http://127.0.0.1:PORT"
  int port() const { return port_; }
  const std::string& dir() const { return dir_; }
  const std::string& state_file() const { return state_file_; }
  pid_t pid() const { return pid_; }

  /// The parsed stats; a test failure (and zeros) when they cannot be fetched.
  EmulatorStats Stats() const;
  /// SIGTERM and wait; the exit status (0 for a clean shutdown), -1 when killed by a signal.
  int Stop();
  /// SIGKILL and wait.
  void Kill();
  /// Starts again with the same arguments and state file (after Stop or Kill); a new port.
  bool Restart();

 private:
  EmulatorProcess() = default;
  bool Launch();

  std::vector<std::string> args_;
  std::string dir_;
  std::unique_ptr<ScopedTempDir> own_dir_;  // when Start() was given no directory
  std::string state_file_;
  std::string base_url_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace mpctl::testing
