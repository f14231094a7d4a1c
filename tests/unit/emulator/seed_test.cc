#include "emulator/seed.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <map>

#include "crypto/keys.h"
#include "support/test_keys.h"

namespace mpctl::emulator {
namespace {

class MapFileReader final : public base::FileReader {
 public:
  std::map<std::string, std::string> files;
  base::Result<std::string> Read(const std::string& path) const override {
    auto it = files.find(path);
    if (it == files.end()) {
      return base::MakeError(base::ErrorCode::kNotFound, "file '" + path + "' does not exist");
    }
    return it->second;
  }
};

class SeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto key = crypto::PrivateKey::Generate(2048);
    ASSERT_TRUE(key.ok());
    private_pem_ = std::string(key->ToPem().Reveal());
    public_pem_ = *crypto::PublicKeyPem(key->Public());
    files_.files["/seeds/keys/admin.pem"] = public_pem_;
  }
  base::Result<State> Parse(const std::string& yaml) {
    return ParseSeed(yaml, "seed.yaml", "/seeds", files_, 1'700'000'000'000);
  }
  MapFileReader files_;
  std::string private_pem_;
  std::string public_pem_;
};

TEST_F(SeedTest, UnknownFieldNamesTheClosestMatch) {
  auto state = Parse("organisations:\n  - orgno: \"310000108\"\n    prefixs: [acme]\n");
  ASSERT_FALSE(state.ok());
  EXPECT_EQ(state.error().message,
            "seed.yaml:3:5: organisations[0].prefixs: unknown field; did you mean 'prefixes'?");
}

TEST_F(SeedTest, CertificateAuthoritiesAreReadAndChecked) {
  std::string ca = testing::CaCertificatePem(private_pem_, "test CA");
  files_.files["/seeds/ca.pem"] = ca;
  auto state = Parse("certificate_authorities:\n  - certificate_file: ca.pem\n");
  ASSERT_TRUE(state.ok()) << state.error().message;
  EXPECT_EQ(state->certificate_authorities, std::vector<std::string>{ca});

  auto not_pem = Parse("certificate_authorities:\n  - certificate_file: keys/admin.pem\n");
  ASSERT_FALSE(not_pem.ok());
  EXPECT_EQ(not_pem.error().message,
            "seed.yaml:2:5: certificate_authorities[0]: is not a PEM certificate");
  auto both = Parse("certificate_authorities:\n  - {certificate_file: ca.pem, pem: x}\n");
  ASSERT_FALSE(both.ok());
  EXPECT_NE(both.error().message.find("give exactly one of certificate_file and pem"),
            std::string::npos);
}

TEST_F(SeedTest, OrgnoMustHaveNineDigits) {
  auto state = Parse("organisations:\n  - orgno: 12345678\n");
  ASSERT_FALSE(state.ok());
  EXPECT_EQ(state.error().message,
            "seed.yaml:2:12: organisations[0].orgno: '12345678' is not a 9-digit orgno");
}

TEST_F(SeedTest, PrivateKeyIsRefusedWithoutQuotingIt) {
  std::string yaml = "admin_clients:\n  - client_id: a\n    orgno: \"310000108\"\n    keys:\n"
                     "      - kid: k\n        pem: |\n";
  std::string indented;
  for (const auto& line : {private_pem_}) {
    std::size_t start = 0;
    while (start < line.size()) {
      std::size_t end = line.find('\n', start);
      indented += "          " + line.substr(start, end - start) + "\n";
      start = end == std::string::npos ? line.size() : end + 1;
    }
  }
  auto state = Parse(yaml + indented);
  ASSERT_FALSE(state.ok());
  EXPECT_NE(state.error().message.find("admin_clients[0].keys[0]: "), std::string::npos)
      << state.error().message;
  EXPECT_NE(state.error().message.find("private key"), std::string::npos);
  EXPECT_EQ(state.error().message.find("PRIVATE KEY-----"), std::string::npos);
}

TEST_F(SeedTest, MissingEnvironmentVariableIsAnError) {
  unsetenv("MPCTL_SEED_TEST_UNSET");
  auto state = Parse("organisations:\n  - orgno: \"${MPCTL_SEED_TEST_UNSET}\"\n");
  ASSERT_FALSE(state.ok());
  EXPECT_EQ(state.error().message,
            "seed.yaml:2:12: organisations[0].orgno: environment variable "
            "'MPCTL_SEED_TEST_UNSET' is not set");
}

TEST_F(SeedTest, AccessNeedsAScopeOfTheSeed) {
  auto state = Parse("access:\n  - scope: x:y\n    consumer_orgno: \"310000108\"\n");
  ASSERT_FALSE(state.ok());
  EXPECT_EQ(state.error().message, "seed.yaml:2:12: access[0].scope: 'x:y' is not a scope of this seed");
}

TEST_F(SeedTest, ReadsEverySectionWithDefaults) {
  setenv("MPCTL_SEED_TEST_KEYS", "keys", 1);
  auto state = Parse(R"(organisations:
  - orgno: "310000108"
    name: Acme AS
    prefixes: [acme]
admin_clients:
  - client_id: acme-admin
    orgno: "310000108"
    scopes: [idporten:dcr.read]
    keys:
      - kid: admin
        public_key_file: ${MPCTL_SEED_TEST_KEYS}/admin.pem
scopes:
  - prefix: skatt
    subscope: demo/read
    owner_orgno: "974761076"
    description: Demo
    visibility: PRIVATE
access:
  - scope: skatt:demo/read
    consumer_orgno: "310000108"
clients:
  - client_id: existing
    client_orgno: "310000108"
    scopes: [skatt:demo/read]
    keys:
      - kid: old
        public_key_file: /seeds/keys/admin.pem
        expires_in_days: 10
)");
  ASSERT_TRUE(state.ok()) << state.error().message;
  EXPECT_EQ(state->organisations.at("310000108").name, "Acme AS");
  const AdminClient& admin = state->admin_clients.at("acme-admin");
  ASSERT_EQ(admin.keys.size(), 1u);
  EXPECT_EQ(admin.keys[0].kid, "admin");
  EXPECT_EQ(admin.keys[0].alg, "RS256");
  const Scope& scope = state->scopes.at("skatt:demo/read");
  EXPECT_EQ(scope.visibility, "PRIVATE");
  EXPECT_EQ(scope.allowed_integration_types, std::vector<std::string>{"maskinporten"});
  EXPECT_EQ(state->access.at({"skatt:demo/read", "310000108"}).state, "APPROVED");
  const Client& client = *state->clients.at("existing");
  EXPECT_EQ(client.integration_type, "maskinporten");
  EXPECT_EQ(client.keys[0].exp, 1'700'000'000 + 10 * 24 * 3600);
  ASSERT_EQ(state->delegation_sources.size(), 1u);
  EXPECT_EQ(state->delegation_sources[0].issuer, "https://tt02.altinn.no/");
}

TEST_F(SeedTest, EmptySeedIsAnEmptyWorld) {
  auto state = Parse("");
  ASSERT_TRUE(state.ok());
  EXPECT_TRUE(state->clients.empty());
  EXPECT_EQ(state->delegation_sources.size(), 1u);
}

}  // namespace
}  // namespace mpctl::emulator
