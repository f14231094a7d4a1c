// Test support: an admin client for the emulator, made at run time.
//
//   mpctl::testing::AdminFixture admin(dir);           // key + dir/seed.yaml + dir/admin.pub.pem
//   auto emu = EmulatorProcess::Start(admin.EmulatorArgs());
//   std::string token = admin.Token(emu->base_url(), "idporten:dcr.read");
//
// The seed has organisation 310000108 "Acme AS" (prefix "acme") with admin client
// "acme-admin" (kid "acme-admin-key"; dcr.read, dcr.write, scopes.read, scopes.write), a second
// organisation 974761076 "Skatteetaten" (prefix "skatt") with admin client "skatt-admin" (same
// key, kid "skatt-admin-key", same scopes), 991825827 "Digitaliseringsdirektoratet" (prefix
// "difi"), and foreign scopes: skatt:demo/read (PUBLIC, access APPROVED for 310000108),
// skatt:private (PRIVATE, no access), difi:open (PUBLIC, accessible_for_all),
// skatt:delegated (PUBLIC, delegation_source https://tt02.altinn.no/).
// The grant builder here is independent of lib/auth on purpose.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crypto/keys.h"

namespace mpctl::testing {

/// Header and claims of a grant; every field has a valid default for the admin client.
struct GrantSpec {
  std::string client_id = "acme-admin";
  std::string kid = "acme-admin-key";    // empty: no kid
  std::vector<std::string> x5c;          // base64 DER certificates; set kid "" to use these
  std::string alg = "RS256";
  std::string aud;                       // empty: the emulator's issuer (base_url + "/")
  std::string scope = "idporten:dcr.read";
  std::int64_t iat_offset = 0;           // seconds added to now
  std::int64_t lifetime = 60;            // exp - iat
  std::string jti;                       // empty: a new random jti
};

/// Signs a compact JWS with `key` over the given header and claims JSON.
std::string SignJwt(const crypto::PrivateKey& key, const std::string& alg,
                    const std::string& header_json, const std::string& claims_json);

class AdminFixture {
 public:
  static constexpr const char* kOrgno = "310000108";
  static constexpr const char* kOtherOrgno = "974761076";
  static constexpr const char* kClientId = "acme-admin";
  static constexpr const char* kOtherClientId = "skatt-admin";
  static constexpr const char* kAllAdminScopes =
      "idporten:dcr.read idporten:dcr.write idporten:scopes.read idporten:scopes.write";

  /// Generates the admin key and writes `dir`/admin.pub.pem and `dir`/seed.yaml; `extra_yaml`
  /// is appended to the seed (top-level sections the base lacks, e.g. "clients:").
  explicit AdminFixture(const std::string& dir, const std::string& extra_yaml = "");

  const std::string& seed_path() const { return seed_path_; }
  /// {"--seed", seed_path()}.
  std::vector<std::string> EmulatorArgs() const;
  const crypto::PrivateKey& key() const { return key_; }

  /// The head of a manifest for the emulator at `base_url`: apiVersion and an environment
  /// `test` for kOrgno, signing in as kClientId (kid "acme-admin-key") with the private key
  /// that `admin_key` names, e.g. "key_env: MPCTL_E2E_ADMIN_KEY" or "key_file: admin.pem".
  static std::string ManifestHead(const std::string& base_url, const std::string& admin_key);

  /// A signed grant for `base_url`'s emulator.
  std::string Grant(const std::string& base_url, const GrantSpec& spec) const;
  /// POSTs a grant for `scope` to base_url/token and returns the access token; a test
  /// failure and "" when the emulator refuses.
  std::string Token(const std::string& base_url, const std::string& scope = kAllAdminScopes,
                    const std::string& client_id = kClientId) const;

 private:
  crypto::PrivateKey key_;
  std::string seed_path_;
};

/// POSTs `assertion` to base_url/token as a form; returns {status, body}.
std::pair<int, std::string> PostGrant(const std::string& base_url, const std::string& assertion);

}  // namespace mpctl::testing
