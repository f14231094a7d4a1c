#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "auth/discovery.h"
#include "auth/jwt_grant.h"
#include "auth/token_http.h"
#include "auth/token_source.h"
#include "base/clock.h"

namespace mpctl::auth {

/// Tokens are reused until this many seconds before they expire.
inline constexpr std::int64_t kTokenRefreshMarginSeconds = 20;

/// Gets tokens from Maskinporten with a signed JWT grant: discovers the token endpoint on
/// first use, then caches one token per scope set until kTokenRefreshMarginSeconds before
/// its `expires_in` runs out. Thread-safe; concurrent callers wait for one token request, and
/// share its failure: callers that waited for a request that failed get its error at once.
class GrantTokenSource final : public TokenSource {
 public:
  /// `auth_server` is the issuer URL (the grant's aud comes from its metadata).
  /// `discovery` (may be null) shares discovered metadata with other connections of the run.
  GrantTokenSource(GrantSigner signer, std::string client_id, std::string auth_server,
                   std::shared_ptr<TokenHttp> http, std::shared_ptr<const base::Clock> clock,
                   std::shared_ptr<DiscoveryCache> discovery = nullptr);

  base::Result<base::Secret> Token(const std::vector<std::string>& scopes) override;
  void Forget(const std::vector<std::string>& scopes) override;

 private:
  struct CachedToken {
    base::Secret token;
    std::int64_t expires_at = 0;
  };
  base::Result<CachedToken> RequestToken(const std::vector<std::string>& scopes);

  GrantSigner signer_;
  std::string client_id_;
  std::string auth_server_;
  std::shared_ptr<TokenHttp> http_;
  std::shared_ptr<const base::Clock> clock_;
  std::shared_ptr<DiscoveryCache> discovery_;
  std::mutex mutex_;
  std::optional<AuthServerMetadata> metadata_;
  std::map<std::string, CachedToken> cache_;  // key: sorted scopes joined by ' '
  // A failed discovery or token request is handed to every caller that waited for it, instead
  // of each waiting caller trying again on its own (a stalled server once cost each reader
  // thread its own full retry budget). `failures_` counts failures; a caller that sees it move
  // while it waited for the lock returns `last_failure_`.
  std::atomic<std::uint64_t> failures_{0};
  std::optional<base::Error> last_failure_;
};

}  // namespace mpctl::auth
