// Reads the live state of 1,000 managed clients (2 keys each) from mpctl-emulator at
// --latency 20, with parallelism 16 and 1, and prints wall time and request counts.
// Target (design.md §9): < 1.5 s at parallelism 16; floor (1 + 1000/16) × 20 ms ≈ 1.27 s.
//
//   build/bench/read_live_bench [clients] [latency_ms]
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "portal/connect.h"
#include "portal/live_state.h"
#include "support/admin_fixture.h"
#include "support/emulator_process.h"
#include "support/scoped_temp_dir.h"

namespace {

using namespace mpctl;  // NOLINT: a small program

std::string SeedClients(int count) {
  std::string yaml = "clients:\n";
  for (int i = 0; i < count; ++i) {
    std::string name = "bench-" + std::to_string(i);
    yaml += "  - client_id: " + name + "-id\n"
            "    client_orgno: \"310000108\"\n"
            "    client_name: " + name + "\n"
            "    description: \"Bench client [mpctl:" + name + "]\"\n"
            "    scopes: [skatt:demo/read]\n"
            "    keys:\n"
            "      - kid: " + name + "-a\n"
            "        public_key_file: admin.pub.pem\n"
            "      - kid: " + name + "-b\n"
            "        public_key_file: admin.pub.pem\n";
  }
  return yaml;
}

struct Run {
  double seconds = 0;
  std::int64_t api_requests = 0;
  std::int64_t auth_requests = 0;
};

bool Measure(mpctl::testing::EmulatorProcess& emu, const mpctl::testing::AdminFixture& admin, int parallelism,
             int clients, Run* run) {
  model::Environment env;
  env.name = "bench";
  env.organization = mpctl::testing::AdminFixture::kOrgno;
  env.api_url = emu.base_url() + "/api/v1";
  env.auth_server = emu.base_url() + "/";
  env.admin.client_id = mpctl::testing::AdminFixture::kClientId;
  env.admin.kid = "acme-admin-key";
  env.admin.key_env = "BENCH_ADMIN_KEY";
  portal::ConnectOptions options;
  const crypto::PrivateKey& key = admin.key();
  options.env = [&key](const std::string&) -> std::optional<base::Secret> { return key.ToPem(); };
  auto before = emu.Stats();
  auto start = std::chrono::steady_clock::now();
  auto api = portal::Connect(env, options);
  if (!api.ok()) {
    std::fprintf(stderr, "read_live_bench: %s\n", api.error().message.c_str());
    return false;
  }
  portal::LiveReadOptions read;
  read.parallelism = parallelism;
  auto state = portal::FetchLiveState(**api, read);
  auto end = std::chrono::steady_clock::now();
  if (!state.ok()) {
    std::fprintf(stderr, "read_live_bench: %s\n", state.error().message.c_str());
    return false;
  }
  std::size_t with_keys = 0;
  for (const auto& client : state->clients) with_keys += client.keys && client.keys->size() == 2;
  if (with_keys != static_cast<std::size_t>(clients)) {
    std::fprintf(stderr, "read_live_bench: read %zu key sets, expected %d\n", with_keys, clients);
    return false;
  }
  auto after = emu.Stats();
  run->seconds = std::chrono::duration<double>(end - start).count();
  run->auth_requests = after.Requests("POST /token") - before.Requests("POST /token") +
                       after.Requests("GET /.well-known/oauth-authorization-server") -
                       before.Requests("GET /.well-known/oauth-authorization-server");
  run->api_requests = after.Requests("GET /api/v1/clients") - before.Requests("GET /api/v1/clients") +
                      after.Requests("GET /api/v1/clients/{id}/jwks") -
                      before.Requests("GET /api/v1/clients/{id}/jwks");
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int clients = argc > 1 ? std::atoi(argv[1]) : 1000;
  int latency = argc > 2 ? std::atoi(argv[2]) : 20;
  mpctl::testing::ScopedTempDir temp("mpctl-bench");
  const std::string& dir = temp.path();
  int status = 1;
  {
    mpctl::testing::AdminFixture admin(dir, SeedClients(clients));
    auto args = admin.EmulatorArgs();
    args.insert(args.end(), {"--latency", std::to_string(latency), "--threads", "64"});
    auto emu = mpctl::testing::EmulatorProcess::Start(args, dir);
    Run fast;
    Run slow;
    if (emu && Measure(*emu, admin, 16, clients, &fast) && Measure(*emu, admin, 1, clients, &slow)) {
      double floor = (1.0 + clients / 16.0) * latency / 1000.0;
      std::printf("read_live_bench: %d managed clients (2 keys each), emulator --latency %d\n",
                  clients, latency);
      std::printf("  parallelism 16: %.3f s wall, %lld API requests + %lld auth (floor %.2f s)\n",
                  fast.seconds, static_cast<long long>(fast.api_requests),
                  static_cast<long long>(fast.auth_requests), floor);
      std::printf("  parallelism  1: %.3f s wall, %lld API requests + %lld auth\n", slow.seconds,
                  static_cast<long long>(slow.api_requests),
                  static_cast<long long>(slow.auth_requests));
      std::printf("  speed-up: %.1fx\n", slow.seconds / fast.seconds);
      status = 0;
    }
  }
  return status;
}
