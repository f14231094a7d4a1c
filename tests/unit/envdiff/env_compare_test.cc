#include "envdiff/env_compare.h"

#include <gtest/gtest.h>

#include "base/diagnostics.h"
#include "manifest/parser.h"
#include "model/ownership.h"

namespace mpctl::envdiff {
namespace {

model::DesiredClient Client(std::string name, std::vector<std::string> scopes) {
  model::DesiredClient c;
  c.name = std::move(name);
  c.display_name = "Display " + c.name;
  c.description = "About " + c.name;
  c.scopes = std::move(scopes);
  return c;
}

model::LiveClient Live(std::string id, const model::DesiredClient& d, const std::string& owner) {
  model::LiveClient l;
  l.client_id = std::move(id);
  l.client_name = d.display_name;
  l.description = model::WithOwnershipTag(d.description, owner, d.name);
  l.scopes = d.scopes;
  l.keys.emplace();
  return l;
}

TEST(EnvCompareTest, ClaimsByPinFirstThenByTagInTheOwnersNamespace) {
  model::DesiredState desired;
  desired.owner = "team";
  desired.clients = {Client("sync", {"a:b"}), Client("pinned", {})};
  desired.clients[1].pinned_client_id = "id-pinned";
  model::LiveState live;
  live.clients = {Live("id-other-owner", desired.clients[0], "other"),
                  Live("id-sync", desired.clients[0], "team"),
                  Live("id-pinned", desired.clients[1], "nobody")};
  const model::LiveClient* sync = ClaimedLiveClient(desired, desired.clients[0], live);
  ASSERT_NE(sync, nullptr);
  EXPECT_EQ(sync->client_id, "id-sync");
  const model::LiveClient* pinned = ClaimedLiveClient(desired, desired.clients[1], live);
  ASSERT_NE(pinned, nullptr);
  EXPECT_EQ(pinned->client_id, "id-pinned");
  live.clients.erase(live.clients.begin() + 1);
  EXPECT_EQ(ClaimedLiveClient(desired, desired.clients[0], live), nullptr);
}

TEST(EnvCompareTest, DesiredAndLiveViewsOfTheSameStateAgree) {
  model::DesiredState desired;
  desired.owner = "team";
  desired.clients = {Client("sync", {"b:x", "a:y", "a:y"})};
  model::LiveState live;
  live.clients = {Live("id-1", desired.clients[0], "team")};
  std::reverse(live.clients[0].scopes.begin(), live.clients[0].scopes.end());
  EnvironmentView wanted = DesiredView(desired);
  EXPECT_EQ(wanted.at("client.sync").at("scopes"), (std::vector<std::string>{"a:y", "b:x"}));
  EXPECT_EQ(wanted, LiveView(desired, live));
  EXPECT_TRUE(Compare(wanted, "test", LiveView(desired, live), "prod", {}).empty());
}

TEST(EnvCompareTest, ReportsDifferencesAndWhatTheManifestDeclares) {
  base::Diagnostics diagnostics;
  auto raw = manifest::ParseManifest(R"(apiVersion: mpctl/v1
environments:
  test: {organization: "310000108", admin_client: {client_id: a, token_env: T}}
  prod: {organization: "987654325", admin_client: {client_id: b, token_env: T}}
clients:
  sync:
    scopes: [a:b]
    overrides:
      prod: {scopes: [a:b, c:d]}
  tool:
    environments: [test]
)",
                                     "mpctl.yaml", &diagnostics);
  ASSERT_TRUE(raw.has_value());
  ASSERT_EQ(diagnostics.ToString(), "");
  DeclaredDifferences declared = FindDeclared(*raw);

  model::DesiredState test;
  test.clients = {Client("sync", {"a:b"}), Client("tool", {})};
  model::DesiredState prod;
  prod.clients = {Client("sync", {"a:b", "c:d"})};
  prod.clients[0].description = "Other text";
  std::vector<EnvDifference> d =
      Compare(DesiredView(test), "test", DesiredView(prod), "prod", declared);
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].address, "client.sync");
  EXPECT_EQ(d[0].field, "description");
  EXPECT_EQ(d[0].text, "test 'About sync', prod 'Other text'");
  EXPECT_EQ(d[0].declared_by, "");
  EXPECT_EQ(d[1].field, "scopes");
  EXPECT_EQ(d[1].declared_by, "overrides.prod.scopes");
  EXPECT_EQ(d[2].address, "client.tool");
  EXPECT_EQ(d[2].field, "");
  EXPECT_EQ(d[2].text, "only in test (environments: [test])");
}

}  // namespace
}  // namespace mpctl::envdiff
