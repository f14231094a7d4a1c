#include "planner/cause.h"

#include <gtest/gtest.h>

#include "plan/compare.h"
#include "support/plan_builders.h"

namespace mpctl::planner {
namespace {

using plan::ActionKind;
using plan::Cause;
using testing::DesiredClientOf;
using testing::DesiredOf;
using testing::Key;
using testing::LiveClientOf;
using testing::LiveOf;

DiffOptions Options() {
  DiffOptions o;
  o.now = 1795000000;
  o.min_key_age_seconds = 0;
  return o;
}

// The plan of `desired` against `live`, attributed against `base`.
plan::EnvironmentPlan Attributed(const model::DesiredState& desired,
                                 const model::DesiredState* base, const model::LiveState& live) {
  plan::EnvironmentPlan p = Diff(desired, live, Options());
  AttributeCauses(p, base, desired, live, Options());
  return p;
}

const plan::Action& Only(const plan::EnvironmentPlan& p, const std::string& address) {
  for (const auto& a : p.actions) {
    if (a.address == address) return a;
  }
  ADD_FAILURE() << "no action " << address;
  static plan::Action none;
  return none;
}

TEST(CauseTest, WithoutABaseEnvironmentEverythingIsTheManifests) {
  auto desired = DesiredOf({DesiredClientOf("sync", {"a:b"})});
  auto p = Attributed(desired, nullptr, LiveOf({LiveClientOf("id", "sync", {"x:y"})}));
  const auto& a = Only(p, "client.sync");
  ASSERT_EQ(a.changes.size(), 1u);
  EXPECT_EQ(a.changes[0].cause, Cause::kManifest);
  EXPECT_EQ(a.cause, Cause::kManifest);
  EXPECT_EQ(p.summary.drift, 0);
  EXPECT_TRUE(a.changes[0].adopt.empty());
}

TEST(CauseTest, ScopesCountPerElement) {
  // The manifest adds c:d since the base; x:y was added by hand, e:f removed by hand.
  auto base = DesiredOf({DesiredClientOf("sync", {"a:b", "e:f"})});
  auto desired = DesiredOf({DesiredClientOf("sync", {"a:b", "c:d", "e:f"})});
  auto live = LiveOf({LiveClientOf("id", "sync", {"a:b", "x:y"})});
  auto p = Attributed(desired, &base, live);
  const auto& a = Only(p, "client.sync");
  ASSERT_EQ(a.changes.size(), 2u);
  EXPECT_EQ(a.changes[0].cause, Cause::kManifest);
  EXPECT_EQ(a.changes[0].add, std::vector<std::string>{"c:d"});
  EXPECT_TRUE(a.changes[0].remove.empty());
  EXPECT_EQ(a.changes[1].cause, Cause::kDrift);
  EXPECT_EQ(a.changes[1].add, std::vector<std::string>{"e:f"});
  EXPECT_EQ(a.changes[1].remove, std::vector<std::string>{"x:y"});
  // Keeping the hand edits: the desired set without e:f, with x:y.
  EXPECT_EQ(a.changes[1].adopt, "clients:\n  sync:\n    scopes: [\"a:b\", \"c:d\", \"x:y\"]\n");
  EXPECT_EQ(a.cause, Cause::kBoth);
  EXPECT_EQ(p.summary.drift, 1);
  // The manifest removing a scope is not a hand edit.
  auto removed = Attributed(DesiredOf({DesiredClientOf("sync", {"a:b"})}), &base,
                            LiveOf({LiveClientOf("id", "sync", {"a:b", "e:f"})}));
  EXPECT_EQ(Only(removed, "client.sync").changes[0].cause, Cause::kManifest);
  EXPECT_EQ(removed.summary.drift, 0);
}

TEST(CauseTest, KeysCountPerKid) {
  // k1: the manifest changed its file; k2: replaced by hand; k3: replaced by hand and in the
  // manifest; k4: uploaded by hand; k5: deleted by hand; k6: new in the manifest.
  auto base = DesiredOf({DesiredClientOf(
      "sync", {"a:b"}, {Key("k1", "m1"), Key("k2", "m2"), Key("k3", "m3"), Key("k5", "m5")})});
  auto desired = DesiredOf({DesiredClientOf(
      "sync", {"a:b"},
      {Key("k1", "new1"), Key("k2", "m2"), Key("k3", "new3"), Key("k5", "m5"), Key("k6", "m6")})});
  auto live = LiveOf(
      {LiveClientOf("id", "sync", {"a:b"},
                    {Key("k1", "m1"), Key("k2", "hand2"), Key("k3", "hand3"), Key("k4", "m4")})});
  auto p = Attributed(desired, &base, live);
  const auto& a = Only(p, "client.sync.keys");
  ASSERT_EQ(a.changes.size(), 3u);
  EXPECT_EQ(a.changes[0].cause, Cause::kManifest);
  EXPECT_EQ(a.changes[0].add, std::vector<std::string>{"k6"});
  EXPECT_EQ(a.changes[0].replace, std::vector<std::string>{"k1"});
  EXPECT_EQ(a.changes[1].cause, Cause::kDrift);
  EXPECT_EQ(a.changes[1].add, std::vector<std::string>{"k5"});
  EXPECT_EQ(a.changes[1].remove, std::vector<std::string>{"k4"});
  EXPECT_EQ(a.changes[1].replace, std::vector<std::string>{"k2"});
  EXPECT_EQ(a.changes[2].cause, Cause::kBoth);
  EXPECT_EQ(a.changes[2].replace, std::vector<std::string>{"k3"});
  EXPECT_NE(a.changes[1].adopt.find("- kid: \"k4\""), std::string::npos) << a.changes[1].adopt;
  EXPECT_EQ(p.summary.drift, 2);
  // A saved plan made with --base still matches a plan made now without it.
  EXPECT_EQ(plan::FirstActionDifference(p, Diff(desired, live, Options())), std::nullopt);
}

TEST(CauseTest, ScalarsAreManifestDriftOrBoth) {
  auto base = DesiredOf({DesiredClientOf("sync", {"a:b"})});
  base.clients[0].display_name = "Sync";
  auto desired = base;
  desired.clients[0].display_name = "Sync v2";
  auto live = LiveOf({LiveClientOf("id", "sync", {"a:b"})});
  live.clients[0].client_name = "Sync";
  EXPECT_EQ(Attributed(desired, &base, live).actions[0].changes[0].cause, Cause::kManifest);
  live.clients[0].client_name = "Renamed";
  auto both = Attributed(desired, &base, live);
  EXPECT_EQ(both.actions[0].changes[0].cause, Cause::kBoth);
  EXPECT_EQ(both.actions[0].changes[0].adopt, "clients:\n  sync:\n    display_name: \"Renamed\"\n");
  EXPECT_EQ(Attributed(base, &base, live).actions[0].changes[0].cause, Cause::kDrift);
}

TEST(CauseTest, ClientsCreatedOrDeletedByHand) {
  auto base = DesiredOf({DesiredClientOf("sync", {"a:b"}, {Key("k1", "m1")})});
  // Deleted by hand: apply creates it (and its keys) again.
  auto p = Attributed(base, &base, LiveOf({}));
  EXPECT_EQ(Only(p, "client.sync").kind, ActionKind::kCreate);
  EXPECT_EQ(Only(p, "client.sync").cause, Cause::kDrift);
  EXPECT_EQ(Only(p, "client.sync.keys").cause, Cause::kDrift);
  EXPECT_NE(Only(p, "client.sync").adopt.find("deleted outside mpctl"), std::string::npos);
  // A new entry is the manifest's.
  auto grown = DesiredOf({DesiredClientOf("new", {"a:b"}), DesiredClientOf("sync", {"a:b"})});
  auto q =
      Attributed(grown, &base, LiveOf({LiveClientOf("id", "sync", {"a:b"}, {Key("k1", "m1")})}));
  EXPECT_EQ(Only(q, "client.new").cause, Cause::kManifest);
  // A client made by hand with the manifest's tag, pruned: drift; one the change removed: not.
  DiffOptions prune = Options();
  prune.prune = Prune::kYes;
  auto live = LiveOf({LiveClientOf("id", "sync", {"a:b"}, {Key("k1", "m1")}),
                      LiveClientOf("id2", "extra", {"a:b"})});
  auto r = Diff(base, live, prune);
  AttributeCauses(r, &base, base, live, prune);
  EXPECT_EQ(Only(r, "client.extra").cause, Cause::kDrift);
  EXPECT_NE(Only(r, "client.extra").adopt.find("clients:\n  extra:\n"), std::string::npos);
  auto with_extra = DesiredOf({DesiredClientOf("extra", {"a:b"}), base.clients[0]});
  auto s = Diff(base, live, prune);
  AttributeCauses(s, &with_extra, base, live, prune);
  EXPECT_EQ(Only(s, "client.extra").cause, Cause::kManifest);
}

TEST(CauseTest, ScopesAndConsumersChangedByHand) {
  model::DesiredState base = DesiredOf({});
  model::DesiredScope scope;
  scope.name = "p:s";
  scope.prefix = "p";
  scope.subscope = "s";
  scope.visibility = model::Visibility::kPrivate;
  scope.consumers = {"912345602", "974761076"};
  base.scopes.push_back(scope);
  model::DesiredState desired = base;
  desired.scopes[0].consumers = {"912345602", "974761076", "310000205"};
  model::LiveState live = LiveOf({});
  model::LiveScope owned;
  owned.name = "p:s";
  owned.prefix = "p";
  owned.subscope = "s";
  owned.visibility = "PUBLIC";  // made public by hand
  owned.active = false;         // and deactivated
  live.owned_scopes.push_back(owned);
  live.scopes_read = true;
  // 974761076 revoked by hand, 991825827 granted by hand; 310000205 is new in the manifest.
  live.granted_access.push_back({"p:s", "310000108", "912345602", model::AccessState::kApproved});
  live.granted_access.push_back({"p:s", "310000108", "991825827", model::AccessState::kApproved});
  auto p = Attributed(desired, &base, live);
  const auto& s = Only(p, "scope.p:s");
  ASSERT_EQ(s.changes.size(), 2u);
  for (const auto& c : s.changes) {
    EXPECT_EQ(c.cause, Cause::kDrift) << c.path;
    if (c.path == "visibility") {
      EXPECT_EQ(c.adopt, "scopes:\n  \"p:s\":\n    visibility: public\n");
    }
    if (c.path == "active") {
      EXPECT_NE(c.adopt.find("deactivated outside mpctl"), std::string::npos);
    }
  }
  EXPECT_EQ(Only(p, "scope.p:s.access.310000205").cause, Cause::kManifest);
  EXPECT_EQ(Only(p, "scope.p:s.access.974761076").cause, Cause::kDrift);
  EXPECT_EQ(Only(p, "scope.p:s.access.974761076").adopt,
            "scopes:\n  \"p:s\":\n    consumers: [\"310000205\", \"912345602\"]\n");
  EXPECT_EQ(Only(p, "scope.p:s.access.991825827").cause, Cause::kDrift);
  EXPECT_EQ(Only(p, "scope.p:s.access.991825827").adopt,
            "scopes:\n  \"p:s\":\n    consumers: [\"310000205\", \"912345602\", "
            "\"974761076\", \"991825827\"]\n");
  EXPECT_EQ(p.summary.drift, 4);
}

}  // namespace
}  // namespace mpctl::planner
