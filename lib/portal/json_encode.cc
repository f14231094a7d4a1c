#include "portal/json_encode.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace mpctl::portal {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr char kJwtBearer[] = "urn:ietf:params:oauth:grant-type:jwt-bearer";

void Field(Writer& w, const char* name, const std::string& value) {
  w.Key(name);
  w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void Array(Writer& w, const char* name, const std::vector<std::string>& values) {
  w.Key(name);
  w.StartArray();
  for (const auto& value : values) w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  w.EndArray();
}

void Bool(Writer& w, const char* name, bool value) {
  w.Key(name);
  w.Bool(value);
}

}  // namespace

std::string EncodeClient(const ClientSpec& spec) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  Field(w, "integration_type", "maskinporten");
  Field(w, "application_type", "web");
  Field(w, "client_name", spec.client_name);
  Field(w, "description", spec.description);
  Field(w, "token_endpoint_auth_method", "private_key_jwt");
  Array(w, "grant_types", {kJwtBearer});
  Array(w, "scopes", spec.scopes);
  Field(w, "client_orgno", spec.client_orgno);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string EncodeJwks(const std::vector<model::PublicKey>& keys) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("keys");
  w.StartArray();
  for (const auto& key : keys) {
    w.StartObject();
    Field(w, "kty", key.kty);
    Field(w, "use", "sig");
    Field(w, "alg", key.alg);
    Field(w, "kid", key.kid);
    Field(w, "n", key.n);
    Field(w, "e", key.e);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string EncodeScope(const model::DesiredScope& scope, Reactivate reactivate) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  Field(w, "prefix", scope.prefix);
  Field(w, "subscope", scope.subscope);
  Field(w, "description", scope.description);
  if (!scope.long_description.empty()) Field(w, "long_description", scope.long_description);
  Field(w, "visibility", model::ToApiString(scope.visibility));
  Field(w, "token_type", "SELF_CONTAINED");
  Array(w, "allowed_integration_types", scope.allowed_integration_types);
  if (scope.token_lifetime_seconds) {
    // For Maskinporten scopes authorization_max_lifetime follows at_max_age (portal-api.md §5.1).
    w.Key("at_max_age");
    w.Int64(*scope.token_lifetime_seconds);
    w.Key("authorization_max_lifetime");
    w.Int64(*scope.token_lifetime_seconds);
  }
  Bool(w, "accessible_for_all", scope.accessible_for_all);
  Bool(w, "requires_user_consent", false);
  Bool(w, "requires_user_authentication", false);
  if (reactivate == Reactivate::kYes) Bool(w, "active", true);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace mpctl::portal
