#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "base/strings.h"
#include "crypto/keys.h"
#include "fakes/in_memory_file_reader.h"
#include "manifest/manifest.h"
#include "support/test_keys.h"

namespace mpctl::manifest {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kHeader[] = R"(apiVersion: mpctl/v1
environments:
  test:
    organization: "310000108"
    admin_client: {client_id: "${TEST_ADMIN}", key_file: admin.pem, kid: admin-test}
  prod:
    organization: "987654325"
    admin_client: {client_id: "${PROD_ADMIN}", token_env: PROD_TOKEN}
)";

class LoadTest : public ::testing::Test {
 protected:
  LoadResult Load(const std::string& text, std::vector<std::string> environments = {}) {
    LoadOptions options;
    options.environments = std::move(environments);
    options.reader = &files_;
    options.getenv = [this](const std::string& name) -> std::optional<std::string> {
      auto found = vars_.find(name);
      if (found == vars_.end()) return std::nullopt;
      return found->second;
    };
    return LoadManifestFromString(text, "mpctl.yaml", "/m/", options);
  }

  // The state of `environment` from a manifest that must load cleanly.
  model::DesiredState Loaded(const std::string& text, const std::string& environment) {
    LoadResult result = Load(text);
    EXPECT_EQ(result.diagnostics.ToString(), "");
    if (!result.manifest) return {};
    for (const auto& state : result.manifest->states) {
      if (state.environment.name == environment) return state;
    }
    ADD_FAILURE() << "no state for " << environment;
    return {};
  }

  std::map<std::string, std::string> vars_ = {{"TEST_ADMIN", "test-admin-id"},
                                              {"PROD_ADMIN", "prod-admin-id"}};
  testing::InMemoryFileReader files_;
};

TEST_F(LoadTest, ReportsSixDifferentErrorsInOneRun) {
  vars_.erase("PROD_ADMIN");
  LoadResult result = Load(std::string(kHeader) + R"(clients:
  Bad_Name:
    scopes: [a:b]
  sync:
    dispaly_name: Sync
    scopes: [invoices]
    keys:
      - kid: k1
        pem_file: missing.pem
    environments: [test, stage]
)");
  EXPECT_FALSE(result.manifest.has_value());
  EXPECT_EQ(result.diagnostics.ToString(),
            "mpctl.yaml:8:31: environments.prod.admin_client.client_id: environment variable "
            "'PROD_ADMIN' is not set or empty\n"
            "mpctl.yaml:10:3: clients.Bad_Name: invalid client name 'Bad_Name' (use 1 to 63 of "
            "a-z, 0-9 and '-')\n"
            "mpctl.yaml:13:5: clients.sync.dispaly_name: unknown field 'dispaly_name' (did you "
            "mean 'display_name'?)\n"
            "mpctl.yaml:14:14: clients.sync.scopes[0]: 'invoices' is not a scope name (use "
            "'prefix:subscope')\n"
            "mpctl.yaml:17:19: clients.sync.keys[0].pem_file: file 'missing.pem' does not exist\n"
            "mpctl.yaml:18:26: clients.sync.environments[1]: unknown environment 'stage' "
            "(declared: test, prod)\n");
}

TEST_F(LoadTest, UnknownSelectedEnvironmentIsAnError) {
  LoadResult result = Load(std::string(kHeader) + "clients: {}\n", {"prd"});
  EXPECT_EQ(result.diagnostics.ToString(),
            "mpctl.yaml: environment 'prd' (given with -e) is not declared (did you mean "
            "'prod'?)\n");
}

TEST_F(LoadTest, PrivateKeyIsRefusedWithoutEchoingIt) {
  std::string private_pem = testing::GenerateRsaPem(2048);
  vars_["SYNC_KEY"] = private_pem;
  LoadResult result = Load(std::string(kHeader) + R"(clients:
  sync:
    scopes: [a:b]
    keys: [{kid: k1, env: SYNC_KEY}]
)");
  std::string errors = result.diagnostics.ToString();
  EXPECT_EQ(errors,
            "mpctl.yaml:12:27: clients.sync.keys[0].env: environment variable 'SYNC_KEY' is a "
            "private key; give the public key only\n");
  for (const auto& line : base::Split(private_pem, '\n')) {
    if (line.size() > 20) {
      EXPECT_THAT(errors, Not(HasSubstr(line)));
    }
  }
}

