#include "support/plan_schema.h"

#include <gtest/gtest.h>

#include "plan/plan_json.h"

namespace mpctl::plan {
namespace {

std::string Minimal() {
  Plan p;
  p.tool_version = "0.1.0";
  EnvironmentPlan env;
  env.name = "test";
  env.live_fingerprint = std::string(64, '0');
  p.environments.push_back(env);
  return WritePlanJson(p);
}

// The schema must be able to fail, or the golden tests' schema check proves nothing.
TEST(PlanSchemaTest, RejectsKeyMaterialAndUnknownActions) {
  ASSERT_EQ(testing::PlanSchemaViolation(Minimal()), std::nullopt);
  std::string json = Minimal();
  std::string with_key = json;
  with_key.replace(with_key.find("\"actions\": []"), 13,
                   R"("actions": [{"address": "client.a.keys", "action": "create", "type": )"
                   R"("client_keys", "name": "a", "keys": [{"kid": "k", "thumbprint": "t", )"
                   R"("bits": 2048, "alg": "RS256", "n": "secret"}]}])");
  EXPECT_EQ(testing::PlanSchemaViolation(with_key),
            "#/environments/0/actions/0/keys/0/n violates "
            "'additionalProperties'");
  std::string bad_kind = json;
  bad_kind.replace(
      bad_kind.find("\"actions\": []"), 13,
      R"("actions": [{"address": "client.a", "action": "replace", "type": "client", "name": "a"}])");
  EXPECT_EQ(testing::PlanSchemaViolation(bad_kind),
            "#/environments/0/actions/0/action violates 'enum'");
}

}  // namespace
}  // namespace mpctl::plan
