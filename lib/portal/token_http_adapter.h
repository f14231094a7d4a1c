#pragma once

#include <memory>

#include "auth/token_http.h"
#include "portal/exchanger.h"

namespace mpctl::portal {

/// auth::TokenHttp over the portal's transport, with the same retries and request log.
/// A token POST is repeated like a safe request: each attempt carries a fresh grant, and
/// getting a token changes nothing on the server.
class TokenHttpAdapter final : public auth::TokenHttp {
 public:
  explicit TokenHttpAdapter(std::shared_ptr<const Exchanger> exchanger);

  base::Result<auth::TokenHttpResponse> Get(const std::string& url) override;
  base::Result<auth::TokenHttpResponse> PostForm(
      const std::string& url,
      const std::function<base::Result<base::Secret>()>& make_body) override;

 private:
  base::Result<auth::TokenHttpResponse> Run(
      const std::function<base::Result<HttpRequest>()>& make_request);
  std::shared_ptr<const Exchanger> exchanger_;
};

}  // namespace mpctl::portal
