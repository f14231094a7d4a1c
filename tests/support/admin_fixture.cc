#include "support/admin_fixture.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <rapidjson/document.h>

#include <chrono>
#include <fstream>

#include "base/strings.h"

namespace mpctl::testing {

namespace {

crypto::PrivateKey NewKey() {
  auto key = crypto::PrivateKey::Generate(2048);
  MPCTL_CHECK(key.ok());
  return std::move(key).value();
}

std::int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

constexpr const char* kBaseSeed = R"(organisations:
  - orgno: "310000108"
    name: Acme AS
    prefixes: [acme]
  - orgno: "974761076"
    name: Skatteetaten
    prefixes: [skatt]
  - orgno: "991825827"
    name: Digitaliseringsdirektoratet
    prefixes: [difi]
admin_clients:
  - client_id: acme-admin
    orgno: "310000108"
    scopes: [idporten:dcr.read, idporten:dcr.write, idporten:scopes.read, idporten:scopes.write]
    keys:
      - kid: acme-admin-key
        public_key_file: admin.pub.pem
  - client_id: skatt-admin
    orgno: "974761076"
    scopes: [idporten:dcr.read, idporten:dcr.write, idporten:scopes.read, idporten:scopes.write]
    keys:
      - kid: skatt-admin-key
        public_key_file: admin.pub.pem
scopes:
  - prefix: skatt
    subscope: demo/read
    owner_orgno: "974761076"
    description: Demo data from Skatteetaten
  - prefix: skatt
    subscope: private
    owner_orgno: "974761076"
    description: Private Skatteetaten API
    visibility: PRIVATE
  - prefix: difi
    subscope: open
    owner_orgno: "991825827"
    description: Open to every organisation
    accessible_for_all: true
  - prefix: skatt
    subscope: delegated
    owner_orgno: "974761076"
    description: Delegated through Altinn
    delegation_source: https://tt02.altinn.no/
access:
  - scope: skatt:demo/read
    consumer_orgno: "310000108"
)";

}  // namespace

std::string SignJwt(const crypto::PrivateKey& key, const std::string& alg,
                    const std::string& header_json, const std::string& claims_json) {
  std::string input =
      base::Base64UrlEncode(header_json) + "." + base::Base64UrlEncode(claims_json);
  auto signature = key.Sign(alg, input);
  MPCTL_CHECK(signature.ok());
  return input + "." + base::Base64UrlEncode(*signature);
}

AdminFixture::AdminFixture(const std::string& dir, const std::string& extra_yaml)
    : key_(NewKey()), seed_path_(dir + "/seed.yaml") {
  auto pem = crypto::PublicKeyPem(key_.Public());
  MPCTL_CHECK(pem.ok());
  std::ofstream(dir + "/admin.pub.pem") << *pem;
  std::ofstream(seed_path_) << kBaseSeed << extra_yaml;
}

std::vector<std::string> AdminFixture::EmulatorArgs() const { return {"--seed", seed_path_}; }

std::string AdminFixture::ManifestHead(const std::string& base_url,
                                       const std::string& admin_key) {
  return "apiVersion: mpctl/v1\n"
         "environments:\n"
         "  test:\n"
         "    organization: \"" + std::string(kOrgno) + "\"\n"
         "    api_url: " + base_url + "/api/v1\n"
         "    auth_server: " + base_url + "/\n"
         "    admin_client: {client_id: " + kClientId + ", " + admin_key +
         ", kid: acme-admin-key}\n";
}

std::string AdminFixture::Grant(const std::string& base_url, const GrantSpec& spec) const {
  std::string header = "{\"alg\":" + base::JsonQuote(spec.alg);
  if (!spec.kid.empty()) header += ",\"kid\":" + base::JsonQuote(spec.kid);
  if (!spec.x5c.empty()) {
    header += ",\"x5c\":[";
    for (std::size_t i = 0; i < spec.x5c.size(); ++i) {
      header += (i ? "," : "") + base::JsonQuote(spec.x5c[i]);
    }
    header += "]";
  }
  header += ",\"typ\":\"JWT\"}";
  std::int64_t iat = NowSeconds() + spec.iat_offset;
  std::string jti = spec.jti.empty() ? base::HexEncode(crypto::RandomBytes(16)) : spec.jti;
  std::string claims = "{\"aud\":" + base::JsonQuote(spec.aud.empty() ? base_url + "/" : spec.aud) +
                       ",\"iss\":" + base::JsonQuote(spec.client_id) +
                       ",\"scope\":" + base::JsonQuote(spec.scope) +
                       ",\"iat\":" + std::to_string(iat) +
                       ",\"exp\":" + std::to_string(iat + spec.lifetime) +
                       ",\"jti\":" + base::JsonQuote(jti) + "}";
  return SignJwt(key_, spec.alg, header, claims);
}

std::pair<int, std::string> PostGrant(const std::string& base_url, const std::string& assertion) {
  httplib::Client http(base_url);
  http.enable_server_certificate_verification(false);  // self-signed test TLS
  httplib::Params form{{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"},
                       {"assertion", assertion}};
  auto response = http.Post("/token", form);
  if (!response) return {0, ""};
  return {response->status, response->body};
}

std::string AdminFixture::Token(const std::string& base_url, const std::string& scope,
                                const std::string& client_id) const {
  GrantSpec spec;
  spec.client_id = client_id;
  spec.kid = client_id + "-key";
  spec.scope = scope;
  auto [status, body] = PostGrant(base_url, Grant(base_url, spec));
  rapidjson::Document doc;
  doc.Parse(body.c_str());
  if (status != 200 || !doc.IsObject() || !doc.HasMember("access_token")) {
    ADD_FAILURE() << "token request failed: " << status << " " << body;
    return "";
  }
  return doc["access_token"].GetString();
}

}  // namespace mpctl::testing
