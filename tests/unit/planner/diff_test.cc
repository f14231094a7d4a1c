#include "planner/diff.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "base/strings.h"
#include "support/plan_builders.h"

namespace mpctl::planner {
namespace {

using plan::ActionKind;
using testing::DesiredClientOf;
using testing::DesiredOf;
using testing::Key;
using testing::LiveClientOf;
using testing::LiveOf;

constexpr std::int64_t kNow = 1795000000;

DiffOptions Options(Prune prune = Prune::kNo) {
  DiffOptions o;
  o.now = kNow;
  o.prune = prune;
  return o;
}

model::LiveScope OwnedScope(const std::string& subscope) {
  model::LiveScope scope;
  scope.name = "p:" + subscope;
  scope.prefix = "p";
  scope.subscope = subscope;
  return scope;
}

std::vector<std::string> Addresses(const plan::EnvironmentPlan& p) {
  std::vector<std::string> out;
  for (const auto& a : p.actions) out.push_back(a.address + " " + plan::ToString(a.kind));
  return out;
}

// Failure cases first.

TEST(DiffTest, TwoLiveClientsClaimingOneEntryIsAnErrorNamingBoth) {
  auto older = LiveClientOf("id-2", "sync", {"a:b"}, {Key("k1", "m1")});
  older.created = "2026-01-01T10:00:00.100Z";
  older.created_ms = base::ParseTimestampMillis(older.created);
  auto newer = LiveClientOf("id-1", "sync", {"a:b"});
  newer.created = "2026-01-01T10:00:00.200Z";
  newer.created_ms = base::ParseTimestampMillis(newer.created);
  auto p = Diff(DesiredOf({DesiredClientOf("sync", {"a:b"})}), LiveOf({newer, older}), Options());
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0].address, "client.sync");
  EXPECT_EQ(p.errors[0].message,
            "live clients 'id-2' (created 2026-01-01T10:00:00.100Z, keys 'k1'), 'id-1' (created "
            "2026-01-01T10:00:00.200Z, no keys) claim this entry; mpctl would keep 'id-2' (the "
            "oldest): run apply --resolve-duplicates to delete 'id-1', or pin the right one with "
            "client_id");
  EXPECT_TRUE(p.actions.empty());

  // With --resolve-duplicates: the newer one is deleted, the older one kept.
  auto options = Options();
  options.resolve_duplicates = true;
  auto resolved =
      Diff(DesiredOf({DesiredClientOf("sync", {"a:b"})}), LiveOf({newer, older}), options);
  EXPECT_TRUE(resolved.errors.empty());
  ASSERT_FALSE(resolved.actions.empty());
  const auto& deletion = resolved.actions.back();
  EXPECT_EQ(deletion.kind, plan::ActionKind::kDelete);
  EXPECT_EQ(deletion.client_id, "id-1");

  // Never past prevent_destroy.
  options.protected_clients = {"sync"};
  auto refused =
      Diff(DesiredOf({DesiredClientOf("sync", {"a:b"})}), LiveOf({newer, older}), options);
  ASSERT_EQ(refused.errors.size(), 1u);
  EXPECT_NE(refused.errors[0].message.find("prevent_destroy"), std::string::npos);
}

TEST(DiffTest, PinToMissingClientIsAnError) {
  auto d = DesiredClientOf("sync", {"a:b"});
  d.pinned_client_id = "gone";
  auto p = Diff(DesiredOf({d}), LiveOf({}), Options());
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0].message,
            "pinned client_id 'gone' is not an active client of organisation '310000108'; fix the "
            "id or remove the pin");
}

TEST(DiffTest, PinAndTagOnDifferentClientsIsAnError) {
  auto d = DesiredClientOf("sync", {"a:b"});
  d.pinned_client_id = "pinned";
  auto p =
      Diff(DesiredOf({d}),
           LiveOf({LiveClientOf("pinned", "", {"a:b"}), LiveClientOf("tagged", "sync", {"a:b"})}),
           Options());
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_NE(p.errors[0].message.find("'pinned' (created unknown"), std::string::npos);
  EXPECT_NE(p.errors[0].message.find("'tagged' (created unknown"), std::string::npos);
  EXPECT_NE(p.errors[0].message.find("would keep 'pinned' (pinned)"), std::string::npos);
}

