// Property tests over generated desired/live pairs. Each case runs with a seed; a failure
// prints it, and MPCTL_PROPERTY_SEED=<seed> replays exactly that case.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <random>

#include "model/ownership.h"
#include "planner/diff.h"
#include "render/render.h"
#include "support/apply_in_memory.h"
#include "support/plan_builders.h"

namespace mpctl::planner {
namespace {

constexpr std::uint64_t kDefaultSeed = 20261125;
constexpr int kCases = 300;
constexpr char kSentinel[] = "SENTINEL-7f3a9c";
constexpr std::int64_t kNow = 1795000000;

class Gen {
 public:
  explicit Gen(std::uint64_t seed) : rng_(seed) {}
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }
  bool Coin(int percent = 50) { return Below(100) < static_cast<std::size_t>(percent); }
  template <typename T>
  std::vector<T> Subset(const std::vector<T>& pool, int percent = 50) {
    std::vector<T> out;
    for (const T& item : pool) {
      if (Coin(percent)) out.push_back(item);
    }
    return out;
  }
  template <typename T>
  void Shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[Below(i)]);
  }
  std::mt19937_64& rng() { return rng_; }

 private:
  std::mt19937_64 rng_;
};

const std::vector<std::string> kScopes = {"s:1", "s:2", "s:3", "s:4", "p:a", "p:b"};
const std::vector<std::string> kKids = {"k1", "k2", "k3"};
const std::vector<std::string> kOrgs = {"912345602", "310000205", "974761076"};

model::PublicKey GenKey(Gen& g, const std::string& kid) {
  model::PublicKey k = testing::Key(kid, std::string(kSentinel) + "-" + std::to_string(g.Below(2)));
  k.bits = g.Coin() ? 2048 : 4096;
  if (g.Coin(30)) k.exp = kNow + static_cast<std::int64_t>(g.Below(60)) * kDay - 10 * kDay;
  if (g.Coin(30)) k.created = kNow - static_cast<std::int64_t>(g.Below(1200));
  return k;
}

std::vector<model::PublicKey> GenKeys(Gen& g) {
  std::vector<model::PublicKey> keys;
  for (const std::string& kid : g.Subset(kKids)) keys.push_back(GenKey(g, kid));
  return keys;
}

struct Case {
  model::DesiredState desired;
  model::LiveState live;
  DiffOptions options;
};

Case Generate(std::uint64_t seed) {
  Gen g(seed);
  Case c;
  c.options.now = kNow;
  c.options.prune = g.Coin() ? Prune::kYes : Prune::kNo;
  std::vector<model::DesiredClient> clients;
  for (const char* name : {"alpha", "beta", "gamma", "delta"}) {
    if (!g.Coin(70)) continue;
    auto d = testing::DesiredClientOf(name, g.Subset(kScopes), GenKeys(g));
    if (g.Coin(20)) d.description = "";
    clients.push_back(std::move(d));
  }
  c.desired = testing::DesiredOf(std::move(clients));
  c.desired.owner = g.Coin(30) ? "team" : "";
  c.desired.environment.admin.client_id = kSentinel;
  c.desired.environment.admin.key_env = kSentinel;
  c.desired.environment.admin.token_env = kSentinel;
  if (g.Coin()) {
    for (const char* sub : {"a", "b"}) {
      if (!g.Coin(70)) continue;
      model::DesiredScope s;
      s.prefix = "p";
      s.subscope = sub;
      s.name = "p:" + s.subscope;
      s.description = "scope " + s.subscope;
      s.allowed_integration_types = {"maskinporten"};
      if (g.Coin()) s.token_lifetime_seconds = 120;
      s.consumers = g.Subset(kOrgs);
      c.desired.scopes.push_back(std::move(s));
    }
  }
  c.live = testing::LiveOf({});
  int next_id = 0;
  auto id = [&] { return "id-" + std::to_string(next_id++); };
  for (model::DesiredClient& d : c.desired.clients) {
    if (!g.Coin(60)) continue;
    model::LiveClient l = testing::LiveClientOf(id(), d.name, d.scopes, d.keys, c.desired.owner);
    if (g.Coin(30)) l.scopes = g.Subset(kScopes);
    if (g.Coin(30)) l.keys = GenKeys(g);
    if (g.Coin(20)) l.client_name = "edited by hand";
    if (g.Coin(20)) {
      d.pinned_client_id = l.client_id;
      if (g.Coin()) l.description = "adopted";
    }
    c.live.clients.push_back(std::move(l));
  }
  for (const char* orphan : {"old-1", "old-2"}) {
    if (g.Coin(30)) {
      c.live.clients.push_back(
          testing::LiveClientOf(id(), orphan, g.Subset(kScopes), GenKeys(g), c.desired.owner));
    }
  }
  for (int i = 0; i < 3; ++i) {
    if (!g.Coin(40)) continue;
    model::LiveClient l = testing::LiveClientOf(id(), "", g.Subset(kScopes));
    l.keys.reset();
    if (g.Coin(30)) l.client_name = "alpha";
    c.live.clients.push_back(std::move(l));
  }
  for (const char* sub : {"a", "b", "c"}) {
    if (!g.Coin(50)) continue;
    model::LiveScope s;
    s.prefix = "p";
    s.subscope = sub;
    s.name = std::string("p:") + sub;
    s.description = g.Coin() ? "scope " + s.subscope : "old text";
    s.visibility = g.Coin() ? "PUBLIC" : "PRIVATE";
    s.allowed_integration_types = {"maskinporten"};
    s.active = g.Coin(80);
    c.live.owned_scopes.push_back(std::move(s));
    for (const std::string& org : g.Subset(kOrgs)) {
      c.live.granted_access.push_back(
          {std::string("p:") + sub, "310000108", org,
           g.Coin(80) ? model::AccessState::kApproved : model::AccessState::kDenied});
    }
  }
  return c;
}

