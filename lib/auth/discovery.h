#pragma once

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

}  // namespace mpctl::auth
