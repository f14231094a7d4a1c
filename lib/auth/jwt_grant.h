#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/secret.h"
#include "crypto/keys.h"

namespace mpctl::auth {

/// Longest grant lifetime Maskinporten accepts (exp − iat), in seconds.
inline constexpr std::int64_t kMaxGrantLifetimeSeconds = 120;

/// The claims of one grant (RFC 7523; portal-api.md §2.2).
struct GrantClaims {
  std::string client_id;            // → iss
  std::string audience;             // → aud: the issuer, exactly
  std::vector<std::string> scopes;  // → scope, space-separated
  std::int64_t issued_at = 0;       // → iat, epoch seconds
  std::int64_t lifetime_seconds = kMaxGrantLifetimeSeconds;  // capped at 120
};

/// Signs grants with one admin key. The header names the key by `kid` (a key registered on
/// the admin client) or carries `x5c` (a business certificate chain, leaf first).
class GrantSigner {
 public:
  /// Header {"alg":"RS256","typ":"JWT","kid":kid}.
  static GrantSigner WithKid(crypto::PrivateKey key, std::string kid);
  /// Header {"alg":"RS256","typ":"JWT","x5c":[standard base64 of each DER, leaf first]}.
  static GrantSigner WithCertificateChain(crypto::PrivateKey key,
                                          std::vector<std::string> chain_der);

  /// A compact JWS: header.claims.signature, with a fresh random `jti` and
  /// exp = iat + min(lifetime, 120). Errors only when signing fails.
  base::Result<base::Secret> Sign(const GrantClaims& claims) const;

  /// How the header identifies the key, for error messages: "kid 'x'" or "business certificate".
  std::string KeyDescription() const;
  /// True when the grant carries x5c (a business certificate), false with a kid.
  bool SignsWithCertificate() const { return !x5c_.empty(); }

 private:
  GrantSigner(crypto::PrivateKey key, std::string kid, std::vector<std::string> x5c);
  crypto::PrivateKey key_;
  std::string kid_;
  std::vector<std::string> x5c_;
};

}  // namespace mpctl::auth