TEST_F(LoadTest, UnselectedEnvironmentsAreCheckedWithoutTheirVariables) {
  LoadResult result = Load(std::string(kHeader) + R"(clients:
  sync:
    scopes: [a:b]
    environments: [prod]
    overrides:
      prod: {scopes: [bad], client_id: "${NOT_SET}", keys: [{kid: k, env: NOT_SET_EITHER}]}
)",
                           {"test"});
  EXPECT_EQ(result.diagnostics.ToString(),
            "mpctl.yaml:14:23: clients.sync.overrides.prod.scopes[0]: 'bad' is not a scope name "
            "(use 'prefix:subscope')\n");
}

TEST_F(LoadTest, VariablesOfUnselectedEnvironmentsAreNotNeeded) {
  vars_.erase("PROD_ADMIN");
  LoadResult result = Load(std::string(kHeader) + "clients: {}\n", {"test"});
  ASSERT_EQ(result.diagnostics.ToString(), "");
  ASSERT_EQ(result.manifest->states.size(), 1u);
  EXPECT_EQ(result.manifest->states[0].environment.name, "test");
  EXPECT_EQ(result.manifest->environment_names, (std::vector<std::string>{"test", "prod"}));
}

TEST_F(LoadTest, FillsDefaults) {
  auto state = Loaded(std::string(kHeader) + R"(clients:
  sync:
    scopes: [b:c, a:b, b:c2]
)",
                      "prod");
  EXPECT_EQ(state.environment.organization, "987654325");
  EXPECT_EQ(state.environment.api_url, "https://api.samarbeid.digdir.no/api/v1");
  EXPECT_EQ(state.environment.auth_server, "https://maskinporten.no/");
  EXPECT_EQ(state.environment.connect_timeout_seconds, 10);
  EXPECT_EQ(state.environment.timeout_seconds, 30);
  EXPECT_EQ(state.environment.admin.client_id, "prod-admin-id");
  EXPECT_EQ(state.environment.admin.token_env, "PROD_TOKEN");
  ASSERT_EQ(state.clients.size(), 1u);
  EXPECT_EQ(state.clients[0].display_name, "sync");
  EXPECT_EQ(state.clients[0].description, "sync");
  EXPECT_EQ(state.clients[0].scopes, (std::vector<std::string>{"a:b", "b:c", "b:c2"}));
  EXPECT_FALSE(state.clients[0].pinned_client_id.has_value());
  EXPECT_FALSE(state.clients[0].prevent_destroy);

  auto test = Loaded(std::string(kHeader) + "clients: {}\n", "test");
  EXPECT_EQ(test.environment.api_url, "https://api.test.samarbeid.digdir.no/api/v1");
  EXPECT_EQ(test.environment.auth_server, "https://test.maskinporten.no/");
  EXPECT_EQ(test.environment.admin.key_file, "/m/admin.pem");
  EXPECT_EQ(test.environment.admin.kid, "admin-test");
}

TEST_F(LoadTest, DescriptionDefaultsToDisplayName) {
  auto state = Loaded(std::string(kHeader) + R"(clients:
  sync: {display_name: Invoice sync, scopes: [a:b]}
)",
                      "test");
  EXPECT_EQ(state.clients[0].description, "Invoice sync");
}

TEST_F(LoadTest, OverridesReplaceFieldsAndLists) {
  std::string text = std::string(kHeader) + R"(clients:
  sync:
    display_name: Sync
    scopes: [a:b, a:c]
    lifecycle: {prevent_destroy: true}
    overrides:
      prod:
        client_id: 0b6c1a2e
        scopes: [a:d]
        lifecycle: {prevent_destroy: false}
)";
  auto test = Loaded(text, "test");
  EXPECT_EQ(test.clients[0].scopes, (std::vector<std::string>{"a:b", "a:c"}));
  EXPECT_FALSE(test.clients[0].pinned_client_id.has_value());
  EXPECT_TRUE(test.clients[0].prevent_destroy);
  auto prod = Loaded(text, "prod");
  EXPECT_EQ(prod.clients[0].display_name, "Sync");
  EXPECT_EQ(prod.clients[0].scopes, (std::vector<std::string>{"a:d"}));
  EXPECT_EQ(prod.clients[0].pinned_client_id, "0b6c1a2e");
  EXPECT_FALSE(prod.clients[0].prevent_destroy);
}

