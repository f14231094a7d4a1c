#include "auth/jwt_grant.h"

#include <algorithm>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "base/strings.h"

namespace mpctl::auth {

namespace {

constexpr char kAlg[] = "RS256";

template <typename Fill>
std::string JsonObject(Fill fill) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  fill(writer);
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

GrantSigner::GrantSigner(crypto::PrivateKey key, std::string kid, std::vector<std::string> x5c)
    : key_(std::move(key)), kid_(std::move(kid)), x5c_(std::move(x5c)) {}

GrantSigner GrantSigner::WithKid(crypto::PrivateKey key, std::string kid) {
  return GrantSigner(std::move(key), std::move(kid), {});
}

GrantSigner GrantSigner::WithCertificateChain(crypto::PrivateKey key,
                                              std::vector<std::string> chain_der) {
  std::vector<std::string> x5c;
  for (const auto& der : chain_der) x5c.push_back(base::Base64Encode(der));
  return GrantSigner(std::move(key), "", std::move(x5c));
}

std::string GrantSigner::KeyDescription() const {
  return x5c_.empty() ? "kid '" + kid_ + "'" : "business certificate";
}

base::Result<base::Secret> GrantSigner::Sign(const GrantClaims& claims) const {
  std::string header = JsonObject([&](auto& w) {
    w.Key("alg");
    w.String(kAlg);
    w.Key("typ");
    w.String("JWT");
    if (x5c_.empty()) {
      w.Key("kid");
      w.String(kid_);
    } else {
      w.Key("x5c");
      w.StartArray();
      for (const auto& cert : x5c_) w.String(cert);
      w.EndArray();
    }
  });
  std::int64_t lifetime = std::clamp<std::int64_t>(claims.lifetime_seconds, 1,
                                                   kMaxGrantLifetimeSeconds);
  std::string jti = base::Base64UrlEncode(crypto::RandomBytes(16));
  std::string payload = JsonObject([&](auto& w) {
    w.Key("iss");
    w.String(claims.client_id);
    w.Key("aud");
    w.String(claims.audience);
    w.Key("scope");
    w.String(base::Join(claims.scopes, " "));
    w.Key("iat");
    w.Int64(claims.issued_at);
    w.Key("exp");
    w.Int64(claims.issued_at + lifetime);
    w.Key("jti");
    w.String(jti);
  });
  std::string signing_input = base::Base64UrlEncode(header) + "." + base::Base64UrlEncode(payload);
  auto signature = key_.Sign(kAlg, signing_input);
  if (!signature.ok()) return signature.error().WithContext("signing the admin grant");
  return base::Secret(signing_input + "." + base::Base64UrlEncode(*signature));
}

}  // namespace mpctl::auth
