// mpctl check and the rotation path against the emulator: a key 10 days from expiry fails the
// gate, plan warns about it, and after the rotation (add, apply, remove, apply) the gate passes.
#include <gmock/gmock.h>

#include "cli_e2e.h"

namespace mpctl::testing {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kSeedClient[] = R"(clients:
  - client_id: 11111111-2222-4333-8444-555555555555
    client_orgno: "310000108"
    client_name: Invoice sync
    description: Invoice sync [mpctl:invoice-sync]
    scopes: [skatt:demo/read]
    keys: [{kid: acme-invoice-sync-test-2025-12, public_key_file: old.pub.pem, expires_in_days: 10}]
)";

std::string Client(const std::vector<std::string>& key_names) {
  std::string out =
      "clients:\n  invoice-sync:\n    display_name: Invoice sync\n"
      "    scopes: [skatt:demo/read]\n    keys:\n";
  for (const auto& name : key_names) {
    std::string kid =
        name == "old" ? "acme-invoice-sync-test-2025-12" : "acme-invoice-sync-test-2026-11";
    out += "      - {kid: " + kid + ", pem_file: " + name + ".pub.pem}\n";
  }
  return out;
}

class CheckE2eTest : public CliE2eTest {
 protected:
  void SetUp() override {
    CliE2eTest::SetUp();
    NewKey("old");
    Start(kSeedClient);
  }
};

TEST_F(CheckE2eTest, KeyExpiringInTenDaysFailsTheGateUntilRotated) {
  WriteManifest(Client({"old"}));
  CliOutcome check = Mpctl({"check"});
  EXPECT_EQ(check.exit_code, 2) << check.err;
  EXPECT_THAT(check.out,
              ContainsRegex("  client.invoice-sync: key 'acme-invoice-sync-test-2025-12' "
                            "expires [0-9-]+ \\((9|10) days\\)  EXPIRES SOON\n"));
  EXPECT_THAT(check.out, HasSubstr("check failed: 1 key expires within 30d, 0 changes pending\n"));
  EXPECT_THAT(check.out, Not(HasSubstr("drift:")));
  // A window shorter than the key's life passes.
  CliOutcome short_window = Mpctl({"check", "--expiry-within", "5d"});
  EXPECT_EQ(short_window.exit_code, 0) << short_window.out << short_window.err;
  EXPECT_THAT(short_window.out, HasSubstr("check passed"));

  CliOutcome plan = Mpctl({"plan"});
  EXPECT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_THAT(plan.out, ContainsRegex("key 'acme-invoice-sync-test-2025-12' expires [0-9-]+ "
                                      "\\((9|10) days\\)"));

  // Rotation: add the new key, apply; remove the old one, apply.
  NewKey("new");
  WriteManifest(Client({"old", "new"}));
  CliOutcome pending = Mpctl({"check"});
  EXPECT_EQ(pending.exit_code, 2);
  EXPECT_THAT(pending.out, HasSubstr("  drift: ~ client.invoice-sync.keys (keys)\n"));
  CliOutcome add = Mpctl({"apply", "--auto-approve"});
  ASSERT_EQ(add.exit_code, 0) << add.out << add.err;
  WriteManifest(Client({"new"}));
  CliOutcome remove = Mpctl({"apply", "--auto-approve"});
  ASSERT_EQ(remove.exit_code, 0) << remove.out << remove.err;

  CliOutcome after = Mpctl({"check"});
  EXPECT_EQ(after.exit_code, 0) << after.out << after.err;
  EXPECT_THAT(after.out,
              ContainsRegex("  client.invoice-sync: key 'acme-invoice-sync-test-2026-11' "
                            "expires [0-9-]+ \\((364|365) days\\)\n"));
  EXPECT_THAT(after.out, HasSubstr("check passed: the portal matches the manifest; no key "
                                   "expires within 30d\n"));
}

TEST_F(CheckE2eTest, DriftFailsTheGateAndErrorsExitOne) {
  WriteManifest(Client({"old"}) + "    description: Sends invoices\n");
  CliOutcome check = Mpctl({"check", "--expiry-within", "1d"});
  EXPECT_EQ(check.exit_code, 2) << check.err;
  EXPECT_THAT(check.out, HasSubstr("  drift: ~ client.invoice-sync (description)\n"));
  EXPECT_THAT(check.out, HasSubstr("check failed: 0 keys expire within 1d, 1 change pending\n"));

  CliOutcome bad_window = Mpctl({"check", "--expiry-within", "soon"});
  EXPECT_EQ(bad_window.exit_code, 1);
  EXPECT_EQ(bad_window.err,
            "mpctl: error: --expiry-within: 'soon' is not a duration; write a "
            "number with s, m, h, d or w (e.g. 30d)\n");
  emu_->Kill();
  CliOutcome unreachable = Mpctl({"check"});
  EXPECT_EQ(unreachable.exit_code, 1);
  EXPECT_THAT(unreachable.err, HasSubstr("mpctl: error: reading environment 'test'"));
}

// Rotation step 5 too early: removing a key minutes after it was registered warns.
TEST_F(CheckE2eTest, PlanWarnsWhenAFreshKeyIsRemoved) {
  NewKey("new");
  WriteManifest(Client({"old", "new"}));
  ASSERT_EQ(Mpctl({"apply", "--auto-approve"}).exit_code, 0);
  WriteManifest(Client({"old"}));
  CliOutcome plan = Mpctl({"plan"});
  EXPECT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_THAT(plan.out, HasSubstr("key 'acme-invoice-sync-test-2026-11' is removed 0 minutes after "
                                  "it was registered; callers that just switched to it will fail"));
  CliOutcome relaxed = Mpctl({"plan", "--min-key-age", "0s"});
  EXPECT_THAT(relaxed.out, Not(HasSubstr("after it was registered")));
}

}  // namespace
}  // namespace mpctl::testing
