// lib/auth: admin tokens for the self-service API: discovery, the RFC 7523 JWT grant signed
// with a registered key (kid) or a business certificate (x5c), and a token cache.
// Uses crypto and base only; HTTP comes in through the TokenHttp interface (no libcurl here).
#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "base/secret.h"

namespace mpctl::auth {

/// Gives bearer tokens for the admin API. Implementations are safe to call from several
/// threads at once.
class TokenSource {
 public:
  virtual ~TokenSource() = default;
  /// An access token carrying at least `scopes`. Errors name the likely cause and never
  /// contain the token, the grant or key material.
  virtual base::Result<base::Secret> Token(const std::vector<std::string>& scopes) = 0;
  /// Drops a cached token for `scopes` (the API refused it with 401), so the next Token()
  /// asks for a new one. Sources without a cache ignore it.
  virtual void Forget(const std::vector<std::string>& /*scopes*/) {}
};

/// A token obtained elsewhere (`token_env`): returned as-is for every scope set.
class StaticTokenSource final : public TokenSource {
 public:
  explicit StaticTokenSource(base::Secret token) : token_(std::move(token)) {}
  base::Result<base::Secret> Token(const std::vector<std::string>& /*scopes*/) override {
    return token_;
  }

 private:
  base::Secret token_;
};

}  // namespace mpctl::auth
