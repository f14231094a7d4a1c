// apply under injected faults and SIGKILL: it converges, never duplicates, never loses keys.
#include <gmock/gmock.h>

#include <iostream>
#include <random>

#include "mpctl_e2e.h"

namespace mpctl::testing {
namespace {

class ApplyFaultsTest : public MpctlE2eTest {
 protected:
  void ConvergesWithinThreeRuns(const std::string& rate);
};

TEST_F(ApplyFaultsTest, WithFaultRateTwentyPercentApplyConvergesWithinThreeRuns) {
  ConvergesWithinThreeRuns("0.2");
}

TEST_F(ApplyFaultsTest, WithFaultRateThirtyPercentApplyConvergesWithinThreeRuns) {
  ConvergesWithinThreeRuns("0.3");
}

void ApplyFaultsTest::ConvergesWithinThreeRuns(const std::string& rate) {
  const auto entries = Entries(8);
  int total_runs = 0;
  std::int64_t faults = 0;
  for (int seed = 1; seed <= 10; ++seed) {
    SCOPED_TRACE("--fault-seed " + std::to_string(seed));
    emu_.reset();
    std::filesystem::remove(dir_ + "/state.json");
    StartEmulator({"--fault-rate", rate, "--fault-seed", std::to_string(seed)});
    WriteManifest(entries);
    int runs = 0;
    for (bool done = false; !done && runs < 3;) {
      ++runs;
      MpctlRun run = Mpctl({"apply", "--auto-approve"});
      done = run.exit_code == 0;
    }
    EXPECT_LE(runs, 3);
    ExpectConverged(entries);
    total_runs += runs;
    faults += emu_->Stats().faults_total;
  }
  EXPECT_GT(faults, 20);  // the faults did happen
  std::cout << "fault-rate " << rate << ", 10 seeds: " << total_runs << " apply runs, " << faults
            << " faults injected\n";
}

TEST_F(ApplyFaultsTest, KilledApplyConvergesOnTheNextRunWithoutDuplicates) {
  StartEmulator();
  const auto entries = Entries(50);
  WriteManifest(entries);
  std::random_device device;
  unsigned seed = device();
  SCOPED_TRACE("random seed " + std::to_string(seed));
  std::mt19937 random(seed);
  for (int round = 0; round < 10; ++round) {
    httplib::Client http(emu_->base_url());
    auto reset = http.Post("/__emulator/reset", "", "application/json");
    ASSERT_TRUE(reset && reset->status == 200);
    token_url_.clear();  // fetch a new token after the reset
    // 100 actions (50 clients, 50 key sets): kill after a random number of them finished.
    int kill_after = std::uniform_int_distribution<int>(1, 95)(random);
    SCOPED_TRACE("killed after " + std::to_string(kill_after) + " actions");
    int finished = 0;
    MpctlRun killed = Mpctl({"apply", "--auto-approve"}, [&](const std::string& line) {
      return line.starts_with("[") && ++finished >= kill_after;
    });
    EXPECT_TRUE(killed.killed);
    // Requests the killed process had already sent may still be in the emulator's hands; a
    // clean stop lets them finish (as a portal would, long before a CI re-run starts).
    ASSERT_EQ(emu_->Stop(), 0);
    ASSERT_TRUE(emu_->Restart());
    WriteManifest(entries);  // the restarted emulator listens on a new port
    MpctlRun again = Mpctl({"apply", "--auto-approve"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    ExpectConverged(entries);
    EXPECT_EQ(Mpctl({"plan", "--detailed-exitcode"}).exit_code, 0);
  }
}

}  // namespace
}  // namespace mpctl::testing