TEST_F(LoadTest, EnvironmentsFilterAndSortsClients) {
  std::string text = std::string(kHeader) + R"(clients:
  zeta: {scopes: [a:b]}
  alpha: {scopes: [a:b], environments: [test]}
)";
  auto test = Loaded(text, "test");
  ASSERT_EQ(test.clients.size(), 2u);
  EXPECT_EQ(test.clients[0].name, "alpha");
  EXPECT_EQ(test.clients[1].name, "zeta");
  auto prod = Loaded(text, "prod");
  ASSERT_EQ(prod.clients.size(), 1u);
  EXPECT_EQ(prod.clients[0].name, "zeta");
}

TEST_F(LoadTest, InterpolatesVariablesInValues) {
  vars_["API"] = "http://127.0.0.1:4000/api/v1/";
  vars_["ISSUER"] = "http://127.0.0.1:4000";
  vars_["ORG"] = "310000108";
  auto state = Loaded(R"(apiVersion: mpctl/v1
owner: payments
environments:
  local:
    organization: ${ORG}
    api_url: ${API}
    auth_server: ${ISSUER}
    connect_timeout_seconds: 3
    timeout_seconds: 9
    admin_client: {client_id: "${TEST_ADMIN}", key_env: ADMIN_KEY, kid: admin}
clients:
  sync: {description: "Sync for ${ORG}", scopes: [a:b]}
)",
                      "local");
  EXPECT_EQ(state.owner, "payments");
  EXPECT_EQ(state.environment.organization, "310000108");
  EXPECT_EQ(state.environment.api_url, "http://127.0.0.1:4000/api/v1");
  EXPECT_EQ(state.environment.auth_server, "http://127.0.0.1:4000/");
  EXPECT_EQ(state.environment.connect_timeout_seconds, 3);
  EXPECT_EQ(state.environment.timeout_seconds, 9);
  EXPECT_EQ(state.environment.admin.key_env, "ADMIN_KEY");
  EXPECT_EQ(state.clients[0].description, "Sync for 310000108");
}

TEST_F(LoadTest, PlainHttpOnlyToThisMachineInAnyCase) {
  auto manifest_with = [](const std::string& url) {
    return R"(apiVersion: mpctl/v1
environments:
  local:
    organization: "310000108"
    api_url: )" +
           url + R"(
    auth_server: https://auth.example.no
    admin_client: {client_id: "${TEST_ADMIN}", key_env: ADMIN_KEY, kid: admin}
)";
  };
  for (std::string url : {"http://LOCALHOST:4000/api", "http://localhost", "http://[::1]:80/x",
                          "http://127.0.0.1:4000", "HTTPS://api.example.no/v1"}) {
    EXPECT_EQ(Load(manifest_with(url)).diagnostics.ToString(), "") << url;
  }
  for (std::string url : {"http://api.example.no/v1", "http://localhost.example.no",
                          "http://127.0.0.1.example.no/", "ftp://localhost/", "https://"}) {
    EXPECT_THAT(Load(manifest_with(url)).diagnostics.ToString(),
                HasSubstr("is not an https:// URL"))
        << url;
  }
}

