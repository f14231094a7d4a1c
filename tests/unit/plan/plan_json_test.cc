#include "plan/plan_json.h"

#include <gtest/gtest.h>

#include "model/ownership.h"
#include "plan/key_material.h"
#include "support/plan_builders.h"

namespace mpctl::plan {
namespace {

Plan SamplePlan() {
  Plan p;
  p.tool_version = "0.1.0";
  p.manifest_path = "mpctl.yaml";
  p.manifest_sha256 = std::string(64, 'a');
  EnvironmentPlan env;
  env.name = "test";
  env.organization = "310000108";
  env.api_url = "https://api.test.samarbeid.digdir.no/api/v1";
  env.live_fingerprint = std::string(64, 'b');
  Action update;
  update.address = "scope.p:s";
  update.type = ResourceType::kScope;
  update.kind = ActionKind::kUpdate;
  update.name = "p:s";
  update.scope.before = ScopeFields{.prefix = "p",
                                    .subscope = "s",
                                    .description = "Read",
                                    .long_description = "",
                                    .visibility = "PUBLIC",
                                    .allowed_integration_types = {"maskinporten"},
                                    .accessible_for_all = false,
                                    .at_max_age = 0};
  update.scope.after = update.scope.before;
  update.scope.after->accessible_for_all = true;
  update.scope.after->at_max_age = 120;
  Change c;
  c.path = "at_max_age";
  c.from = std::int64_t{0};
  c.to = std::int64_t{120};
  update.changes.push_back(c);
  env.actions.push_back(update);
  Action keys;
  keys.address = "client.sync.keys";
  keys.type = ResourceType::kClientKeys;
  keys.kind = ActionKind::kUpdate;
  keys.name = "sync";
  keys.client_id = "id-1";
  keys.keys = {testing::Key("k2", "SECRET-LOOKING-MATERIAL")};
  keys.before_keys = {testing::Key("k1", "old")};
  keys.before_keys[0].n.clear();
  Change kc;
  kc.path = "keys";
  kc.add = {"k2"};
  kc.remove = {"k1"};
  keys.changes.push_back(kc);
  env.actions.push_back(keys);
  env.warnings.push_back({"client.sync.keys", "key 'k1' expires 2026-12-06 (12 days)"});
  env.orphans.push_back({"client.old", "id-9"});
  env.unmanaged.push_back({"id-u", "Hand \"made\""});
  env.summary = {0, 2, 0, 3, 1, 1, std::nullopt};
  p.environments.push_back(env);
  return p;
}

TEST(PlanJsonTest, RejectsMalformedInputNamingThePath) {
  auto bad = ReadPlanJson("{");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, base::ErrorCode::kInvalidInput);
  EXPECT_EQ(bad.error().message.rfind("offset 1: ", 0), 0u) << bad.error().message;

  std::string json = WritePlanJson(SamplePlan());
  std::string no_kind = json;
  no_kind.replace(no_kind.find("\"action\": \"update\""), 18, "\"action\": \"upsert\"");
  auto unknown = ReadPlanJson(no_kind);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message, "environments[0].actions[0].action: unknown value 'upsert'");

  std::string version = json;
  version.replace(version.find("\"2\""), 3, "\"1\"");
  auto older = ReadPlanJson(version);
  ASSERT_FALSE(older.ok());
  EXPECT_EQ(older.error().message,
            "format_version: '1' is not supported (this mpctl reads '2'); make the plan again");
}

