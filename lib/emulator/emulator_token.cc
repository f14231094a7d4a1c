// The Maskinporten side of the emulator: /token and the well-known metadata.
#include "base/strings.h"
#include "emulator/emulator.h"
#include "emulator/ids.h"

namespace mpctl::emulator {

namespace {

constexpr const char* kJwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer";

Response TokenErrorResponse(const TokenError& error) {
  return JsonBody(error.status, [&](JsonWriter& w) {
    w.StartObject();
    WriteString(w, "error", error.error);
    WriteString(w, "error_description",
                error.description + " (correlation id: " + NewCorrelationId() + ")");
    w.EndObject();
  });
}

}  // namespace

Response Emulator::WellKnown() const {
  return JsonBody(200, [&](JsonWriter& w) {
    w.StartObject();
    WriteString(w, "issuer", issuer_);
    WriteString(w, "token_endpoint", base_url_ + "/token");
    WriteString(w, "jwks_uri", base_url_ + "/jwk");
    WriteStrings(w, "token_endpoint_auth_methods_supported", {"private_key_jwt"});
    WriteStrings(w, "grant_types_supported", {kJwtBearer});
    WriteStrings(w, "token_endpoint_auth_signing_alg_values_supported",
                 {"RS256", "RS384", "RS512"});
    WriteStrings(w, "authorization_details_types_supported",
                 {"urn:altinn:systemuser", "urn:altinn:consent"});
    w.EndObject();
  });
}

Response Emulator::HandleToken(const Request& request) {
  // Form body (the documented way) or query parameters (as the Altinn operator sends them).
  auto form = ParseForm(request.body);
  auto param = [&](const std::string& name) -> std::string {
    if (auto value = request.Query(name)) return *value;
    auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
  };
  std::string grant_type = param("grant_type");
  if (grant_type.empty()) {
    return TokenErrorResponse({400, "invalid_request", "Missing grant_type (MP-011)"});
  }
  if (grant_type != kJwtBearer) {
    return TokenErrorResponse({400, "unsupported_grant_type",
                               std::string("Invalid grant_type; use ") + kJwtBearer});
  }
  std::string assertion = param("assertion");
  if (assertion.empty()) {
    return TokenErrorResponse({400, "invalid_request", "Missing assertion (MP-011)"});
  }
  std::int64_t now = clock_.NowSeconds();
  std::shared_lock lock(mu_);
  auto result =
      VerifyGrant(assertion, GrantContext{state_, issuer_, now, jtis_, options_.admin_auth});
  lock.unlock();
  if (auto* error = std::get_if<TokenError>(&result)) return TokenErrorResponse(*error);
  const GrantResult& grant = std::get<GrantResult>(result);
  std::string token = signer_.Sign(AccessTokenClaims(grant, issuer_, now, NewUuid()));
  stats_.CountToken();
  return JsonBody(200, [&](JsonWriter& w) {
    w.StartObject();
    WriteString(w, "access_token", token);
    WriteString(w, "token_type", "Bearer");
    WriteInt(w, "expires_in", grant.expires_in);
    WriteString(w, "scope", base::Join(grant.scopes, " "));
    w.EndObject();
  });
}

}  // namespace mpctl::emulator