TEST(DiffTest, PruneOfProtectedOrphanIsAnError) {
  DiffOptions o = Options(Prune::kYes);
  o.protected_clients = {"old"};
  auto p = Diff(DesiredOf({}), LiveOf({LiveClientOf("id-old", "old", {"a:b"})}), o);
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_TRUE(p.actions.empty());
}

TEST(DiffTest, UnusableScopeIsAnErrorOnlyWhenScopesWereRead) {
  auto desired = DesiredOf({DesiredClientOf("sync", {"x:y"})});
  model::LiveState live = LiveOf({});
  EXPECT_TRUE(Diff(desired, live, Options()).errors.empty());
  live.scopes_read = true;
  auto p = Diff(desired, live, Options());
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_NE(p.errors[0].message.find("scope 'x:y' cannot be used"), std::string::npos);
  live.access_to_us.push_back({"x:y", "999999999", "310000108", model::AccessState::kRequested});
  EXPECT_EQ(Diff(desired, live, Options()).errors.size(), 1u) << "only APPROVED access counts";
  live.access_to_us.back().state = model::AccessState::kApproved;
  EXPECT_TRUE(Diff(desired, live, Options()).errors.empty());
}

TEST(DiffTest, ForeignIntegrationTypeIsAnError) {
  auto live = LiveClientOf("id", "sync", {"a:b"});
  live.integration_type = "idporten";
  auto p = Diff(DesiredOf({DesiredClientOf("sync", {"a:b"})}), LiveOf({live}), Options());
  ASSERT_EQ(p.errors.size(), 1u);
}

TEST(DiffTest, ScopeOrderIsNotAChange) {
  auto p = Diff(DesiredOf({DesiredClientOf("sync", {"a:b", "c:d"})}),
                LiveOf({LiveClientOf("id", "sync", {"c:d", "a:b", "a:b"})}), Options());
  EXPECT_TRUE(p.actions.empty());
  EXPECT_EQ(p.summary.unchanged, 1);
}

TEST(DiffTest, PinnedUntaggedClientGetsOurTag) {
  auto d = DesiredClientOf("sync", {"a:b"});
  d.pinned_client_id = "id";
  auto p = Diff(DesiredOf({d}), LiveOf({LiveClientOf("id", "", {"a:b"})}), Options());
  ASSERT_EQ(p.actions.size(), 1u);
  const auto& a = p.actions[0];
  EXPECT_EQ(a.kind, ActionKind::kUpdate);
  EXPECT_EQ(a.client_id, "id");
  ASSERT_EQ(a.changes.size(), 3u);  // client_name and description ("id" → "sync"), the tag
  EXPECT_EQ(a.changes[2].path, "ownership tag");
  EXPECT_EQ(std::get<std::string>(*a.changes[2].from), "");
  EXPECT_EQ(std::get<std::string>(*a.changes[2].to), "[mpctl:sync]");
}

// Inactive clients never reach Diff: portal::NormalizeClientList drops them where the list
// enters (tested in tests/unit/portal: HttpPortalApiTest, LiveStateTest).
TEST(DiffTest, ForeignNamespaceClientsAreNotOurs) {
  auto foreign = LiveClientOf("id-2", "sync", {"a:b"}, {}, "other-team");
  auto p = Diff(DesiredOf({DesiredClientOf("sync", {"a:b"})}), LiveOf({foreign}), Options());
  EXPECT_EQ(Addresses(p), std::vector<std::string>{"client.sync create"});
  EXPECT_EQ(p.summary.unmanaged, 1);  // the foreign one
}

TEST(DiffTest, OrphanIsDeletedOnlyWithPrune) {
  auto live = LiveOf({LiveClientOf("id-old", "old", {"a:b"})});
  auto kept = Diff(DesiredOf({}), live, Options());
  EXPECT_TRUE(kept.actions.empty());
  ASSERT_EQ(kept.orphans.size(), 1u);
  EXPECT_EQ(kept.orphans[0].client_id, "id-old");
  EXPECT_EQ(kept.summary.orphaned, 1);
  auto pruned = Diff(DesiredOf({}), live, Options(Prune::kYes));
  EXPECT_EQ(Addresses(pruned), std::vector<std::string>{"client.old delete"});
  EXPECT_EQ(pruned.summary.del, 1);
}

