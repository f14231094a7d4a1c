// /clients/{id}/jwks and /api/v2/clients/{id}/key (portal-api.md §4, §9 item 8).
#include <algorithm>

#include "base/strings.h"
#include "crypto/keys.h"
#include "emulator/api.h"
#include "emulator/codec.h"
#include "emulator/ids.h"

namespace mpctl::emulator {

namespace {

constexpr const char* kObject = "JsonWebKey";
constexpr std::size_t kMaxKeys = 5;
constexpr std::int64_t kMaxKeyLifetime = 365LL * 24 * 3600;

bool IsValidKid(const std::string& kid) {
  if (kid.empty()) return false;
  return std::all_of(kid.begin(), kid.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '_' || c == '-';
  });
}

// Validates one posted JWK; `where` prefixes field names ("keys[2]." or "").
std::optional<Jwk> ReadKey(const rapidjson::Value& v, const std::string& where,
                           const Options& options, std::vector<FieldError>& errors) {
  if (!v.IsObject()) {
    errors.push_back({"each key must be a JWK object", where.empty() ? "keys" : where + "kty"});
    return std::nullopt;
  }
  std::size_t before = errors.size();
  auto field = [&](const char* name) { return where + name; };
  for (const char* member : {"d", "p", "q", "dp", "dq", "qi", "oth", "k"}) {
    if (v.HasMember(member)) {
      errors.push_back({"The key must not contain private key members ('" + std::string(member) +
                            "'); post the public key only",
                        field(member)});
    }
  }
  if (StringOr(v, "kty") != "RSA") errors.push_back({"kty must be 'RSA'", field("kty")});
  if (StringOr(v, "use") != "sig") errors.push_back({"use must be 'sig'", field("use")});
  std::string alg = StringOr(v, "alg");
  if (std::find(options.algs.begin(), options.algs.end(), alg) == options.algs.end()) {
    errors.push_back({"alg must be one of " + base::Join(options.algs, ", "), field("alg")});
  }
  std::string kid = StringOr(v, "kid");
  if (!IsValidKid(kid)) {
    errors.push_back({"kid must be non-empty and use only A-Z, a-z, 0-9, '.', '_' and '-'",
                      field("kid")});
  }
  const rapidjson::Value* exp = Member(v, "exp");
  if (exp != nullptr && !exp->IsInt64()) {
    errors.push_back({"exp must be epoch seconds", field("exp")});
  }
  // RFC 7517 §4.7: x5c holds standard base64 (not base64url) DER certificates.
  const rapidjson::Value* x5c = Member(v, "x5c");
  if (x5c != nullptr && !x5c->IsArray()) {
    errors.push_back({"x5c must be an array of base64 DER certificates", field("x5c")});
  } else if (x5c != nullptr) {
    for (const auto& item : x5c->GetArray()) {
      if (!item.IsString() || !base::Base64DecodeStandard(item.GetString())) {
        errors.push_back(
            {"x5c entries must be standard base64 (RFC 4648 §4, padded; URL-safe "
             "base64 is not allowed)",
             field("x5c")});
        break;
      }
    }
  }
  Jwk key;
  if (errors.size() == before) {
    std::string public_only = "{\"kty\":\"RSA\",\"n\":" + base::JsonQuote(StringOr(v, "n")) +
                              ",\"e\":" + base::JsonQuote(StringOr(v, "e")) + "}";
    auto parsed = crypto::ParsePublicKey(public_only, crypto::PrivateKeyPolicy::kReject);
    if (!parsed.ok()) {
      errors.push_back({"n/e are not a valid RSA public key: " + parsed.error().message,
                        field("n")});
    } else {
      key.n = parsed->key.n;
      key.e = parsed->key.e;
    }
  }
  if (errors.size() != before) return std::nullopt;
  key.kid = kid;
  key.alg = alg;
  key.exp = exp != nullptr ? exp->GetInt64() : 0;
  key.x5c = StringsOr(v, "x5c");
  return key;
}

// Gives a newly registered key its exp (requested, capped at one year), times and
// propagation delay; a key whose kid is already registered keeps exp and created.
std::optional<FieldError> Stamp(const ApiContext& ctx, Jwk& key, const std::vector<Jwk>& old,
                                const std::string& where) {
  std::int64_t now = ctx.now / 1000;
  auto existing = std::find_if(old.begin(), old.end(),
                               [&](const Jwk& k) { return k.kid == key.kid; });
  if (existing != old.end()) {
    key.exp = existing->exp;
    key.created = existing->created;
    key.usable_from = existing->usable_from;
    key.last_updated = ctx.now;
    return std::nullopt;
  }
  if (key.exp != 0 && key.exp <= now) {
    return FieldError{"exp " + std::to_string(key.exp) + " is in the past", where + "exp"};
  }
  if (key.exp == 0 || key.exp > now + kMaxKeyLifetime) key.exp = now + kMaxKeyLifetime;
  key.created = key.last_updated = ctx.now;
  key.usable_from = ctx.now + ctx.options.propagation_delay_seconds * 1000;
  return std::nullopt;
}

Response KeyJson(int status, const Jwk& key) {
  return JsonBody(status, [&](JsonWriter& w) { WriteJwk(w, key, View::kApi); });
}

Response JwksJson(int status, const Client& c) {
  return JsonBody(status, [&](JsonWriter& w) { WriteJwks(w, c, View::kApi); });
}

Response TooManyKeys(const ApiContext& ctx) {
  return ApiError(400, {{"A client can have at most 5 keys", "keys"}}, kObject, ctx.now);
}

// Adds `key` to the client, or replaces the key with the same kid.
Response Upsert(ApiContext& ctx, Client& c, Jwk key) {
  auto existing = std::find_if(c.keys.begin(), c.keys.end(),
                               [&](const Jwk& k) { return k.kid == key.kid; });
  if (existing == c.keys.end() && c.keys.size() >= kMaxKeys) return TooManyKeys(ctx);
  if (auto error = Stamp(ctx, key, c.keys, "")) return ApiError(400, {*error}, kObject, ctx.now);
  if (c.keys.empty()) c.jwks_created = ctx.now;
  c.jwks_last_updated = ctx.now;
  if (existing != c.keys.end()) {
    *existing = key;
  } else {
    c.keys.push_back(key);
  }
  return KeyJson(200, key);
}

}  // namespace