// The same case with every list in another order.
Case Shuffled(Case c, std::uint64_t seed) {
  Gen g(seed ^ 0x5eed);
  g.Shuffle(c.desired.clients);
  g.Shuffle(c.desired.scopes);
  g.Shuffle(c.live.clients);
  for (auto& l : c.live.clients) {
    g.Shuffle(l.scopes);
    if (l.keys) g.Shuffle(*l.keys);
  }
  g.Shuffle(c.live.owned_scopes);
  g.Shuffle(c.live.granted_access);
  return c;
}

std::vector<std::uint64_t> Seeds() {
  if (const char* replay = std::getenv("MPCTL_PROPERTY_SEED")) {
    return {std::strtoull(replay, nullptr, 10)};
  }
  std::vector<std::uint64_t> seeds;
  for (int i = 0; i < kCases; ++i) seeds.push_back(kDefaultSeed + static_cast<std::uint64_t>(i));
  return seeds;
}

std::string Replay(std::uint64_t seed) {
  return "seed " + std::to_string(seed) + " (replay: MPCTL_PROPERTY_SEED=" + std::to_string(seed) +
         ")";
}

std::string RenderAll(const plan::EnvironmentPlan& env) {
  plan::Plan p;
  p.environments.push_back(env);
  return render::RenderText(p, {render::Color::kAlways, render::ShowUnmanaged::kYes}) +
         render::RenderMarkdown(p, {}) + render::RenderJson(p);
}

TEST(DiffPropertyTest, ShuffledInputsGiveByteIdenticalRenderings) {
  for (std::uint64_t seed : Seeds()) {
    Case c = Generate(seed);
    std::string first = RenderAll(Diff(c.desired, c.live, c.options));
    Case s = Shuffled(c, seed);
    ASSERT_EQ(first, RenderAll(Diff(s.desired, s.live, s.options))) << Replay(seed);
  }
}

TEST(DiffPropertyTest, ApplyingThePlanConverges) {
  int applied = 0;
  for (std::uint64_t seed : Seeds()) {
    Case c = Generate(seed);
    plan::EnvironmentPlan first = Diff(c.desired, c.live, c.options);
    if (!first.errors.empty()) continue;  // a plan with errors is never applied
    ++applied;
    testing::ApplyInMemory(first, c.live, c.desired.owner);
    plan::EnvironmentPlan again = Diff(c.desired, c.live, c.options);
    EXPECT_TRUE(again.errors.empty()) << Replay(seed);
    ASSERT_TRUE(again.actions.empty()) << Replay(seed) << "\n" << RenderAll(again);
    EXPECT_EQ(
        again.summary.unchanged,
        static_cast<int>(c.desired.clients.size() + c.desired.scopes.size()) +
            [&] {
              int grants = 0;
              for (const auto& s : c.desired.scopes) grants += static_cast<int>(s.consumers.size());
              return grants;
            }())
        << Replay(seed);
  }
  if (Seeds().size() > 1) {
    EXPECT_GT(applied, kCases / 4) << "the generator makes too few applicable plans";
  }
}

TEST(DiffPropertyTest, NoSentinelReachesAnyOutput) {
  for (std::uint64_t seed : Seeds()) {
    Case c = Generate(seed);
    std::string out = RenderAll(Diff(c.desired, c.live, c.options));
    // Thumbprints ("tp-SENTINEL...") are public facts; key material ("n-SENTINEL...") and
    // admin credential settings must never appear.
    std::size_t at = 0;
    while ((at = out.find(kSentinel, at)) != std::string::npos) {
      ASSERT_TRUE(at >= 3 && out.compare(at - 3, 3, "tp-") == 0)
          << Replay(seed) << ": sentinel at " << out.substr(at < 20 ? 0 : at - 20, 60);
      at += 1;
    }
  }
}

}  // namespace
}  // namespace mpctl::planner
