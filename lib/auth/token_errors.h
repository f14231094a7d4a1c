#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace mpctl::auth {

/// What was asked for, so a refused token request can say what to fix.
struct TokenRequestFacts {
  std::string token_path;  // "/token": path only, never the grant
  std::string client_id;
  std::string audience;
  std::string key_description;  // "kid 'x'" or "business certificate"
  bool certificate = false;     // the grant was signed with a business certificate (x5c)
  std::vector<std::string> scopes;
};

/// The error for a token endpoint answer that is not 200: status, the server's
/// `error`/`error_description` (or the body cut to 300 characters when it is not JSON),
/// and the likely cause: the machine's clock, a wrong aud, a key not registered on the
/// admin client, a scope not granted to it, or a refused certificate.
base::Error DescribeTokenError(int status, std::string_view body, const TokenRequestFacts& facts);

}  // namespace mpctl::auth