Response GetJwks(ApiContext& ctx) {
  auto found = FindOwnClient(ctx, ctx.params[0]);
  if (auto* error = std::get_if<Response>(&found)) return *error;
  const Client& c = *std::get<const Client*>(found);
  if (c.keys.empty() && ctx.options.no_keys == NoKeys::k404) {
    return ApiError(404, "Client '" + c.client_id + "' does not have any keys", ctx.now);
  }
  return JwksJson(200, c);
}

Response ReplaceJwks(ApiContext& ctx) {
  auto found = ChangeOwnClient(ctx, ctx.params[0]);
  if (auto* error = std::get_if<Response>(&found)) return *error;
  Client& c = *std::get<Client*>(found);
  rapidjson::Document body;
  if (auto error = ParseBodyObject(ctx, body, kObject)) return *error;
  const rapidjson::Value* keys = Member(body, "keys");
  if (keys == nullptr || !keys->IsArray()) {
    return ApiError(400, {{"keys must be an array of JWKs", "keys"}}, kObject, ctx.now);
  }
  if (keys->Empty()) {
    return ApiError(400, {{"keys must contain at least one key; use DELETE to remove all keys",
                           "keys"}},
                    kObject, ctx.now);
  }
  if (keys->Size() > kMaxKeys) return TooManyKeys(ctx);
  std::vector<FieldError> errors;
  std::vector<Jwk> posted;
  for (rapidjson::SizeType i = 0; i < keys->Size(); ++i) {
    std::string where = "keys[" + std::to_string(i) + "].";
    auto key = ReadKey((*keys)[i], where, ctx.options, errors);
    if (!key) continue;
    for (const Jwk& other : posted) {
      if (other.kid == key->kid) {
        errors.push_back({"kid '" + key->kid + "' is used more than once", where + "kid"});
      }
    }
    if (auto error = Stamp(ctx, *key, c.keys, where)) errors.push_back(*error);
    posted.push_back(*key);
  }
  if (!errors.empty()) return ApiError(400, errors, kObject, ctx.now);
  if (c.keys.empty()) c.jwks_created = ctx.now;
  c.jwks_last_updated = ctx.now;
  c.keys = posted;
  return JwksJson(SuccessStatus(ctx, 201), c);
}

