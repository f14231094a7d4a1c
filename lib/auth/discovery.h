#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "auth/token_http.h"
#include "base/result.h"

namespace mpctl::auth {

/// What the authorization server's metadata says (RFC 8414).
struct AuthServerMetadata {
  std::string issuer;          // exactly as published, trailing slash included: the grant's aud
  std::string token_endpoint;  // on the issuer's host
};

/// Reads `<auth_server>.well-known/oauth-authorization-server` (a '/' is added to
/// `auth_server` when missing). Errors (kInvalidInput / kUnavailable) name the URL: not
/// JSON, `issuer` or `token_endpoint` missing, the issuer on another host than
/// `auth_server`, or `token_endpoint` not on the issuer's host.
base::Result<AuthServerMetadata> Discover(TokenHttp& http, std::string_view auth_server);

/// What Discover() found, by auth server, for every connection of one run: the document does
/// not change while mpctl runs, so apply's write connection, made right after the plan's read,
/// need not fetch it again. Failures are not kept. Thread-safe.
class DiscoveryCache {
 public:
  /// The metadata of `auth_server`: known, or discovered through `http` now.
  base::Result<AuthServerMetadata> Get(TokenHttp& http, std::string_view auth_server);

 private:
  std::mutex mutex_;  // held while discovering, so concurrent callers fetch it once
  std::map<std::string, AuthServerMetadata, std::less<>> known_;
};

}  // namespace mpctl::auth
