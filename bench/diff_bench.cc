// Diffs 10,000 clients (2 keys, 3 scopes each) in memory and prints the time and the peak
// RSS. Target (design §9): < 200 ms, < 150 MB. Usage: mpctl_diff_bench [CLIENTS]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "model/ownership.h"
#include "plan/fingerprint.h"
#include "planner/diff.h"
#include "render/render.h"

namespace {

using namespace mpctl;

// A 2048-bit modulus is 342 base64url characters; material differs per key.
model::PublicKey MakeKey(const std::string& kid, int seed) {
  model::PublicKey k;
  k.kid = kid;
  k.n = std::string(342 - std::to_string(seed).size(), 'q') + std::to_string(seed);
  k.e = "AQAB";
  k.bits = 2048;
  k.thumbprint = "tp" + std::to_string(seed) + std::string(40, 'x');
  return k;
}

double Ms(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

// User + system CPU time of this process so far; on a shared machine it moves less with
// other load than wall time does.
double CpuMs() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

}  // namespace

int main(int argc, char** argv) {
  int clients = argc > 1 ? std::atoi(argv[1]) : 10000;
  model::DesiredState desired;
  desired.environment.name = "bench";
  desired.environment.organization = "310000108";
  model::LiveState live;
  live.organization = "310000108";
  for (int i = 0; i < clients; ++i) {
    std::string name = "client-" + std::to_string(100000 + i);
    model::DesiredClient d;
    d.name = name;
    d.display_name = "Client " + std::to_string(i);
    d.description = "Benchmark client number " + std::to_string(i);
    d.scopes = {"a:read", "b:write", "c:scope" + std::to_string(i % 50)};
    d.keys = {MakeKey(name + "-k1", 2 * i), MakeKey(name + "-k2", 2 * i + 1)};
    model::LiveClient l;
    l.client_id = "0b6c1a2e-0000-4000-8000-" + std::to_string(100000000000 + i);
    l.client_name = d.display_name;
    l.description = model::WithOwnershipTag(d.description, "", name);
    l.scopes = {d.scopes[2], d.scopes[1], d.scopes[0]};
    l.integration_type = model::kMaskinporten;
    l.keys = d.keys;
    // Some drift so the plan is not empty: 10% scope changes, 5% a replaced key.
    if (i % 10 == 0) l.scopes[0] = "d:old";
    if (i % 20 == 0) (*l.keys)[1] = MakeKey(name + "-k2", -i - 1);
    desired.clients.push_back(std::move(d));
    live.clients.push_back(std::move(l));
  }
  planner::DiffOptions options;
  options.now = 1795000000;

  auto fingerprint_start = std::chrono::steady_clock::now();
  std::string fingerprint = plan::LiveFingerprint(desired, live);  // also inside Diff
  auto fingerprint_end = std::chrono::steady_clock::now();
  double cpu_start = CpuMs();
  auto start = std::chrono::steady_clock::now();
  plan::EnvironmentPlan env = planner::Diff(desired, live, options);
  auto diffed = std::chrono::steady_clock::now();
  double cpu_diff = CpuMs() - cpu_start;
  plan::Plan plan;
  plan.environments.push_back(std::move(env));
  std::string text = render::RenderText(plan, {});
  std::string json = render::RenderJson(plan);
  auto rendered = std::chrono::steady_clock::now();

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("clients: %d (2 keys, 3 scopes each)\n", clients);
  std::printf("actions: %zu\n", plan.environments[0].actions.size());
  std::printf("diff: %.1f ms wall, %.1f ms cpu (the live fingerprint inside it: %.1f ms wall)\n",
              Ms(diffed - start), cpu_diff, Ms(fingerprint_end - fingerprint_start));
  std::printf("render text + json: %.1f ms (%zu + %zu bytes)\n", Ms(rendered - diffed), text.size(),
              json.size());
  std::printf("peak rss: %.1f MB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}