Response DeleteJwks(ApiContext& ctx) {
  auto found = ChangeOwnClient(ctx, ctx.params[0]);
  if (auto* error = std::get_if<Response>(&found)) return *error;
  Client& c = *std::get<Client*>(found);
  c.keys.clear();
  c.jwks_last_updated = ctx.now;
  return EmptyResponse(200);
}

Response GetJwk(ApiContext& ctx) {
  auto found = FindOwnClient(ctx, ctx.params[0]);
  if (auto* error = std::get_if<Response>(&found)) return *error;
  const Client& c = *std::get<const Client*>(found);
  for (const Jwk& key : c.keys) {
    if (key.kid == ctx.params[1]) return KeyJson(200, key);
  }
  return ApiError(404, "Key with kid '" + ctx.params[1] + "' not found", ctx.now);
}

Response PutJwk(ApiContext& ctx) {
  auto found = ChangeOwnClient(ctx, ctx.params[0]);
  if (auto* error = std::get_if<Response>(&found)) return *error;
  rapidjson::Document body;
  if (auto error = ParseBodyObject(ctx, body, kObject)) return *error;
  std::vector<FieldError> errors;
  if (!body.HasMember("kid")) {
    body.AddMember("kid", rapidjson::Value(ctx.params[1].c_str(), body.GetAllocator()),
                   body.GetAllocator());
  }
  auto key = ReadKey(body, "", ctx.options, errors);
  if (key && key->kid != ctx.params[1]) {
    errors.push_back({"kid '" + key->kid + "' differs from the path's '" + ctx.params[1] + "'",
                      "kid"});
  }
  if (!errors.empty()) return ApiError(400, errors, kObject, ctx.now);
  return Upsert(ctx, *std::get<Client*>(found), *key);
}

Response DeleteJwk(ApiContext& ctx) {
  auto found = ChangeOwnClient(ctx, ctx.params[0]);
  if (auto* error = std::get_if<Response>(&found)) return *error;
  Client& c = *std::get<Client*>(found);
  auto it = std::find_if(c.keys.begin(), c.keys.end(),
                         [&](const Jwk& k) { return k.kid == ctx.params[1]; });
  if (it == c.keys.end()) {
    return ApiError(404, "Key with kid '" + ctx.params[1] + "' not found", ctx.now);
  }
  c.keys.erase(it);
  c.jwks_last_updated = ctx.now;
  return EmptyResponse(200);
}

Response AddKeyV2(ApiContext& ctx) {
  auto found = ChangeOwnClient(ctx, ctx.params[0]);
  if (auto* error = std::get_if<Response>(&found)) return *error;
  std::string_view text = base::Trim(ctx.request.body);
  if (!text.empty() && text.front() == '{') {
    rapidjson::Document body;
    if (auto error = ParseBodyObject(ctx, body, kObject)) return *error;
    std::vector<FieldError> errors;
    auto key = ReadKey(body, "", ctx.options, errors);
    if (!errors.empty()) return ApiError(400, errors, kObject, ctx.now);
    return Upsert(ctx, *std::get<Client*>(found), *key);
  }
  auto parsed = crypto::ParsePublicKey(text, crypto::PrivateKeyPolicy::kReject);
  if (!parsed.ok()) {
    return ApiError(400, {{"The key is not a JWK, PEM public key or PEM certificate: " +
                               parsed.error().message,
                           "key"}},
                    kObject, ctx.now);
  }
  Jwk key;
  key.kid = NewUuid();
  key.alg = "RS256";
  key.n = parsed->key.n;
  key.e = parsed->key.e;
  return Upsert(ctx, *std::get<Client*>(found), key);
}

}  // namespace mpctl::emulator
