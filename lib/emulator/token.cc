#include "emulator/token.h"

#include <algorithm>

#include "base/strings.h"
#include "emulator/access_rules.h"
#include "emulator/codec.h"
#include "emulator/ids.h"
#include "emulator/json.h"
#include "emulator/jwt.h"

namespace mpctl::emulator {

namespace {

constexpr std::int64_t kClockSkew = 10;
constexpr std::int64_t kMaxGrantLifetime = 120;

TokenError Fail(int status, std::string error, std::string description) {
  return TokenError{status, std::move(error), std::move(description)};
}

TokenError Invalid(std::string description) {
  return Fail(400, "invalid_grant", std::move(description));
}

bool IsAllowedAlg(const std::string& alg) {
  return alg == "RS256" || alg == "RS384" || alg == "RS512";
}

// The keys and identity of whoever `iss` names: an admin client or a registered client.
struct Principal {
  std::string client_id;
  std::string orgno;
  const std::vector<Jwk>* keys = nullptr;
  const AdminClient* admin = nullptr;
  const Client* client = nullptr;
};

bool AudienceMatches(const rapidjson::Value* aud, const std::string& issuer) {
  if (aud == nullptr) return false;
  if (aud->IsString()) return aud->GetString() == issuer;
  if (aud->IsArray()) {
    for (const auto& a : aud->GetArray()) {
      if (a.IsString() && a.GetString() == issuer) return true;
    }
  }
  return false;
}

// The admin client's business certificate: the chain must lead to a seeded certificate
// authority and the leaf must carry the admin client's orgno (MP-122).
std::variant<crypto::RsaPublicKey, TokenError> CheckBusinessCertificate(
    const std::vector<std::string>& chain, const Principal& who, const State& state,
    std::int64_t now) {
  if (state.certificate_authorities.empty()) {
    return Invalid(
        "Invalid certificate (MP-120): no certificate authority is trusted; name a "
        "test CA under certificate_authorities in the emulator's seed");
  }
  auto identity = crypto::VerifyCertificateChain(chain, state.certificate_authorities, now);
  if (!identity.ok()) return Invalid("Invalid certificate (MP-120): " + identity.error().message);
  if (identity->orgno != who.orgno) {
    return Invalid("Invalid certificate (MP-122): the certificate's organisation number ('" +
                   identity->orgno + "') is not that of client '" + who.client_id + "' (" +
                   who.orgno + ")");
  }
  return identity->key;
}

// Finds the verification key: by kid among the registered keys, or the x5c leaf certificate,
// whose public key must be registered for the client (or, for an admin client, whose chain
// is a business certificate of its organisation; see AdminAuth).
std::variant<crypto::RsaPublicKey, TokenError> FindKey(const rapidjson::Value& header,
                                                       const Principal& who,
                                                       const GrantContext& context,
                                                       std::string& amr) {
  std::int64_t now = context.now;
  const rapidjson::Value* kid = Member(header, "kid");
  const rapidjson::Value* x5c = Member(header, "x5c");
  if ((kid == nullptr) == (x5c == nullptr)) {
    return Invalid("Invalid assertion. Exactly one of kid and x5c must be in the JWT header");
  }
  bool admin = who.admin != nullptr;
  if (kid != nullptr) {
    amr = "private_key_jwt";
    if (admin && context.admin_auth == AdminAuth::kCertificate) {
      return Invalid("Invalid client authentication (MP-100): admin client '" + who.client_id +
                     "' must sign in with a business certificate (x5c), not a registered key "
                     "(kid); this emulator runs with --admin-auth certificate");
    }
    if (!kid->IsString()) return Invalid("Invalid assertion. kid must be a string");
    std::string wanted = kid->GetString();
    for (const Jwk& key : *who.keys) {
      if (key.kid != wanted || key.usable_from > now * 1000) continue;
      if (key.exp != 0 && key.exp < now) {
        return Invalid("Expired key (MP-121): key '" + wanted + "' of client '" + who.client_id +
                       "' expired; register a new key");
      }
      return crypto::RsaPublicKey{key.n, key.e, 0};
    }
    return Invalid("Unknown key identifier (kid) for client");
  }
  amr = "virksomhetssertifikat";
  if (admin && context.admin_auth == AdminAuth::kKey) {
    return Invalid("Invalid client authentication (MP-100): admin client '" + who.client_id +
                   "' must sign in with a registered key (kid), not a certificate (x5c); this "
                   "emulator runs with --admin-auth key");
  }
  if (!x5c->IsArray() || x5c->Empty()) {
    return Invalid("Invalid x5c (MP-123): x5c must be an array of base64 DER certificates");
  }
  std::vector<std::string> chain;
  for (rapidjson::SizeType i = 0; i < x5c->Size(); ++i) {
    const rapidjson::Value& item = (*x5c)[i];
    // RFC 7515 §4.1.6: standard base64, not base64url.
    auto der = item.IsString() ? base::Base64DecodeStandard(item.GetString()) : std::nullopt;
    if (!der) {
      return Invalid("Invalid x5c (MP-123): x5c[" + std::to_string(i) +
                     "] is not standard base64 (RFC 4648 §4, padded; URL-safe base64 is not "
                     "allowed)");
    }
    chain.push_back(std::move(*der));
  }
  if (admin && context.admin_auth == AdminAuth::kCertificate) {
    return CheckBusinessCertificate(chain, who, context.state, now);
  }
  auto public_key = crypto::CertificatePublicKey(chain[0]);
  if (!public_key.ok()) return Invalid("Invalid certificate (MP-120): not a DER X.509 certificate");
  for (const Jwk& key : *who.keys) {
    if (key.n == public_key->n && key.e == public_key->e && key.usable_from <= now * 1000) {
      return *public_key;
    }
  }
  if (admin && !context.state.certificate_authorities.empty()) {
    return CheckBusinessCertificate(chain, who, context.state, now);
  }
  return Invalid("Invalid certificate (MP-122): the certificate does not belong to client '" +
                 who.client_id + "'");
}

// The scope check for a client registered through the admin API (§6).
std::optional<TokenError> CheckClientScope(const State& state, const Client& client,
                                           const std::string& name, std::int64_t now) {
  if (std::find(client.scopes.begin(), client.scopes.end(), name) == client.scopes.end()) {
    return Fail(400, "invalid_scope",
                "Token request contains invalid scopes for client (MP-200): '" + name + "'");
  }
  auto scope = state.scopes.find(name);
  if (scope == state.scopes.end() || !scope->second.active) {
    return Fail(400, "invalid_scope",
                "Token request contains invalid scopes for client (MP-200): '" + name + "'");
  }
  const auto& allowed = scope->second.allowed_integration_types;
  if (!allowed.empty() &&
      std::find(allowed.begin(), allowed.end(), client.integration_type) == allowed.end()) {
    return Fail(400, "invalid_scope",
                "Token request contains scopes not allowed for maskinporten (MP-201): '" + name +
                    "'");
  }
  if (MayUseScope(state, scope->second, client.client_orgno, now * 1000)) return std::nullopt;
  return Fail(403, "forbidden",
              "Consumer has not been granted access to the scope " + name + " (MP-250)");
}

}  // namespace

TokenSigner::TokenSigner(crypto::PrivateKey key, base::Secret pem)
    : key_(std::move(key)), public_(key_.Public()), kid_(crypto::Thumbprint(public_)),
      pem_(std::move(pem)) {}

base::Result<TokenSigner> TokenSigner::Create(const base::Secret& pem) {
  if (pem.empty()) {
    auto key = crypto::PrivateKey::Generate(2048);
    if (!key.ok()) return key.error().WithContext("generating the token-signing key");
    base::Secret new_pem = key->ToPem();
    return TokenSigner(std::move(key).value(), std::move(new_pem));
  }
  auto key = crypto::PrivateKey::FromPem(pem, "the state file's signing key");
  if (!key.ok()) return key.error();
  return TokenSigner(std::move(key).value(), pem);
}

std::string TokenSigner::Sign(const std::string& claims_json) const {
  std::string header = "{\"alg\":\"RS256\",\"kid\":" + base::JsonQuote(kid_) + ",\"typ\":\"JWT\"}";
  std::string input = base::Base64UrlEncode(header) + "." + base::Base64UrlEncode(claims_json);
  auto signature = key_.Sign("RS256", input);
  MPCTL_CHECK(signature.ok());
  return input + "." + base::Base64UrlEncode(*signature);
}

std::optional<Caller> TokenSigner::Verify(std::string_view token, const std::string& issuer,
                                          std::int64_t now) const {
  Jwt jwt;
  if (DecodeJwt(token, jwt)) return std::nullopt;
  if (StringOr(jwt.header, "alg") != "RS256" || StringOr(jwt.header, "kid") != kid_) {
    return std::nullopt;
  }
  if (!crypto::VerifySignature(public_, "RS256", jwt.signing_input, jwt.signature)) {
    return std::nullopt;
  }
  if (StringOr(jwt.claims, "iss") != issuer || IntOr(jwt.claims, "exp") <= now) {
    return std::nullopt;
  }
  Caller caller;
  caller.client_id = StringOr(jwt.claims, "client_id");
  if (const rapidjson::Value* consumer = Member(jwt.claims, "consumer")) {
    std::string id = StringOr(*consumer, "ID");
    if (base::StartsWith(id, "0192:")) caller.orgno = id.substr(5);
  }
  if (caller.orgno.empty()) return std::nullopt;
  for (const auto& scope : base::Split(StringOr(jwt.claims, "scope"), ' ')) {
    if (!scope.empty()) caller.scopes.insert(scope);
  }
  return caller;
}

std::string TokenSigner::JwksJson() const {
  return "{\"keys\":[" + crypto::PublicJwkJson(public_, kid_, "RS256") + "]}";
}

bool JtiCache::Insert(const std::string& jti, std::int64_t expires, std::int64_t now) {
  std::lock_guard lock(mu_);
  for (auto it = seen_.begin(); it != seen_.end();) {
    it = it->second < now - kMaxGrantLifetime ? seen_.erase(it) : std::next(it);
  }
  return seen_.emplace(jti, expires).second;
}

void JtiCache::Clear() {
  std::lock_guard lock(mu_);
  seen_.clear();
}

std::variant<GrantResult, TokenError> VerifyGrant(std::string_view assertion,
                                                  const GrantContext& context) {
  Jwt jwt;
  if (auto error = DecodeJwt(assertion, jwt)) {
    return Fail(400, "invalid_request", "Invalid assertion (MP-011): " + *error);
  }
  std::string alg = StringOr(jwt.header, "alg");
  if (!IsAllowedAlg(alg)) {
    return Invalid("Invalid assertion. Unsupported signing algorithm '" + alg +
                   "'; use RS256, RS384 or RS512");
  }
  std::string iss = StringOr(jwt.claims, "iss");
  if (iss.empty()) return Invalid("Invalid assertion. Missing iss claim (client_id)");

  Principal who;
  if (auto admin = context.state.admin_clients.find(iss);
      admin != context.state.admin_clients.end()) {
    who = {iss, admin->second.orgno, &admin->second.keys, &admin->second, nullptr};
  } else if (auto client = context.state.clients.find(iss);
             client != context.state.clients.end() && client->second->active) {
    who = {iss, client->second->client_orgno, &client->second->keys, nullptr,
           client->second.get()};
  } else {
    return Fail(400, "invalid_client", "Invalid client (MP-100): client '" + iss +
                                           "' not found or not active");
  }

  GrantResult result;
  auto key = FindKey(jwt.header, who, context, result.client_amr);
  if (auto* error = std::get_if<TokenError>(&key)) return *error;
  if (!crypto::VerifySignature(std::get<crypto::RsaPublicKey>(key), alg, jwt.signing_input,
                               jwt.signature)) {
    return Invalid("Invalid assertion. Client authentication failed (MP-124): bad signature");
  }
  if (!AudienceMatches(Member(jwt.claims, "aud"), context.issuer)) {
    return Invalid("Invalid audience value in JWT (MP-110): expected '" + context.issuer + "'");
  }
  const rapidjson::Value* iat = Member(jwt.claims, "iat");
  const rapidjson::Value* exp = Member(jwt.claims, "exp");
  if (iat == nullptr || !iat->IsInt64() || exp == nullptr || !exp->IsInt64()) {
    return Invalid("Invalid assertion (MP-011): iat and exp must be epoch seconds");
  }
  if (iat->GetInt64() > context.now + kClockSkew) return Invalid("Issue time is after now");
  if (iat->GetInt64() < context.now - kClockSkew) {
    return Invalid("Invalid assertion (MP-130): iat is more than 10 seconds before now; "
                   "make a new grant for every token request");
  }
  if (exp->GetInt64() <= context.now) return Invalid("JWT expired (MP-130)");
  if (exp->GetInt64() - iat->GetInt64() > kMaxGrantLifetime) {
    return Invalid("Invalid assertion (MP-130): exp - iat exceeds 120 seconds");
  }
  std::string jti = StringOr(jwt.claims, "jti");
  if (jti.empty()) jti = "sha256:" + crypto::Sha256Hex(assertion);
  if (!context.jtis.Insert(iss + "\n" + jti, exp->GetInt64(), context.now)) {
    return Invalid("Grant is used before (MP-012): make a new jti for every grant");
  }

  for (const auto& scope : base::Split(StringOr(jwt.claims, "scope"), ' ')) {
    if (!scope.empty()) result.scopes.push_back(scope);
  }
  if (result.scopes.empty()) return Fail(400, "invalid_scope", "Missing scope in JWT grant");
  result.client_id = iss;
  result.orgno = who.orgno;
  if (who.admin != nullptr) {
    result.expires_in = who.admin->access_token_lifetime;
    for (const auto& scope : result.scopes) {
      const auto& granted = who.admin->scopes;
      if (std::find(granted.begin(), granted.end(), scope) == granted.end()) {
        return Fail(400, "invalid_scope",
                    "Token request contains invalid scopes for client (MP-200): '" + scope + "'");
      }
    }
    return result;
  }
  result.expires_in = who.client->access_token_lifetime;
  for (const auto& scope : result.scopes) {
    if (auto error = CheckClientScope(context.state, *who.client, scope, context.now)) {
      return *error;
    }
    std::int64_t max_age = context.state.scopes.at(scope).at_max_age;
    if (max_age > 0) result.expires_in = std::min(result.expires_in, max_age);
  }
  return result;
}

std::string AccessTokenClaims(const GrantResult& grant, const std::string& issuer,
                              std::int64_t now, const std::string& jti) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  WriteString(w, "iss", issuer);
  WriteString(w, "client_amr", grant.client_amr);
  WriteString(w, "token_type", "Bearer");
  WriteString(w, "client_id", grant.client_id);
  w.Key("consumer");
  w.StartObject();
  WriteString(w, "authority", "iso6523-actorid-upis");
  WriteString(w, "ID", "0192:" + grant.orgno);
  w.EndObject();
  WriteString(w, "scope", base::Join(grant.scopes, " "));
  WriteInt(w, "iat", now);
  WriteInt(w, "exp", now + grant.expires_in);
  WriteString(w, "jti", jti);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace mpctl::emulator
