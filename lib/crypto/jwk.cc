#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <cctype>
#include <string>

#include "base/json.h"
#include "base/strings.h"
#include "crypto/jwk_reader.h"
#include "crypto/keys.h"
#include "crypto/ossl.h"

namespace mpctl::crypto {
namespace {

base::Error Invalid(std::string message) {
  return base::MakeError(base::ErrorCode::kInvalidInput, std::move(message));
}

// The string member `name`, "" when absent; an error when present but not a string.
base::Result<std::string> OptionalString(const rapidjson::Value& jwk, const char* name) {
  auto it = jwk.FindMember(name);
  if (it == jwk.MemberEnd()) return std::string();
  if (!it->value.IsString()) {
    return Invalid(std::string("JWK member '") + name + "' is not a string");
  }
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

// The bytes of base64url member `name` (n or e); its value is never quoted.
base::Result<std::string> RequiredNumber(const rapidjson::Value& jwk, const char* name) {
  if (!jwk.HasMember(name)) return Invalid(std::string("JWK member '") + name + "' is missing");
  auto text = OptionalString(jwk, name);
  if (!text.ok()) return text.error();
  if (text->empty()) return Invalid(std::string("JWK member '") + name + "' is empty");
  // RFC 7518 §6.3.1: Base64urlUInt, so the URL-safe alphabet without padding only.
  std::optional<std::string> bytes = base::Base64UrlDecode(*text);
  if (!bytes) return Invalid(std::string("JWK member '") + name + "' is not base64url");
  return *std::move(bytes);
}

bool HasPrivateMembers(const rapidjson::Value& jwk) {
  constexpr std::array<const char*, 6> kPrivate = {"d", "p", "q", "dp", "dq", "qi"};
  for (const char* name : kPrivate) {
    if (jwk.HasMember(name)) return true;
  }
  return false;
}

}  // namespace

namespace internal {

base::Result<ParsedPublicKey> ParseJwk(std::string_view json, PrivateKeyPolicy policy) {
  rapidjson::Document doc;
  if (auto error = base::ParseJson(json, doc)) {
    return Invalid("is not valid JSON: " + error->what + " at byte " +
                   std::to_string(error->offset));
  }
  if (!doc.IsObject()) return Invalid("is not a JWK: expected a JSON object");
  if (!doc.HasMember("kty") && doc.HasMember("keys")) {
    return Invalid("is a JWK set; give a single JWK object");
  }
  ParsedPublicKey parsed;
  parsed.format = KeyFormat::kJwk;
  if (HasPrivateMembers(doc)) {
    if (policy == PrivateKeyPolicy::kReject) {
      return Invalid("is a private key; give the public key only");
    }
    parsed.format = KeyFormat::kPrivateJwk;
    parsed.was_private = true;
  }
  if (!doc.HasMember("kty")) return Invalid("JWK member 'kty' is missing; expected 'RSA'");
  auto kty = OptionalString(doc, "kty");
  if (!kty.ok()) return kty.error();
  if (*kty != "RSA") {
    return Invalid("JWK member 'kty' is '" + *kty + "'; only 'RSA' is supported");
  }
  auto use = OptionalString(doc, "use");
  if (!use.ok()) return use.error();
  if (doc.HasMember("use") && *use != "sig") {
    return Invalid("JWK member 'use' is '" + *use + "'; it must be 'sig'");
  }
  auto alg = OptionalString(doc, "alg");
  if (!alg.ok()) return alg.error();
  if (doc.HasMember("alg") && internal::DigestForAlg(*alg) == nullptr) {
    return Invalid("JWK member 'alg' is '" + *alg + "'; use RS256, RS384 or RS512");
  }
  auto kid = OptionalString(doc, "kid");
  if (!kid.ok()) return kid.error();
  auto n = RequiredNumber(doc, "n");
  if (!n.ok()) return n.error();
  auto e = RequiredNumber(doc, "e");
  if (!e.ok()) return e.error();
  PkeyPtr pkey = PkeyFromNumbers(*n, *e);
  if (!pkey) return Invalid("JWK members 'n' and 'e' do not form an RSA public key");
  MPCTL_RETURN_IF_ERROR(CheckRsa(pkey.get()));
  parsed.key = RsaPublicKeyOf(pkey.get());
  parsed.jwk_kid = *std::move(kid);
  parsed.jwk_alg = *std::move(alg);
  parsed.jwk_use = *std::move(use);
  return parsed;
}

}  // namespace internal

std::string Thumbprint(const RsaPublicKey& key) {
  // RFC 7638 §3.2: the required members only, in lexicographic order, no white space.
  std::string canonical =
      "{\"e\":" + base::JsonQuote(key.e) + ",\"kty\":\"RSA\",\"n\":" + base::JsonQuote(key.n) + "}";
  return base::Base64UrlEncode(Sha256(canonical));
}

std::vector<std::pair<std::string, std::string>> PublicJwkMembers(const RsaPublicKey& key,
                                                                  std::string_view kid,
                                                                  std::string_view alg) {
  std::vector<std::pair<std::string, std::string>> members = {{"kty", "RSA"}, {"use", "sig"}};
  if (!alg.empty()) members.emplace_back("alg", alg);
  if (!kid.empty()) members.emplace_back("kid", kid);
  members.emplace_back("n", key.n);
  members.emplace_back("e", key.e);
  return members;
}

std::string PublicJwkJson(const RsaPublicKey& key, std::string_view kid, std::string_view alg) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  for (const auto& [name, value] : PublicJwkMembers(key, kid, alg)) {
    writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  }
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace mpctl::crypto
