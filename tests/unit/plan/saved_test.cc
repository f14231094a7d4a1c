#include "plan/saved.h"

#include <gtest/gtest.h>

namespace mpctl::plan {
namespace {

Plan Sample() {
  Plan p;
  p.manifest_sha256 = std::string(64, 'a');
  for (const char* name : {"test", "prod"}) {
    EnvironmentPlan env;
    env.name = name;
    env.live_fingerprint = std::string("fp-") + name;
    Action a;
    a.address = "client.sync";
    a.type = ResourceType::kClient;
    a.kind = ActionKind::kUpdate;
    a.name = "sync";
    a.client_id = "id-1";
    a.client.after = ClientFields{"Sync", "Sync", {"a:b"}};
    env.actions.push_back(a);
    p.environments.push_back(env);
  }
  return p;
}

TEST(SavedPlanTest, AppliesOnlyWhatAPlanMadeNowWouldDo) {
  const Plan saved = Sample();
  EXPECT_FALSE(CheckSavedManifest(saved, saved.manifest_sha256));
  EXPECT_FALSE(CheckSavedAgainst(saved, Sample()));

  auto manifest = CheckSavedManifest(saved, std::string(64, 'c'));
  ASSERT_TRUE(manifest);
  EXPECT_EQ(manifest->kind, Staleness::Kind::kManifestChanged);

  Plan now = Sample();
  now.environments[1].live_fingerprint = "other";
  now.environments[1].actions[0].client.after->scopes = {"c:d"};
  auto live = CheckSavedAgainst(saved, now);
  ASSERT_TRUE(live);
  EXPECT_EQ(live->kind, Staleness::Kind::kLiveChanged) << "fingerprints are compared first";
  EXPECT_EQ(live->environment, "prod");

  now = Sample();
  now.environments[1].actions[0].client.after->scopes = {"c:d"};
  auto edited = CheckSavedAgainst(saved, now);
  ASSERT_TRUE(edited);
  EXPECT_EQ(edited->kind, Staleness::Kind::kActionsDiffer);
  EXPECT_EQ(edited->environment, "prod");
  EXPECT_EQ(edited->difference, "'client.sync': 'after.scopes' differs");
}

}  // namespace
}  // namespace mpctl::plan