TEST(DiffTest, KeysByKidAndMaterial) {
  auto desired = DesiredOf({DesiredClientOf(
      "sync", {"a:b"}, {Key("k1", "same"), Key("k2", "new"), Key("k3", "added")})});
  auto live = LiveOf({LiveClientOf("id", "sync", {"a:b"},
                                   {Key("k2", "old"), Key("k1", "same"), Key("k0", "gone")})});
  auto p = Diff(desired, live, Options());
  ASSERT_EQ(p.actions.size(), 1u);
  const auto& a = p.actions[0];
  EXPECT_EQ(a.address, "client.sync.keys");
  ASSERT_EQ(a.changes.size(), 1u);
  EXPECT_EQ(a.changes[0].add, std::vector<std::string>{"k3"});
  EXPECT_EQ(a.changes[0].remove, std::vector<std::string>{"k0"});
  EXPECT_EQ(a.changes[0].replace, std::vector<std::string>{"k2"});
  ASSERT_EQ(a.keys.size(), 3u);
  EXPECT_EQ(a.keys[1].n, "n-new") << "in memory the applier gets the material";
  EXPECT_TRUE(a.before_keys[0].n.empty()) << "the live view carries no material";
}

TEST(DiffTest, RemovingEveryKeyIsAnUpdateWithAnEmptySet) {
  auto p = Diff(DesiredOf({DesiredClientOf("sync", {"a:b"})}),
                LiveOf({LiveClientOf("id", "sync", {"a:b"}, {Key("k1", "x")})}), Options());
  ASSERT_EQ(p.actions.size(), 1u);
  EXPECT_EQ(p.actions[0].kind, ActionKind::kUpdate);
  EXPECT_TRUE(p.actions[0].keys.empty());
}

TEST(DiffTest, RemovingAYoungKeyWarns) {
  model::PublicKey young = Key("k1", "x");
  young.created = kNow - 120;
  auto p = Diff(DesiredOf({DesiredClientOf("sync", {"a:b"}, {Key("k2", "y")})}),
                LiveOf({LiveClientOf("id", "sync", {"a:b"}, {young})}), Options());
  ASSERT_EQ(p.warnings.size(), 2u);
  EXPECT_EQ(p.warnings[0].message,
            "key 'k1' is removed 2 minutes after it was registered; callers that just switched "
            "to it will fail");
  EXPECT_EQ(p.warnings[1].message,
            "key 'k1' is removed by the same apply that registers 'k2'; callers may still sign "
            "with 'k1'");
}

// The dangerous step of a rotation: the old key goes before callers switched to the new one.
TEST(DiffTest, RemovingTheOldKeySoonAfterTheNewOneWasRegisteredWarns) {
  model::PublicKey old_key = Key("old", "x");
  old_key.created = kNow - 52;
  model::PublicKey new_key = Key("new", "y");
  new_key.created = kNow - 26;
  model::PublicKey older_key = Key("older", "z");
  older_key.created = kNow - 3600;
  auto desired =
      DesiredOf({DesiredClientOf("sync", {"a:b"}, {Key("new", "y"), Key("older", "z")})});
  auto live = LiveOf({LiveClientOf("id", "sync", {"a:b"}, {old_key, new_key, older_key})});
  DiffOptions o = Options();
  o.min_key_age_seconds = 45;
  auto p = Diff(desired, live, o);
  ASSERT_EQ(p.warnings.size(), 1u) << p.warnings[0].message;
  EXPECT_EQ(p.warnings[0].address, "client.sync.keys");
  EXPECT_EQ(p.warnings[0].message,
            "key 'old' is removed only 0 minutes after 'new' was registered; callers may still "
            "sign with 'old'");

  o.min_key_age_seconds = 20;  // both keys are older than that: no warning at all
  EXPECT_TRUE(Diff(desired, live, o).warnings.empty());

  new_key.created = kNow - 200;  // minutes are counted down
  o.min_key_age_seconds = 600;
  old_key.created = kNow - 3000;
  auto later = Diff(
      desired, LiveOf({LiveClientOf("id", "sync", {"a:b"}, {old_key, new_key, older_key})}), o);
  ASSERT_EQ(later.warnings.size(), 1u);
  EXPECT_EQ(later.warnings[0].message,
            "key 'old' is removed only 3 minutes after 'new' was registered; callers may still "
            "sign with 'old'");
}

