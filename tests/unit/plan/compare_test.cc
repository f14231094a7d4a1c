#include "plan/compare.h"

#include <gtest/gtest.h>

#include "plan/plan_json.h"
#include "support/plan_builders.h"

namespace mpctl::plan {
namespace {

EnvironmentPlan Sample() {
  EnvironmentPlan env;
  env.name = "test";
  Action update;
  update.address = "client.sync";
  update.type = ResourceType::kClient;
  update.kind = ActionKind::kUpdate;
  update.name = "sync";
  update.client_id = "id-1";
  update.client.after = ClientFields{.client_name = "Sync", .description = "Sync", .scopes = {}};
  env.actions.push_back(update);
  Action keys;
  keys.address = "client.sync.keys";
  keys.type = ResourceType::kClientKeys;
  keys.kind = ActionKind::kUpdate;
  keys.name = "sync";
  keys.client_id = "id-1";
  keys.keys = {testing::Key("k2", "material")};
  env.actions.push_back(keys);
  return env;
}

TEST(CompareTest, NamesTheFirstDifference) {
  EnvironmentPlan now = Sample();

  EnvironmentPlan edited = Sample();
  edited.actions[0].kind = ActionKind::kDelete;
  EXPECT_EQ(FirstActionDifference(edited, now),
            "'client.sync': the saved plan has a delete (client), a plan made now has an update "
            "(client)");

  edited = Sample();
  edited.actions[0].client.after->description = "Other";
  EXPECT_EQ(FirstActionDifference(edited, now), "'client.sync': 'after.description' differs");

  edited = Sample();
  edited.actions[1].keys[0].thumbprint = "other";
  EXPECT_EQ(FirstActionDifference(edited, now), "'client.sync.keys': 'keys' differ");

  edited = Sample();
  Action extra;
  extra.address = "client.gone";
  extra.kind = ActionKind::kDelete;
  extra.client_id = "id-9";
  edited.actions.push_back(extra);
  EXPECT_EQ(FirstActionDifference(edited, now), "'client.gone': a delete only in the saved plan");
  EXPECT_EQ(FirstActionDifference(now, edited), "'client.gone': a delete only in a plan made now");
}

TEST(CompareTest, ASavedPlanReadBackMatchesTheOneItWasMadeFrom) {
  Plan plan;
  plan.environments.push_back(Sample());
  plan.environments[0].warnings.push_back({"client.sync", "differs with the clock"});
  auto read = ReadPlanJson(WritePlanJson(plan));
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_TRUE(read->environments[0].warnings.size() == 1);
  EnvironmentPlan now = Sample();  // no warnings: they are not compared
  EXPECT_EQ(FirstActionDifference(read->environments[0], now), std::nullopt);
}

TEST(PlanJsonPruneTest, PruneRoundTrips) {
  Plan plan;
  for (bool prune : {false, true}) {
    plan.prune = prune;
    auto read = ReadPlanJson(WritePlanJson(plan));
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_EQ(read->prune, prune);
  }
}

}  // namespace
}  // namespace mpctl::plan
