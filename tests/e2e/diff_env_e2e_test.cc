// mpctl diff-env --live: compares what is deployed in two environments of the emulator.
#include <gmock/gmock.h>

#include "cli_e2e.h"

namespace mpctl::testing {
namespace {

using ::testing::HasSubstr;

TEST_F(CliE2eTest, DiffEnvLiveFindsAClientDeployedOnlyToTest) {
  Start();
  NewKey("t");
  NewKey("p");
  WriteManifest(R"(clients:
  sync:
    display_name: Sync
    scopes: [skatt:demo/read]
    keys: [{kid: acme-sync-test-2026-11, pem_file: t.pub.pem}]
    overrides:
      prod:
        keys: [{kid: acme-sync-prod-2026-11, pem_file: p.pub.pem}]
)",
                /*with_prod=*/true);
  ASSERT_EQ(Mpctl({"apply", "-e", "test", "--auto-approve"}).exit_code, 0);
  CliOutcome half = Mpctl({"diff-env", "test", "prod", "--live"});
  EXPECT_EQ(half.exit_code, 2) << half.err;
  EXPECT_THAT(half.out, HasSubstr("live state, test vs prod:\n"
                                  "  differs   client.sync: only in test\n"));
  EXPECT_THAT(half.out, HasSubstr("desired: 0 differences, 1 declared; "
                                  "live: 1 difference, 0 declared\n"));

  ASSERT_EQ(Mpctl({"apply", "-e", "prod", "--auto-approve"}).exit_code, 0);
  CliOutcome both = Mpctl({"diff-env", "test", "prod", "--live"});
  EXPECT_EQ(both.exit_code, 0) << both.out << both.err;
  EXPECT_THAT(both.out,
              HasSubstr("live state, test vs prod:\n"
                        "  declared  client.sync keys: test only 'acme-sync-test-2026-11 "));
  EXPECT_THAT(both.out, HasSubstr("live: 0 differences, 1 declared\n"));
}

}  // namespace
}  // namespace mpctl::testing
