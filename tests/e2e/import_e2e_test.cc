// mpctl import round trip: clients made by hand on the emulator are imported, pasted into the
// manifest, planned (only the ownership tag changes), applied, and then plan shows nothing.
#include <gmock/gmock.h>

#include "cli_e2e.h"
#include "crypto/keys.h"

namespace mpctl::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ImportE2eTest : public CliE2eTest {
 protected:
  void SetUp() override {
    CliE2eTest::SetUp();
    Start();
  }
  // Creates a client by hand with one key; returns its client_id.
  std::string MakeByHand(const std::string& name, const std::string& description,
                         const std::string& kid) {
    auto [status, body] = Api(
        "POST", "/api/v1/clients",
        R"({"integration_type":"maskinporten","application_type":"web","client_name":")" + name +
            R"(","description":")" + description +
            R"(","token_endpoint_auth_method":"private_key_jwt",)"
            R"("grant_types":["urn:ietf:params:oauth:grant-type:jwt-bearer"],"scopes":["skatt:demo/read"]})");
    EXPECT_EQ(status, 200) << body;
    auto at = body.find("\"client_id\":\"");
    EXPECT_NE(at, std::string::npos);
    std::string id = body.substr(at + 13, body.find('"', at + 13) - at - 13);
    auto key = crypto::PrivateKey::Generate(2048);
    EXPECT_TRUE(key.ok());
    auto [jwks_status, jwks_body] =
        Api("POST", "/api/v1/clients/" + id + "/jwks",
            "{\"keys\":[" + crypto::PublicJwkJson(key->Public(), kid, "RS256") + "]}");
    EXPECT_EQ(jwks_status, 200) << jwks_body;
    return id;
  }
};

TEST_F(ImportE2eTest, ImportedEntriesPlanOnlyTheTagAndConvergeAfterApply) {
  std::string a = MakeByHand("Invoice sync", "Sends invoices", "acme-invoice-test-2026-01");
  std::string b = MakeByHand("Reporting (monthly)", "Reads reports", "acme-reporting-test-2026-02");
  WriteManifest("");
  CliOutcome imported = Mpctl({"import", "-e", "test", "--all-unmanaged"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_THAT(imported.out, HasSubstr("  invoice-sync:\n    display_name: \"Invoice sync\"\n"
                                      "    description: \"Sends invoices\"\n"
                                      "    scopes: [\"skatt:demo/read\"]\n    keys:\n"
                                      "      - kid: \"acme-invoice-test-2026-01\"  # expires "));
  EXPECT_THAT(imported.out, HasSubstr("  reporting-monthly:\n"));
  EXPECT_THAT(imported.out, HasSubstr("    environments: [test]\n    overrides:\n      test:\n"
                                      "        client_id: \"" +
                                      a + "\"\n"));
  EXPECT_THAT(imported.out, HasSubstr("client_id: \"" + b + "\""));

  WriteManifest("clients:\n" + imported.out);
  CliOutcome plan = Mpctl({"plan", "--format", "json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  // Exactly two actions, both updates whose only change is the ownership tag.
  std::size_t actions = 0;
  for (std::size_t at = plan.out.find("\"address\""); at != std::string::npos;
       at = plan.out.find("\"address\"", at + 1)) {
    ++actions;
  }
  EXPECT_EQ(actions, 2u) << plan.out;
  EXPECT_THAT(plan.out, HasSubstr("\"ownership tag\""));
  EXPECT_THAT(plan.out, Not(HasSubstr("\"path\":\"scopes\"")));
  EXPECT_THAT(plan.out, Not(HasSubstr("\"path\":\"keys\"")));
  EXPECT_THAT(plan.out, Not(HasSubstr("\"path\":\"client_name\"")));
  EXPECT_THAT(plan.out, Not(HasSubstr("\"path\":\"description\"")));

  CliOutcome apply = Mpctl({"apply", "--auto-approve"});
  ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
  CliOutcome again = Mpctl({"plan", "--detailed-exitcode"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;

  // Now managed: importing again finds nothing, and naming one is refused.
  CliOutcome none = Mpctl({"import", "-e", "test", "--all-unmanaged"});
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_THAT(none.out, HasSubstr(": 0 clients."));
  CliOutcome managed = Mpctl({"import", "-e", "test", a});
  EXPECT_EQ(managed.exit_code, 1);
  EXPECT_EQ(managed.err, "mpctl: error: client '" + a +
                             "' is already managed by mpctl.yaml "
                             "(pinned or tagged); nothing to import\n");
}

TEST_F(ImportE2eTest, NorwegianLettersAreSpelledOutInEntryNames) {
  MakeByHand("\xC3\x98konomi og l\xC3\xB8nn", "Pays", "acme-okonomi-test-2026-01");
  MakeByHand(
      "Bl\xC3\xA5"
      "b\xC3\xA6r",
      "Berries", "acme-blabaer-test-2026-01");
  WriteManifest("");
  CliOutcome imported = Mpctl({"import", "-e", "test", "--all-unmanaged"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_THAT(imported.out, HasSubstr("  okonomi-og-lonn:\n"));
  EXPECT_THAT(imported.out, HasSubstr("  blaabaer:\n"));
}

TEST_F(ImportE2eTest, ImportByIdAndErrors) {
  std::string a = MakeByHand("Invoice sync", "Sends invoices", "acme-invoice-test-2026-01");
  MakeByHand("Other", "Not this one", "acme-other-test-2026-01");
  WriteManifest("clients:\n  invoice-sync:\n    scopes: [skatt:demo/read]\n");
  CliOutcome one = Mpctl({"import", "-e", "test", a});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  // The name is taken by an entry already: the import gets a suffix.
  EXPECT_THAT(one.out, HasSubstr("  invoice-sync-2:\n"));
  EXPECT_THAT(one.out, Not(HasSubstr("Other")));

  CliOutcome unknown = Mpctl({"import", "-e", "test", "no-such-client"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.err, "mpctl: error: no active client 'no-such-client' in test\n");
  CliOutcome both = Mpctl({"import", "-e", "test", a, "--all-unmanaged"});
  EXPECT_EQ(both.exit_code, 1);
  CliOutcome no_env = Mpctl({"import", a});
  EXPECT_EQ(no_env.exit_code, 1);
  EXPECT_EQ(no_env.err, "mpctl: error: give the environment the clients live in, once: -e ENV\n");
}

}  // namespace
}  // namespace mpctl::testing
