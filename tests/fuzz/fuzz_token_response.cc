// libFuzzer target: the authorization server's answers: discovery document, token response
// (200) and token error (4xx). The first byte picks which; the rest is the body.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "auth/discovery.h"
#include "auth/grant_token_source.h"
#include "auth/jwt_grant.h"
#include "auth/token_errors.h"
#include "base/clock.h"
#include "crypto/keys.h"

namespace {

using namespace mpctl;

constexpr char kIssuer[] = "https://auth.example/";

class FuzzHttp final : public auth::TokenHttp {
 public:
  std::string discovery;
  int token_status = 200;
  std::string token_body;
  base::Result<auth::TokenHttpResponse> Get(const std::string&) override {
    return auth::TokenHttpResponse{200, base::Secret(discovery), "application/json"};
  }
  base::Result<auth::TokenHttpResponse> PostForm(
      const std::string&, const std::function<base::Result<base::Secret>()>& make_body) override {
    (void)make_body();
    return auth::TokenHttpResponse{token_status, base::Secret(token_body), "application/json"};
  }
};

class FixedClock final : public base::Clock {
 public:
  std::int64_t NowSeconds() const override { return 1'800'000'000; }
};

// A fresh copy of one key made at start (generating one per input would be too slow).
crypto::PrivateKey Key() {
  static const base::Secret pem = crypto::PrivateKey::Generate(2048).value().ToPem();
  return crypto::PrivateKey::FromPem(pem, "fuzz").value();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto http = std::make_shared<FuzzHttp>();
  http->discovery = std::string("{\"issuer\":\"") + kIssuer +
                    "\",\"token_endpoint\":\"https://auth.example/token\"}";
  switch (data[0] % 3) {
    case 0:
      http->discovery = body;
      (void)auth::Discover(*http, kIssuer);
      return 0;
    case 1:
      http->token_body = body;
      break;
    default:
      http->token_status = 400;
      http->token_body = body;
      break;
  }
  auth::GrantTokenSource source(auth::GrantSigner::WithKid(Key(), "kid-1"), "client-1", kIssuer,
                                http, std::make_shared<FixedClock>());
  (void)source.Token({"idporten:dcr.read"});
  return 0;
}