TEST_F(LoadTest, ResolvesProviderScopes) {
  std::string text = std::string(kHeader) + R"(scopes:
  "payments:invoices.read":
    description: Read invoices
    visibility: private
    token_lifetime_seconds: 120
    consumers: ["912345602", "310000205", "912345602"]
    overrides:
      test: {consumers: ["310000302"], allowed_integration_types: [maskinporten, krr]}
  "payments:a":
    description: A
    accessible_for_all: true
    environments: [prod]
    lifecycle: {prevent_destroy: true}
)";
  auto test = Loaded(text, "test");
  ASSERT_EQ(test.scopes.size(), 1u);
  const auto& read = test.scopes[0];
  EXPECT_EQ(read.prefix, "payments");
  EXPECT_EQ(read.subscope, "invoices.read");
  EXPECT_EQ(read.visibility, model::Visibility::kPrivate);
  EXPECT_EQ(read.token_lifetime_seconds, 120);
  EXPECT_EQ(read.consumers, (std::vector<std::string>{"310000302"}));
  EXPECT_EQ(read.allowed_integration_types, (std::vector<std::string>{"krr", "maskinporten"}));
  auto prod = Loaded(text, "prod");
  ASSERT_EQ(prod.scopes.size(), 2u);
  EXPECT_EQ(prod.scopes[0].name, "payments:a");
  EXPECT_TRUE(prod.scopes[0].accessible_for_all);
  EXPECT_TRUE(prod.scopes[0].prevent_destroy);
  EXPECT_EQ(prod.scopes[0].visibility, model::Visibility::kPublic);
  EXPECT_EQ(prod.scopes[0].allowed_integration_types, (std::vector<std::string>{"maskinporten"}));
  EXPECT_EQ(prod.scopes[1].consumers, (std::vector<std::string>{"310000205", "912345602"}));
}

TEST_F(LoadTest, ManifestCarriesPathHashAndOwner) {
  std::string text = std::string(kHeader) + "owner: payments\nclients: {}\n";
  LoadResult result = Load(text);
  ASSERT_TRUE(result.manifest.has_value());
  EXPECT_EQ(result.manifest->path, "mpctl.yaml");
  EXPECT_EQ(result.manifest->sha256, crypto::Sha256Hex(text));
  EXPECT_EQ(result.manifest->owner, "payments");
  EXPECT_EQ(result.manifest->states.size(), 2u);
}

TEST_F(LoadTest, MissingManifestFileIsOneError) {
  LoadOptions options;
  options.reader = &files_;
  LoadResult result = LoadManifest("nowhere/mpctl.yaml", options);
  EXPECT_EQ(result.diagnostics.ToString(),
            "nowhere/mpctl.yaml: manifest does not exist (give its path with -f)\n");
}

TEST_F(LoadTest, KeyFilesAreRelativeToTheManifest) {
  std::string private_pem = testing::GenerateRsaPem(2048);
  files_.Add("dir/keys/a.pem", testing::SpkiPem(private_pem));
  files_.Add("dir/mpctl.yaml", std::string(kHeader) + R"(clients:
  sync:
    scopes: [a:b]
    keys: [{kid: a, pem_file: keys/a.pem}]
)");
  LoadOptions options;
  options.reader = &files_;
  options.environments = {"test"};
  options.getenv = [](const std::string&) { return std::optional<std::string>("x"); };
  LoadResult result = LoadManifest("dir/mpctl.yaml", options);
  ASSERT_EQ(result.diagnostics.ToString(), "");
  EXPECT_EQ(result.manifest->states[0].clients[0].keys.size(), 1u);
}

TEST_F(LoadTest, Rs384KeyLoadsWithAWarningThatPointsToTheOpenQuestion) {
  files_.Add("/m/keys/a.pem", testing::SpkiPem(testing::GenerateRsaPem(2048)));
  LoadResult result = Load(std::string(kHeader) + R"(clients:
  sync:
    scopes: [a:b]
    keys: [{kid: a, alg: RS384, pem_file: keys/a.pem}, {kid: b, alg: RS512, pem_file: keys/a.pem}]
)");
  ASSERT_EQ(result.diagnostics.ToString(), "");
  ASSERT_TRUE(result.manifest.has_value());
  ASSERT_EQ(result.warnings.size(), 1u) << result.warnings.ToString();
  const base::Diagnostic& warning = result.warnings.items()[0];
  EXPECT_EQ(warning.path, "clients.sync.keys[0].alg");
  EXPECT_THAT(warning.message, HasSubstr("alg 'RS384' may be refused"));
  EXPECT_THAT(warning.hint, HasSubstr("docs/emulator.md"));

  LoadResult plain = Load(std::string(kHeader) + R"(clients:
  sync:
    scopes: [a:b]
    keys: [{kid: a, pem_file: keys/a.pem}]
)");
  EXPECT_TRUE(plain.warnings.empty()) << plain.warnings.ToString();
}

