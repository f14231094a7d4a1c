// Process-level behaviour: persistence across kill -9, clean shutdown, concurrency, reset,
// the settable clock, seeds, TLS, --issuer/--api-prefix, --help and the demo helper.
#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "emulator_e2e.h"
#include "support/test_keys.h"

namespace mpctl::testing {
namespace {

using EmulatorRobustnessTest = EmulatorE2eTest;

TEST_F(EmulatorRobustnessTest, KillNineAfterAnAcknowledgedWriteLosesNothing) {
  Start();
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(CreateClient("c" + std::to_string(i)));
  ASSERT_EQ(Call("DELETE", "/api/v1/clients/" + ids[4]).status, 200);
  Reply jwk_before = Call("GET", "/jwk", "", "");
  emu_->Kill();
  ASSERT_TRUE(emu_->Restart());
  // The token-signing key is in the state file; the issuer (port) is new, so a new token.
  EXPECT_EQ(Call("GET", "/jwk", "", "").body, jwk_before.body);
  token_ = admin_->Token(emu_->base_url());
  Reply list = Call("GET", "/api/v1/clients?inactive=true");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json.Size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(list.json[i]["client_id"].GetString(), ids[i]);
  EXPECT_FALSE(list.json[4]["active"].GetBool());
}

TEST_F(EmulatorRobustnessTest, SigtermStopsCleanly) {
  Start();
  EXPECT_EQ(emu_->Stop(), 0);
}

TEST_F(EmulatorRobustnessTest, ResetRestoresTheSeed) {
  Start();
  CreateClient("a");
  Reply reset = Call("POST", "/__emulator/reset", "", "");
  ASSERT_EQ(reset.status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/clients").json.Size(), 0u);
  EXPECT_EQ(emu_->Stats().writes, 0);
}

TEST_F(EmulatorRobustnessTest, StatsCountRequestsByTemplate) {
  Start();
  std::string id = CreateClient("a");
  Call("GET", "/api/v1/clients/" + id + "/jwks");
  Call("GET", "/api/v1/clients/" + id + "/jwks");
  EmulatorStats stats = emu_->Stats();
  EXPECT_EQ(stats.Requests("GET /api/v1/clients/{id}/jwks"), 2);
  EXPECT_EQ(stats.Requests("POST /api/v1/clients"), 1);
  EXPECT_EQ(stats.Requests("POST /token"), 1);
  EXPECT_EQ(stats.writes, 1);
}

TEST_F(EmulatorRobustnessTest, ClockCanBeMovedAndGrantsFollowIt) {
  Start();
  Reply moved = Call("POST", "/__emulator/clock", R"({"now":4102444800})", "");
  ASSERT_EQ(moved.status, 200);
  EXPECT_EQ(moved.json["now"].GetInt64(), 4102444800);
  // Our grant's iat (real time) is now long before the emulator's clock: refused.
  auto [status, body] = PostGrant(emu_->base_url(), admin_->Grant(emu_->base_url(), GrantSpec{}));
  EXPECT_EQ(status, 400);
  // And our token has expired in the emulator's eyes.
  EXPECT_EQ(Call("GET", "/api/v1/clients").status, 401);
  EXPECT_EQ(Call("POST", "/__emulator/clock", R"({"now":"x"})", "").status, 400);
}

TEST_F(EmulatorRobustnessTest, SeededKeyExpiryIsReported) {
  Start({}, R"(clients:
  - client_id: expiring
    client_orgno: "310000108"
    client_name: expiring
    description: key expires in 10 days
    scopes: [skatt:demo/read]
    keys:
      - kid: expiring-key
        public_key_file: admin.pub.pem
        expires_in_days: 10
)");
  Reply keys = Call("GET", "/api/v1/clients/expiring/jwks");
  ASSERT_EQ(keys.status, 200) << keys.body;
  std::int64_t exp = keys.json["keys"][0]["exp"].GetInt64();
  std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  EXPECT_NEAR(static_cast<double>(exp - now), 10.0 * 24 * 3600, 120);
}

TEST_F(EmulatorRobustnessTest, BadSeedFailsWithItsLocation) {
  std::ofstream(dir_ + "/bad.yaml") << "organisations:\n  - orgno: \"12345\"\n";
  std::string command = std::string(MPCTL_BINARY_DIR "/cmd/mpctl-emulator/mpctl-emulator") +
                        " --seed " + dir_ + "/bad.yaml > /dev/null 2> " + dir_ + "/err.txt";
  int status = std::system(command.c_str());
  EXPECT_EQ(WEXITSTATUS(status), 1);
  std::ifstream err(dir_ + "/err.txt");
  std::string text((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "mpctl-emulator: error: " + dir_ +
                      "/bad.yaml:2:12: organisations[0].orgno: '12345' is not a 9-digit orgno\n");
}

TEST_F(EmulatorRobustnessTest, ExampleSeedServesTheDemoAdminClient) {
  admin_ = std::make_unique<AdminFixture>(dir_);  // only for its key and admin.pub.pem
  setenv("MPCTL_DEMO_ADMIN_PUBLIC_KEY", (dir_ + "/admin.pub.pem").c_str(), 1);
  std::ofstream(dir_ + "/ca.pem") << CaCertificatePem(GenerateRsaPem(), "test CA");
  setenv("MPCTL_DEMO_CA_CERT", (dir_ + "/ca.pem").c_str(), 1);
  emu_ = EmulatorProcess::Start({"--seed", MPCTL_SOURCE_DIR "/examples/emulator-seed.yaml"}, dir_);
  ASSERT_TRUE(emu_);
  for (const char* kid : {"demo-admin-test", "payments-admin-test-2026"}) {
    GrantSpec spec;
    spec.client_id = "demo-admin";
    spec.kid = kid;
    spec.scope = "idporten:dcr.read idporten:scopes.read";
    auto [status, body] = PostGrant(emu_->base_url(), admin_->Grant(emu_->base_url(), spec));
    EXPECT_EQ(status, 200) << body;
  }
  Reply scopes = Call("GET", "/api/v1/scopes/all?accessible_for_all=true", "", "");
  ASSERT_EQ(scopes.status, 200);
  EXPECT_STREQ(scopes.json[0]["name"].GetString(), "difi:open");
}

TEST_F(EmulatorRobustnessTest, TlsServesHttps) {
  std::string key = GenerateRsaPem();
  std::ofstream(dir_ + "/tls.key") << key;
  std::ofstream(dir_ + "/tls.crt") << SelfSignedCertificatePem(key, "127.0.0.1");
  Start({"--tls-cert", dir_ + "/tls.crt", "--tls-key", dir_ + "/tls.key"});
  EXPECT_EQ(emu_->base_url().rfind("https://127.0.0.1:", 0), 0u) << emu_->base_url();
  Reply meta = Call("GET", "/.well-known/oauth-authorization-server", "", "");
  ASSERT_EQ(meta.status, 200);
  EXPECT_EQ(meta.json["issuer"].GetString(), emu_->base_url() + "/");
  EXPECT_EQ(Call("GET", "/api/v1/clients").status, 200);
}

TEST_F(EmulatorRobustnessTest, EveryHelpFlagIsInTheEmulatorDoc) {
  std::string command =
      std::string(MPCTL_BINARY_DIR "/cmd/mpctl-emulator/mpctl-emulator --help > ") + dir_ +
      "/help.txt";
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::ifstream help_file(dir_ + "/help.txt");
  std::string help((std::istreambuf_iterator<char>(help_file)), std::istreambuf_iterator<char>());
  std::ifstream readme_file(MPCTL_SOURCE_DIR "/docs/emulator.md");
  std::string readme((std::istreambuf_iterator<char>(readme_file)),
                     std::istreambuf_iterator<char>());
  int flags = 0;
  for (std::size_t at = help.find("--"); at != std::string::npos; at = help.find("--", at + 2)) {
    std::size_t end = help.find_first_not_of("abcdefghijklmnopqrstuvwxyz-", at + 2);
    std::string flag = help.substr(at, end - at);
    if (flag.size() < 4) continue;
    ++flags;
    EXPECT_NE(readme.find("`" + flag), std::string::npos) << flag << " is not in docs/emulator.md";
  }
  EXPECT_GE(flags, 25);
  // And the other way: every flag of README's emulator flag table is one --help lists.
  std::size_t table = readme.find("## Flags\n\n| flag | default | meaning |");
  ASSERT_NE(table, std::string::npos);
  std::size_t end = readme.find("\n\n", table + 12);
  int rows = 0;
  for (std::size_t at = readme.find("\n| `--", table); at != std::string::npos && at < end;
       at = readme.find("\n| `--", at + 1)) {
    std::size_t stop = readme.find_first_not_of("abcdefghijklmnopqrstuvwxyz-", at + 5);
    std::string flag = readme.substr(at + 4, stop - at - 4);
    ++rows;
    EXPECT_NE(help.find(flag + " "), std::string::npos)
        << flag << " is in docs/emulator.md's flag table but not in --help";
  }
  EXPECT_GE(rows, 25);
}

TEST_F(EmulatorRobustnessTest, DemoHelperStartsAndStopsTheEmulatorCleanly) {
  std::string command = "bash -c 'set -euo pipefail; source " MPCTL_SOURCE_DIR
                        "/scripts/emulator.sh; emulator_start " MPCTL_BINARY_DIR " " +
                        dir_ +
                        "/demo; curl -sf \"$MPCTL_TEST_AUTH_SERVER\".well-known/"
                        "oauth-authorization-server >/dev/null; emulator_stop' > " +
                        dir_ + "/demo.txt 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0);
  std::ifstream out(dir_ + "/demo.txt");
  std::string text((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text.rfind("listening on http://127.0.0.1:", 0), 0u) << text;
  EXPECT_NE(text.find("\nemulator stopped (exit status 0)\n"), std::string::npos) << text;
}

TEST_F(EmulatorRobustnessTest, ConcurrentWritesAreAllKeptAndPersisted) {
  Start();
  std::vector<std::thread> writers;
  std::atomic<int> created{0};
  for (int t = 0; t < 8; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        std::string id = CreateClient("w" + std::to_string(t) + "-" + std::to_string(i));
        if (!id.empty()) ++created;
        Call("GET", "/api/v1/clients/" + id + "/jwks");
      }
    });
  }
  for (auto& w : writers) w.join();
  EXPECT_EQ(created.load(), 80);
  EXPECT_EQ(emu_->Stats().writes, 80);
  emu_->Kill();
  ASSERT_TRUE(emu_->Restart());
  token_ = admin_->Token(emu_->base_url());
  EXPECT_EQ(Call("GET", "/api/v1/clients").json.Size(), 80u);
}

TEST_F(EmulatorRobustnessTest, IssuerAndApiPrefixCanBeChanged) {
  admin_ = std::make_unique<AdminFixture>(dir_);
  auto args = admin_->EmulatorArgs();
  for (const char* flag :
       {"--issuer", "https://test.maskinporten.no/", "--api-prefix", "/custom/v1"}) {
    args.push_back(flag);
  }
  emu_ = EmulatorProcess::Start(args, dir_);
  ASSERT_TRUE(emu_);
  Reply meta = Call("GET", "/.well-known/oauth-authorization-server", "", "");
  EXPECT_STREQ(meta.json["issuer"].GetString(), "https://test.maskinporten.no/");
  EXPECT_EQ(meta.json["token_endpoint"].GetString(), emu_->base_url() + "/token");
  GrantSpec spec;
  spec.aud = "https://test.maskinporten.no/";
  spec.scope = AdminFixture::kAllAdminScopes;
  auto [status, body] = PostGrant(emu_->base_url(), admin_->Grant(emu_->base_url(), spec));
  ASSERT_EQ(status, 200) << body;
  rapidjson::Document doc;
  doc.Parse(body.c_str());
  token_ = doc["access_token"].GetString();
  EXPECT_EQ(Call("GET", "/custom/v1/clients").status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/clients").status, 404);
  std::string id = [&] {
    Reply created = Call("POST", "/custom/v1/clients", ClientBody("a"));
    return std::string(created.json["client_id"].GetString());
  }();
  Reply key = Call("POST", "/custom/v2/clients/" + id + "/key", SpkiPem(GenerateRsaPem()), "\x01",
                   "text/plain");
  EXPECT_EQ(key.status, 200) << key.body;
}

}  // namespace
}  // namespace mpctl::testing