// A declared scope's consumers are its full set, like a client's scopes: no --prune needed.
TEST(DiffTest, ConsumerTakenOutOfTheManifestIsRevokedWithoutPrune) {
  model::DesiredState desired = DesiredOf({});
  model::DesiredScope scope;
  scope.name = "p:s";
  scope.prefix = "p";
  scope.subscope = "s";
  scope.consumers = {"912345602"};
  desired.scopes.push_back(scope);
  model::LiveState live = LiveOf({});
  live.owned_scopes.push_back(OwnedScope("s"));
  live.owned_scopes.back().allowed_integration_types = {};
  live.granted_access.push_back({"p:s", "310000108", "912345602", model::AccessState::kApproved});
  live.granted_access.push_back({"p:s", "310000108", "974761076", model::AccessState::kApproved});
  auto p = Diff(desired, live, Options(Prune::kNo));
  std::vector<std::string> addresses = Addresses(p);
  EXPECT_NE(std::find(addresses.begin(), addresses.end(), "scope.p:s.access.974761076 delete"),
            addresses.end());
  EXPECT_EQ(p.summary.del, 1);
  EXPECT_EQ(p.summary.orphaned, 0);
  for (const auto& a : p.actions) {
    if (a.type == plan::ResourceType::kScopeAccess) {
      EXPECT_FALSE(plan::NeedsPrune(a));
    }
  }
}

TEST(DiffTest, ExpiryWindowIsAnOption) {
  model::PublicKey key = Key("k1", "x");
  key.exp = kNow + 40 * kDay;
  auto desired = DesiredOf({DesiredClientOf("sync", {"a:b"}, {Key("k1", "x")})});
  auto live = LiveOf({LiveClientOf("id", "sync", {"a:b"}, {key})});
  EXPECT_TRUE(Diff(desired, live, Options()).warnings.empty());
  DiffOptions wide = Options();
  wide.expiry_within_seconds = 60 * kDay;
  auto p = Diff(desired, live, wide);
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_EQ(p.warnings[0].message, "key 'k1' expires 2026-12-28 (40 days)");
}

TEST(DiffTest, SameNameUnmanagedClientIsALikelyDuplicate) {
  model::LiveClient hand = LiveClientOf("hand", "", {"a:b"});
  hand.client_name = "sync";
  auto p = Diff(DesiredOf({DesiredClientOf("sync", {"a:b"})}), LiveOf({hand}), Options());
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_NE(p.warnings[0].message.find("a likely duplicate"), std::string::npos);
  ASSERT_EQ(p.unmanaged.size(), 1u);
  EXPECT_EQ(p.unmanaged[0].client_id, "hand");
}

TEST(DiffTest, OwnedScopesAreLeftAloneWhenTheManifestDeclaresNone) {
  model::LiveState live = LiveOf({});
  live.owned_scopes.push_back(OwnedScope("s"));
  EXPECT_TRUE(Diff(DesiredOf({}), live, Options(Prune::kYes)).actions.empty());
}

TEST(DiffTest, ActionsComeInApplierOrder) {
  auto desired = DesiredOf(
      {DesiredClientOf("new", {"p:s"}, {Key("k", "m")}), DesiredClientOf("changed", {"p:s"})});
  model::DesiredScope scope;
  scope.name = "p:s";
  scope.prefix = "p";
  scope.subscope = "s";
  scope.consumers = {"912345602"};
  desired.scopes.push_back(scope);
  model::LiveState live = LiveOf(
      {LiveClientOf("id-c", "changed", {"p:other"}), LiveClientOf("id-o", "orphan", {"p:s"})});
  live.owned_scopes.push_back(OwnedScope("old"));
  live.granted_access.push_back({"p:s", "310000108", "974761076", model::AccessState::kApproved});
  auto p = Diff(desired, live, Options(Prune::kYes));
  EXPECT_EQ(Addresses(p),
            (std::vector<std::string>{"scope.p:s create", "scope.p:s.access.912345602 create",
                                      "client.new create", "client.changed update",
                                      "client.new.keys create", "scope.p:s.access.974761076 delete",
                                      "client.orphan delete", "scope.p:old delete"}));
}

}  // namespace
}  // namespace mpctl::planner
