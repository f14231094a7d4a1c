#pragma once

#include <functional>
#include <string>

#include "base/result.h"
#include "base/secret.h"

namespace mpctl::auth {

/// A response from the authorization server. The body is a Secret because a token
/// response carries the access token.
struct TokenHttpResponse {
  int status = 0;
  base::Secret body;
  std::string content_type;
};

/// The little HTTP that authentication needs; portal adapts its transport to it, so auth
/// never links libcurl. Implementations log and retry as the transport does.
class TokenHttp {
 public:
  virtual ~TokenHttp() = default;
  /// GET `url`; any HTTP status is a response, only transport failures are errors.
  virtual base::Result<TokenHttpResponse> Get(const std::string& url) = 0;
  /// POST an application/x-www-form-urlencoded body to `url`. `make_body` is called once
  /// per attempt, so a retried token request carries a fresh grant (a new jti).
  virtual base::Result<TokenHttpResponse> PostForm(
      const std::string& url, const std::function<base::Result<base::Secret>()>& make_body) = 0;
};

}  // namespace mpctl::auth