// Every accepted form of the same key gives the same JWK facts.
TEST_F(LoadTest, LoadsEveryKeyFormat) {
  std::string private_pem = testing::GenerateRsaPem(2048);
  std::string spki = testing::SpkiPem(private_pem);
  auto public_key = crypto::ParsePublicKey(spki, crypto::PrivateKeyPolicy::kReject);
  ASSERT_TRUE(public_key.ok());
  std::string jwk = crypto::PublicJwkJson(public_key->key, "k-jwk", "RS512");
  files_.Add("/m/spki.pem", spki);
  files_.Add("/m/pkcs1.pem", testing::Pkcs1PublicPem(private_pem));
  files_.Add("/m/cert.pem", testing::SelfSignedCertificatePem(private_pem));
  files_.Add("/m/key.jwk.json", jwk);
  vars_["KEY_PEM"] = spki;
  vars_["KEY_PEM_B64"] = base::Base64Encode(spki);
  vars_["KEY_DER_B64"] = base::Base64Encode(testing::SpkiDer(private_pem));
  std::string inline_pem;
  for (const auto& line : base::Split(spki, '\n')) {
    if (!line.empty()) inline_pem += "          " + line + "\n";
  }
  auto state = Loaded(std::string(kHeader) + R"(clients:
  a:
    scopes: [a:b]
    keys:
      - {kid: k-spki, pem_file: spki.pem}
      - {kid: k-pkcs1, pem_file: pkcs1.pem, alg: RS384}
      - {kid: k-cert, pem_file: cert.pem}
      - {kid: k-jwk, jwk_file: key.jwk.json}
      - kid: k-inline
        pem: |
)" + inline_pem + R"(
  b:
    scopes: [a:b]
    keys:
      - {kid: k-env-pem, env: KEY_PEM}
      - {kid: k-env-b64, env: KEY_PEM_B64}
      - {kid: k-env-der, env: KEY_DER_B64}
      - kid: k-jwk-inline
        jwk: {kty: RSA, n: ")" +
                          public_key->key.n + R"(", e: ")" + public_key->key.e + R"("}
)",
                      "test");
  ASSERT_EQ(state.clients.size(), 2u);
  std::vector<std::string> kids;
  for (const auto& client : state.clients) {
    for (const auto& key : client.keys) {
      kids.push_back(key.kid);
      EXPECT_EQ(key.n, public_key->key.n) << key.kid;
      EXPECT_EQ(key.e, public_key->key.e) << key.kid;
      EXPECT_EQ(key.bits, 2048) << key.kid;
      EXPECT_EQ(key.thumbprint, crypto::Thumbprint(public_key->key)) << key.kid;
      EXPECT_EQ(key.alg, key.kid == "k-pkcs1" ? "RS384"
                         : key.kid == "k-jwk" ? "RS512"
                                              : "RS256")
          << key.kid;
      EXPECT_EQ(key.use, "sig");
    }
  }
  EXPECT_EQ(kids,
            (std::vector<std::string>{"k-cert", "k-inline", "k-jwk", "k-pkcs1", "k-spki",
                                      "k-env-b64", "k-env-der", "k-env-pem", "k-jwk-inline"}));
}

TEST_F(LoadTest, SmallKeyIsRefused) {
  files_.Add("/m/small.pem", testing::SpkiPem(testing::GenerateRsaPem(1024)));
  LoadResult result = Load(std::string(kHeader) + R"(clients:
  sync: {scopes: [a:b], keys: [{kid: s, pem_file: small.pem}]}
)");
  EXPECT_EQ(result.diagnostics.ToString(),
            "mpctl.yaml:10:51: clients.sync.keys[0].pem_file: 'small.pem': RSA key of 1024 bits "
            "is too small; use at least 2048\n");
}

}  // namespace
}  // namespace mpctl::manifest
