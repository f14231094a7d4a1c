// Applies a manifest of N new clients with one key each (2·N writes: a create and a key
// upload per client) with the real mpctl binary against mpctl-emulator at --latency, with
// --parallelism 16 and 1, each on a fresh emulator, and prints wall time and the floor.
// Floor (design.md §9): discovery, token and four reads one after another, then the writes
// over 16 connections: (6 + 2N/16) × latency, 1.37 s for N = 500 at 20 ms. The duplicate
// guard's lookups before and after each create share lists (SharedClientList), so it adds
// about one GET /clients per list duration, not one per create; the bench prints how many.
// The emulator runs without a state file (see Measure).
//
//   build/bench/apply_bench [clients] [latency_ms]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "support/admin_fixture.h"
#include "support/emulator_process.h"
#include "support/mpctl_cli.h"
#include "support/mpctl_process.h"
#include "support/scoped_temp_dir.h"
#include "support/test_keys.h"

namespace {

using namespace mpctl::testing;  // NOLINT: a small program

struct Run {
  double seconds = 0;
  std::int64_t writes = 0;
  std::int64_t lists = 0;          // GET /api/v1/clients, the plan's read included
  std::int64_t max_in_flight = 0;  // most requests the emulator handled at once
};

bool Measure(int clients, int latency, int parallelism, const std::string& client_pem, Run* run) {
  ScopedTempDir dir("mpctl-apply-bench");
  AdminFixture admin(dir.path());
  auto args = admin.EmulatorArgs();
  // No --state file: persisting the whole state with fsync on every write is the emulator's
  // cost (a lock held across a disk flush), not mpctl's.
  args.insert(args.end(), {"--latency", std::to_string(latency), "--threads", "64", "--state", ""});
  auto emu = EmulatorProcess::Start(args, dir.path());
  if (!emu) return false;
  std::string yaml =
      AdminFixture::ManifestHead(emu->base_url(), "key_env: BENCH_ADMIN_KEY") + "clients:\n";
  for (int i = 0; i < clients; ++i) {
    std::string name = "bench-" + std::to_string(i);
    yaml += "  " + name + ":\n    display_name: Bench " + std::to_string(i) +
            "\n    scopes: [skatt:demo/read]\n    keys:\n      - kid: " + name +
            "-2026-01\n        pem_file: client.pub.pem\n";
  }
  WriteWholeFile(dir.Path("mpctl.yaml"), yaml);
  WriteWholeFile(dir.Path("client.pub.pem"), client_pem);
  MpctlCall call;
  call.args = {"apply", "--auto-approve", "--parallelism", std::to_string(parallelism)};
  call.dir = dir.path();
  call.env = {"BENCH_ADMIN_KEY=" + std::string(admin.key().ToPem().Reveal())};
  auto before = emu->Stats();
  auto start = std::chrono::steady_clock::now();
  MpctlRun result = RunMpctl(call);
  auto end = std::chrono::steady_clock::now();
  if (result.exit_code != 0) {
    std::fprintf(stderr, "apply_bench: mpctl apply exited %d:\n%s\n", result.exit_code,
                 result.err.c_str());
    return false;
  }
  run->seconds = std::chrono::duration<double>(end - start).count();
  EmulatorStats after = emu->Stats();
  run->writes = after.writes - before.writes;
  run->lists = after.Requests("GET /api/v1/clients") - before.Requests("GET /api/v1/clients");
  run->max_in_flight = after.max_in_flight;
  if (run->writes != 2 * clients) {
    std::fprintf(stderr, "apply_bench: %lld writes, expected %d\n",
                 static_cast<long long>(run->writes), 2 * clients);
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int clients = argc > 1 ? std::atoi(argv[1]) : 500;
  int latency = argc > 2 ? std::atoi(argv[2]) : 20;
  const std::string client_pem = SpkiPem(GenerateRsaPem(2048));
  Run fast;
  Run slow;
  if (!Measure(clients, latency, 16, client_pem, &fast) ||
      !Measure(clients, latency, 1, client_pem, &slow)) {
    return 1;
  }
  double floor = (6.0 + 2.0 * clients / 16.0) * latency / 1000.0;
  std::printf("apply_bench: %d new clients with one key each, emulator --latency %d\n", clients,
              latency);
  std::printf(
      "  parallelism 16: %.3f s wall, %lld writes, %lld lists, at most %lld requests at once "
      "(floor %.2f s: %.2fx)\n",
      fast.seconds, static_cast<long long>(fast.writes), static_cast<long long>(fast.lists),
      static_cast<long long>(fast.max_in_flight), floor, fast.seconds / floor);
  std::printf("  parallelism  1: %.3f s wall, %lld writes, %lld lists, at most %lld at once\n",
              slow.seconds, static_cast<long long>(slow.writes),
              static_cast<long long>(slow.lists), static_cast<long long>(slow.max_in_flight));
  return 0;
}
