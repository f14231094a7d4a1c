// Injected faults and latency over real HTTP: reproducible by seed, Retry-After, dropped
// connections that still apply the write, and faults on /token only when asked.
#include <chrono>

#include "emulator_e2e.h"

namespace mpctl::testing {
namespace {

using EmulatorFaultsTest = EmulatorE2eTest;

TEST_F(EmulatorFaultsTest, SameFaultSeedInjectsTheSameFaults) {
  auto run = [&](const std::string& seed) {
    emu_.reset();
    std::filesystem::remove(dir_ + "/state.json");
    Start({"--fault-rate", "0.5", "--fault-seed", seed});
    std::vector<int> statuses;
    for (int i = 0; i < 40; ++i) statuses.push_back(Call("GET", "/api/v1/clients").status);
    return statuses;
  };
  std::vector<int> first = run("42");
  std::vector<int> second = run("42");
  std::vector<int> other = run("7");
  EXPECT_EQ(first, second);
  EXPECT_NE(first, other);
  int faults = 0;
  for (int status : first) faults += status != 200;
  EXPECT_GT(faults, 5);
  EXPECT_LT(faults, 35);
  EXPECT_NE(std::find(first.begin(), first.end(), 0), first.end());  // a dropped connection
  EmulatorStats stats = emu_->Stats();
  EXPECT_EQ(stats.Requests("GET /api/v1/clients"), 40);  // faulted requests count too
  EXPECT_EQ(stats.faults_total, stats.faults["500"] + stats.faults["503"] +
                                    stats.faults["429"] + stats.faults["drop"]);
}

TEST_F(EmulatorFaultsTest, RateLimitFaultCarriesRetryAfter) {
  Start({"--fault-rate", "1", "--fault-seed", "1"});
  bool seen = false;
  for (int i = 0; i < 40 && !seen; ++i) {
    Reply reply = Call("GET", "/api/v1/clients");
    if (reply.status == 429) {
      seen = true;
      EXPECT_EQ(reply.header_retry_after, "1");
      EXPECT_EQ(reply.json["status"].GetInt(), 429);
    }
  }
  EXPECT_TRUE(seen);
}

TEST_F(EmulatorFaultsTest, FaultsSpareTheTokenEndpointUnlessAsked) {
  Start({"--fault-rate", "1", "--fault-seed", "3"});  // Start() itself needs a token
  EXPECT_EQ(emu_->Stats().tokens_issued, 1);
  emu_.reset();
  std::filesystem::remove(dir_ + "/state.json");
  admin_ = std::make_unique<AdminFixture>(dir_);
  auto args = admin_->EmulatorArgs();
  for (const char* flag : {"--fault-rate", "1", "--fault-seed", "3", "--fault-token"}) {
    args.push_back(flag);
  }
  emu_ = EmulatorProcess::Start(args, dir_);
  ASSERT_TRUE(emu_);
  auto [status, body] = PostGrant(emu_->base_url(), admin_->Grant(emu_->base_url(), GrantSpec{}));
  EXPECT_NE(status, 200);
}

TEST_F(EmulatorFaultsTest, DroppedConnectionStillAppliesTheWrite) {
  // Find a fault seed whose first decision is a dropped connection.
  Start();
  std::string seed;
  for (int s = 0; s < 200 && seed.empty(); ++s) {
    emu_.reset();
    std::filesystem::remove(dir_ + "/state.json");
    Start({"--fault-rate", "0.9", "--fault-seed", std::to_string(s)});
    Reply reply = Call("POST", "/api/v1/clients", ClientBody("dropped"));
    if (reply.status == 0) seed = std::to_string(s);
  }
  ASSERT_FALSE(seed.empty());
  EXPECT_EQ(emu_->Stats().writes, 1);
  EXPECT_EQ(emu_->Stats().faults["drop"], 1);
}

TEST_F(EmulatorFaultsTest, LatencyDelaysApiRequests) {
  Start({"--latency", "300"});
  auto begin = std::chrono::steady_clock::now();
  EXPECT_EQ(Call("GET", "/api/v1/scopes/all", "", "").status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - begin, std::chrono::milliseconds(300));
}

}  // namespace
}  // namespace mpctl::testing
