// The Maskinporten side: RFC 7523 grant verification and the emulator's own access tokens.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.h"
#include "base/secret.h"
#include "crypto/keys.h"
#include "emulator/options.h"
#include "emulator/types.h"

namespace mpctl::emulator {

/// Who an access token speaks for on the admin API.
struct Caller {
  std::string client_id;
  std::string orgno;  // from consumer.ID, "0192:" stripped
  std::set<std::string> scopes;
};

/// The emulator's RS256 token-signing key; its kid is the key's RFC 7638 thumbprint.
class TokenSigner {
 public:
  /// Reads `pem`, or generates a new 2048-bit key when it is empty.
  static base::Result<TokenSigner> Create(const base::Secret& pem);

  /// A signed JWT with `claims_json` as payload (header alg RS256, kid, typ JWT).
  std::string Sign(const std::string& claims_json) const;
  /// The claims of a token this key signed with iss == `issuer` and exp > `now`; nullopt
  /// for anything else.
  std::optional<Caller> Verify(std::string_view token, const std::string& issuer,
                               std::int64_t now) const;
  /// {"keys":[public JWK]} for GET /jwk.
  std::string JwksJson() const;
  const base::Secret& pem() const { return pem_; }

 private:
  TokenSigner(crypto::PrivateKey key, base::Secret pem);
  crypto::PrivateKey key_;
  crypto::RsaPublicKey public_;
  std::string kid_;
  base::Secret pem_;
};

/// Remembers the jti of every accepted grant until it expires. Thread-safe.
class JtiCache {
 public:
  /// False when `jti` was seen before; otherwise remembers it until `expires`.
  bool Insert(const std::string& jti, std::int64_t expires, std::int64_t now);
  void Clear();

 private:
  std::mutex mu_;
  std::map<std::string, std::int64_t> seen_;
};

/// A token-endpoint error: HTTP status, OAuth `error` and Maskinporten-style description.
struct TokenError {
  int status = 400;
  std::string error;
  std::string description;
};

/// What a valid grant asks for.
struct GrantResult {
  std::string client_id;
  std::string orgno;
  std::vector<std::string> scopes;
  std::int64_t expires_in = 120;
  std::string client_amr;  // "private_key_jwt" (kid) or "virksomhetssertifikat" (x5c)
};

/// Inputs of a grant check besides the assertion.
struct GrantContext {
  const State& state;
  std::string issuer;
  std::int64_t now = 0;
  JtiCache& jtis;
  AdminAuth admin_auth = AdminAuth::kAny;
};

/// Verifies an RFC 7523 grant (portal-api.md §2.2, §9 item 3) for an admin client (seed) or a
/// client registered through the admin API: alg, kid xor x5c, signature, aud, iss, iat ±10 s,
/// exp − iat ≤ 120, jti not reused, each scope allowed. `x5c` is standard base64 only
/// (RFC 7515 §4.1.6). An admin client's kid or x5c is allowed per `admin_auth`; an x5c chain
/// checked against the state's certificate_authorities must carry the admin client's orgno.
std::variant<GrantResult, TokenError> VerifyGrant(std::string_view assertion,
                                                  const GrantContext& context);

/// The access token's claims JSON for `grant`, issued at `now` by `issuer`.
std::string AccessTokenClaims(const GrantResult& grant, const std::string& issuer,
                              std::int64_t now, const std::string& jti);

}  // namespace mpctl::emulator
