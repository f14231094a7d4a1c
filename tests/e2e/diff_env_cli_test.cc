// Runs the built mpctl binary: diff-env on desired states (no portal).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "support/mpctl_cli.h"
#include "support/scoped_temp_dir.h"
#include "support/test_keys.h"

namespace mpctl::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

namespace fs = std::filesystem;

const std::vector<std::string> kExampleEnv = {
    "MPCTL_TEST_ADMIN_CLIENT_ID=a", "MPCTL_PROD_ADMIN_CLIENT_ID=b",
    "MPCTL_TEST_API_URL=http://127.0.0.1:1/api/v1", "MPCTL_TEST_AUTH_SERVER=http://127.0.0.1:1/"};

TEST(DiffEnvCliTest, NeedsTwoDifferentEnvironments) {
  CliOutcome one = RunMpctl({"diff-env", "test", "-f", "examples/test-prod/mpctl.yaml"});
  EXPECT_EQ(one.exit_code, 1);
  EXPECT_EQ(one.err, "mpctl: error: give two environments; see 'mpctl diff-env --help'\n");
  CliOutcome same = RunMpctl({"diff-env", "test", "test"});
  EXPECT_EQ(same.exit_code, 1);
  CliOutcome unknown =
      RunMpctl({"diff-env", "test", "qa", "-f", "examples/test-prod/mpctl.yaml"}, "", kExampleEnv);
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("qa"));
}

TEST(DiffEnvCliTest, ExampleListsDeclaredAndCountsATestOnlyClient) {
  CliOutcome o = RunMpctl({"diff-env", "test", "prod", "-f", "examples/test-prod/mpctl.yaml"}, "",
                          kExampleEnv);
  EXPECT_EQ(o.exit_code, 2) << o.err;
  EXPECT_THAT(
      o.out,
      MatchesRegex(
          "desired state, test vs prod \\(after overrides\\):\n"
          "  differs   client.load-test: only in test \\(environments: \\[test\\]\\)\n"
          "  declared  client.invoice-sync keys: test only 'payments-invoice-sync-test-2026-11 "
          "[A-Za-z0-9_-]{12}'; prod only 'payments-invoice-sync-prod-2026-11 [A-Za-z0-9_-]{12}'  "
          "\\(overrides.prod.keys\\)\n"
          "desired: 1 difference, 1 declared\n"));
}

class DiffEnvManifestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = temp_.path();
    WriteWholeFile(dir_ + "/k.pub.pem", SpkiPem(GenerateRsaPem()));
  }
  CliOutcome DiffEnv(const std::string& clients, std::vector<std::string> env = {}) {
    WriteWholeFile(dir_ + "/mpctl.yaml", R"(apiVersion: mpctl/v1
environments:
  test:
    organization: "310000108"
    api_url: http://127.0.0.1:1/api/v1
    auth_server: http://127.0.0.1:1/
    admin_client: {client_id: admin, token_env: T}
  prod:
    organization: "974761076"
    api_url: http://127.0.0.1:1/api/v1
    auth_server: http://127.0.0.1:1/
    admin_client: {client_id: admin, token_env: T}
clients:
)" + clients);
    env.push_back("T=t");
    return RunMpctl({"diff-env", "test", "prod"}, dir_, env);
  }
  ::mpctl::testing::ScopedTempDir temp_{"mpctl-diffenv"};
  std::string dir_;
};

TEST_F(DiffEnvManifestTest, ClientOnlyInTestCounts) {
  CliOutcome o = DiffEnv(R"(
  sync:
    scopes: [a:b]
    keys: [{kid: k1, pem_file: k.pub.pem}]
  trial:
    scopes: [a:b]
    environments: [test]
)");
  EXPECT_EQ(o.exit_code, 2) << o.err;
  EXPECT_EQ(o.out,
            "desired state, test vs prod (after overrides):\n"
            "  differs   client.trial: only in test (environments: [test])\n"
            "desired: 1 difference, 0 declared\n");
  CliOutcome reversed = RunMpctl({"diff-env", "prod", "test"}, dir_, {"T=t"});
  EXPECT_EQ(reversed.exit_code, 2);
  EXPECT_THAT(reversed.out,
              HasSubstr("  differs   client.trial: only in test (environments: [test])\n"));
}

TEST_F(DiffEnvManifestTest, ScopeOverrideIsDeclared) {
  CliOutcome o = DiffEnv(R"(
  sync:
    display_name: Sync ${STAGE}
    description: Syncs
    scopes: [a:b, c:d]
    overrides:
      prod: {scopes: [a:b]}
)",
                         {"STAGE=one"});
  // ${STAGE} expands alike in both environments; only the scope override differs.
  EXPECT_EQ(o.exit_code, 0) << o.err;
  EXPECT_EQ(o.out,
            "desired state, test vs prod (after overrides):\n"
            "  declared  client.sync scopes: test only 'c:d'  (overrides.prod.scopes)\n"
            "desired: 0 differences, 1 declared\n");
}

TEST_F(DiffEnvManifestTest, OverrideOnEitherSideIsDeclared) {
  CliOutcome o = DiffEnv(R"(
  sync:
    scopes: [a:b]
    keys: [{kid: k1, pem_file: k.pub.pem}]
  trial:
    scopes: [a:b]
    display_name: Trial
    overrides:
      test: {description: For trying}
)");
  EXPECT_EQ(o.exit_code, 0) << o.err;
  EXPECT_EQ(o.out,
            "desired state, test vs prod (after overrides):\n"
            "  declared  client.trial description: test 'For trying', prod 'Trial'  "
            "(overrides.test.description)\n"
            "desired: 0 differences, 1 declared\n");
}

TEST_F(DiffEnvManifestTest, IdenticalEnvironments) {
  CliOutcome o = DiffEnv(R"(
  sync:
    scopes: [a:b]
)");
  EXPECT_EQ(o.exit_code, 0) << o.err;
  EXPECT_EQ(o.out,
            "desired state, test vs prod (after overrides):\n"
            "  no differences\n"
            "desired: 0 differences, 0 declared\n");
}

}  // namespace
}  // namespace mpctl::testing