TEST(PlanJsonTest, RejectsWrongShapesWithoutCrashing) {
  const std::pair<const char*, const char*> cases[] = {
      {R"([])", "a plan is a JSON object"},
      {R"({"format_version": 1})", "format_version: expected a string"},
      {R"({"format_version": "2", "tool_version": "x", "manifest_path": "m", "manifest_sha256": "",
          "prune": false,
          "environments": [1]})",
       "environments[0]: expected an object"},
      {R"({"format_version": "2", "tool_version": "x", "manifest_path": "m", "manifest_sha256": "",
          "prune": false,
          "environments": [{"name": "t", "organization": "o", "api_url": "u",
          "live_fingerprint": "f", "summary": [], "actions": "x"}]})",
       "environments[0].summary: expected an object"},
      {R"({"format_version": "2", "tool_version": "x", "manifest_path": "m", "manifest_sha256": "",
          "prune": false,
          "environments": [{"name": "t", "organization": "o", "api_url": "u",
          "live_fingerprint": "f", "summary": {"create": 0, "update": 0, "delete": 0,
          "unchanged": 0, "unmanaged": 0, "orphaned": 0}, "actions": [{"address": "a",
          "action": "create", "type": "client", "name": "n", "after": {"x": {}}}]}]})",
       "environments[0].actions[0].after.x: expected a string, integer, boolean or array of "
       "strings"},
      {R"({"format_version": "2", "tool_version": "x", "manifest_path": "m", "manifest_sha256": "",
          "prune": false,
          "environments": [{"name": "t", "organization": "o", "api_url": "u",
          "live_fingerprint": "f", "summary": {"create": 0, "update": 0, "delete": 0,
          "unchanged": 0, "unmanaged": 0, "orphaned": 0}, "actions": [{"address": "a",
          "action": "create", "type": "client", "name": "n", "after": {"client_name": "c", "description": "d", "x": "y", "scopes": []}}]}]})",
       "environments[0].actions[0].after.x: not a field of a client"},
      {R"({"format_version": "2", "tool_version": "x", "manifest_path": "m", "manifest_sha256": "",
          "prune": false,
          "environments": [{"name": "t", "organization": "o", "api_url": "u",
          "live_fingerprint": "f", "summary": {"create": 0, "update": 0, "delete": 0,
          "unchanged": 0, "unmanaged": 0, "orphaned": 0}, "actions": [{"address": "a",
          "action": "create", "type": "client", "name": "n", "after": {"client_name": "c", "description": "d"}}]}]})",
       "environments[0].actions[0].after.scopes: missing"},
      {R"({"format_version": "2", "tool_version": "x", "manifest_path": "m", "manifest_sha256": "",
          "prune": false,
          "environments": [{"name": "t", "organization": "o", "api_url": "u",
          "live_fingerprint": "f", "summary": {"create": 0, "update": 0, "delete": 0,
          "unchanged": 0, "unmanaged": 0, "orphaned": 0}, "actions": [{"address": "a",
          "action": "create", "type": "client", "name": "n", "after": {"client_name": 1, "description": "d", "scopes": []}}]}]})",
       "environments[0].actions[0].after.client_name: expected a string"},
  };
  for (const auto& [json, message] : cases) {
    auto result = ReadPlanJson(json);
    ASSERT_FALSE(result.ok()) << json;
    EXPECT_EQ(result.error().message, message);
  }
}

TEST(PlanJsonTest, RoundTripsEveryField) {
  Plan original = SamplePlan();
  std::string json = WritePlanJson(original);
  auto read = ReadPlanJson(json);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(WritePlanJson(*read), json);
  const Action& scope = read->environments[0].actions[0];
  ASSERT_TRUE(scope.scope.after.has_value());
  EXPECT_EQ(scope.scope.after->at_max_age, 120);
  EXPECT_EQ(scope.scope.after->accessible_for_all, true);
  EXPECT_EQ(scope.scope, original.environments[0].actions[0].scope);
  EXPECT_EQ(read->environments[0].summary.unchanged, 3);
  EXPECT_EQ(read->environments[0].unmanaged[0].client_name, "Hand \"made\"");
}

TEST(PlanJsonTest, CarriesNoKeyMaterial) {
  std::string json = WritePlanJson(SamplePlan());
  EXPECT_EQ(json.find("n-SECRET-LOOKING-MATERIAL"), std::string::npos);
  EXPECT_EQ(json.find("\"n\""), std::string::npos);
  EXPECT_NE(json.find("tp-SECRET-LOOKING-MATERIAL"), std::string::npos) << "thumbprints stay";
}

TEST(KeyMaterialTest, FailsWhenTheManifestNoLongerHoldsTheKey) {
  auto read = ReadPlanJson(WritePlanJson(SamplePlan()));
  ASSERT_TRUE(read.ok());
  model::DesiredState desired = testing::DesiredOf({testing::DesiredClientOf("sync", {"a:b"})});
  auto missing = ReattachKeyMaterial(*read, std::vector<model::DesiredState>{desired});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, base::ErrorCode::kConflict);
  EXPECT_EQ(missing.error().message,
            "environment 'test': client.sync.keys: key 'k2' is not in the manifest; the manifest "
            "changed since the plan was made, make the plan again");
  desired.clients[0].keys = {testing::Key("k2", "other")};
  auto changed = ReattachKeyMaterial(*read, std::vector<model::DesiredState>{desired});
  ASSERT_FALSE(changed.ok());
  EXPECT_NE(changed.error().message.find("other key material"), std::string::npos);
}

TEST(KeyMaterialTest, RestoresMaterialByKidAndThumbprint) {
  auto read = ReadPlanJson(WritePlanJson(SamplePlan()));
  ASSERT_TRUE(read.ok());
  EXPECT_TRUE(read->environments[0].actions[1].keys[0].n.empty());
  model::DesiredState desired = testing::DesiredOf(
      {testing::DesiredClientOf("sync", {"a:b"}, {testing::Key("k2", "SECRET-LOOKING-MATERIAL")})});
  ASSERT_TRUE(ReattachKeyMaterial(*read, std::vector<model::DesiredState>{desired}).ok());
  EXPECT_EQ(read->environments[0].actions[1].keys[0].n, "n-SECRET-LOOKING-MATERIAL");
}

}  // namespace
}  // namespace mpctl::plan
