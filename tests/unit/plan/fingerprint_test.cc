#include "plan/fingerprint.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "support/plan_builders.h"

namespace mpctl::plan {
namespace {

using testing::Key;
using testing::LiveClientOf;

model::LiveState Sample() {
  model::LiveState live = testing::LiveOf(
      {LiveClientOf("id-1", "sync", {"a:b", "c:d"}, {Key("k1", "x"), Key("k2", "y")}),
       LiveClientOf("id-2", "report", {"a:b"}, {Key("k3", "z")}),
       LiveClientOf("id-3", "", {"a:b"})});
  live.clients[2].keys.reset();
  return live;
}

std::string Print(const model::LiveState& live) {
  return LiveFingerprint(live, "", {}, ScopesManaged::kNo);
}

TEST(FingerprintTest, ChangesWhenAManagedFieldChanges) {
  model::LiveState live = Sample();
  std::string before = Print(live);
  EXPECT_EQ(before.size(), 64u);
  live.clients[0].scopes.push_back("e:f");
  EXPECT_NE(Print(live), before);
  live = Sample();
  (*live.clients[1].keys)[0].n = "other";
  EXPECT_NE(Print(live), before);
  live = Sample();
  live.clients[1].description = "report";  // tag removed: no longer claimed
  EXPECT_NE(Print(live), before);
}

TEST(FingerprintTest, IndependentOfOrderTimestampsAndUnmanagedClients) {
  model::LiveState live = Sample();
  std::string before = Print(live);
  std::ranges::reverse(live.clients);
  std::ranges::reverse(live.clients[1].scopes);
  std::ranges::reverse(*live.clients[2].keys);
  (*live.clients[2].keys)[0].exp = 1800000000;
  (*live.clients[2].keys)[0].created = 1700000000;
  live.clients[0].client_name = "renamed by hand";  // id-3: unmanaged
  EXPECT_EQ(Print(live), before);
}

TEST(FingerprintTest, ClaimsByPinCount) {
  model::LiveState live = Sample();
  std::string before = Print(live);
  EXPECT_NE(LiveFingerprint(live, "", {"id-3"}, ScopesManaged::kNo), before);
}

TEST(FingerprintTest, OwnedScopesCountOnlyWhenManaged) {
  model::LiveState live = Sample();
  std::string before = Print(live);
  model::LiveScope scope;
  scope.name = "p:s";
  live.owned_scopes.push_back(scope);
  EXPECT_EQ(Print(live), before);
  EXPECT_NE(LiveFingerprint(live, "", {}, ScopesManaged::kYes),
            LiveFingerprint(Sample(), "", {}, ScopesManaged::kYes));
}

}  // namespace
}  // namespace mpctl::plan
