#include "emulator/codec.h"

namespace mpctl::emulator {

std::string StringOr(const rapidjson::Value& obj, const char* name, std::string fallback) {
  const rapidjson::Value* v = Member(obj, name);
  if (v == nullptr || !v->IsString()) return fallback;
  return std::string(v->GetString(), v->GetStringLength());
}

std::int64_t IntOr(const rapidjson::Value& obj, const char* name, std::int64_t fallback) {
  const rapidjson::Value* v = Member(obj, name);
  return v != nullptr && v->IsInt64() ? v->GetInt64() : fallback;
}

bool BoolOr(const rapidjson::Value& obj, const char* name, bool fallback) {
  const rapidjson::Value* v = Member(obj, name);
  return v != nullptr && v->IsBool() ? v->GetBool() : fallback;
}

std::vector<std::string> StringsOr(const rapidjson::Value& obj, const char* name) {
  bool ok = true;
  auto values = ReadStrings(obj, name, ok);
  return values.value_or(std::vector<std::string>{});
}

namespace {

Millis TimeOr(const rapidjson::Value& obj, const char* name) {
  auto t = ParseTime(StringOr(obj, name));
  return t.value_or(0);
}

}  // namespace

void WriteJwk(JsonWriter& w, const Jwk& key, View view) {
  w.StartObject();
  WriteString(w, "kid", key.kid);
  WriteString(w, "alg", key.alg);
  WriteString(w, "use", "sig");
  WriteString(w, "kty", "RSA");
  WriteString(w, "e", key.e);
  WriteString(w, "n", key.n);
  if (!key.x5c.empty()) WriteStrings(w, "x5c", key.x5c);
  WriteInt(w, "exp", key.exp);
  WriteTime(w, "created", key.created);
  WriteTime(w, "last_updated", key.last_updated);
  if (view == View::kStore) WriteInt(w, "usable_from", key.usable_from);
  w.EndObject();
}

void WriteJwks(JsonWriter& w, const Client& client, View view) {
  w.StartObject();
  w.Key("keys");
  w.StartArray();
  for (const auto& key : client.keys) WriteJwk(w, key, view);
  w.EndArray();
  WriteTime(w, "created", client.jwks_created);
  WriteTime(w, "last_updated", client.jwks_last_updated);
  w.EndObject();
}

void WriteClient(JsonWriter& w, const Client& c, View view) {
  w.StartObject();
  WriteString(w, "client_id", c.client_id);
  WriteString(w, "client_name", c.client_name);
  WriteString(w, "description", c.description);
  WriteStrings(w, "scopes", c.scopes);
  WriteInt(w, "authorization_lifetime", c.authorization_lifetime);
  WriteInt(w, "access_token_lifetime", c.access_token_lifetime);
  WriteInt(w, "refresh_token_lifetime", c.refresh_token_lifetime);
  WriteString(w, "refresh_token_usage", c.refresh_token_usage);
  WriteBool(w, "frontchannel_logout_session_required", false);
  WriteStrings(w, "redirect_uris", c.redirect_uris);
  WriteStrings(w, "post_logout_redirect_uris", c.post_logout_redirect_uris);
  WriteString(w, "token_endpoint_auth_method", c.token_endpoint_auth_method);
  WriteStrings(w, "grant_types", c.grant_types);
  WriteString(w, "integration_type", c.integration_type);
  WriteString(w, "application_type", c.application_type);
  WriteTime(w, "last_updated", c.last_updated);
  WriteTime(w, "created", c.created);
  WriteString(w, "client_orgno", c.client_orgno);
  if (!c.supplier_orgno.empty()) WriteString(w, "supplier_orgno", c.supplier_orgno);
  WriteBool(w, "active", c.active);
  WriteString(w, "jwks_uri", "/clients/" + c.client_id + "/jwks");
  if (view == View::kStore) {
    WriteInt(w, "sequence", static_cast<std::int64_t>(c.sequence));
    w.Key("jwks");
    WriteJwks(w, c, view);
  }
  w.EndObject();
}

void WriteScope(JsonWriter& w, const Scope& s) {
  w.StartObject();
  WriteString(w, "name", s.name);
  WriteBool(w, "active", s.active);
  WriteString(w, "prefix", s.prefix);
  WriteString(w, "subscope", s.subscope);
  WriteString(w, "description", s.description);
  WriteString(w, "long_description", s.long_description);
  WriteString(w, "visibility", s.visibility);
  WriteString(w, "token_type", s.token_type);
  WriteInt(w, "at_max_age", s.at_max_age);
  WriteInt(w, "authorization_max_lifetime", s.authorization_max_lifetime);
  WriteBool(w, "requires_user_consent", s.requires_user_consent);
  WriteBool(w, "requires_user_authentication", s.requires_user_authentication);
  WriteBool(w, "requires_pseudonymous_tokens", s.requires_pseudonymous_tokens);
  WriteBool(w, "accessible_for_all", s.accessible_for_all);
  WriteString(w, "delegation_source", s.delegation_source);
  WriteString(w, "enforced_aud_for_access_token", s.enforced_aud_for_access_token);
  WriteStrings(w, "allowed_integration_types", s.allowed_integration_types);
  WriteString(w, "owner_orgno", s.owner_orgno);
  WriteTime(w, "created", s.created);
  WriteTime(w, "last_updated", s.last_updated);
  w.EndObject();
}

void WriteAccess(JsonWriter& w, const Access& a, const State& state, View view) {
  auto name_of = [&](const std::string& orgno) {
    auto it = state.organisations.find(orgno);
    return it == state.organisations.end() ? std::string() : it->second.name;
  };
  std::string owner;
  auto scope = state.scopes.find(a.scope);
  if (scope != state.scopes.end()) owner = scope->second.owner_orgno;
  w.StartObject();
  WriteString(w, "scope", a.scope);
  if (view == View::kApi) {
    WriteString(w, "owner_orgno", owner);
    WriteStringOrNull(w, "owner_organization_name", name_of(owner));
  }
  WriteString(w, "consumer_orgno", a.consumer_orgno);
  if (view == View::kApi) {
    WriteStringOrNull(w, "consumer_organization_name", name_of(a.consumer_orgno));
  }
  WriteString(w, "state", a.state);
  WriteTime(w, "created", a.created);
  WriteTime(w, "last_updated", a.last_updated);
  if (view == View::kStore) WriteInt(w, "usable_from", a.usable_from);
  w.EndObject();
}

Jwk ReadStoredJwk(const rapidjson::Value& v) {
  Jwk key;
  key.kid = StringOr(v, "kid");
  key.alg = StringOr(v, "alg", "RS256");
  key.n = StringOr(v, "n");
  key.e = StringOr(v, "e");
  key.x5c = StringsOr(v, "x5c");
  key.exp = IntOr(v, "exp");
  key.created = TimeOr(v, "created");
  key.last_updated = TimeOr(v, "last_updated");
  key.usable_from = IntOr(v, "usable_from");
  return key;
}

Client ReadStoredClient(const rapidjson::Value& v) {
  Client c;
  c.client_id = StringOr(v, "client_id");
  c.client_name = StringOr(v, "client_name");
  c.description = StringOr(v, "description");
  c.scopes = StringsOr(v, "scopes");
  c.authorization_lifetime = IntOr(v, "authorization_lifetime", 7200);
  c.access_token_lifetime = IntOr(v, "access_token_lifetime", 120);
  c.refresh_token_lifetime = IntOr(v, "refresh_token_lifetime", 600);
  c.refresh_token_usage = StringOr(v, "refresh_token_usage", "ONETIME");
  c.redirect_uris = StringsOr(v, "redirect_uris");
  c.post_logout_redirect_uris = StringsOr(v, "post_logout_redirect_uris");
  c.token_endpoint_auth_method = StringOr(v, "token_endpoint_auth_method");
  c.grant_types = StringsOr(v, "grant_types");
  c.integration_type = StringOr(v, "integration_type");
  c.application_type = StringOr(v, "application_type");
  c.last_updated = TimeOr(v, "last_updated");
  c.created = TimeOr(v, "created");
  c.client_orgno = StringOr(v, "client_orgno");
  c.supplier_orgno = StringOr(v, "supplier_orgno");
  c.active = BoolOr(v, "active", true);
  c.sequence = static_cast<std::uint64_t>(IntOr(v, "sequence"));
  if (const rapidjson::Value* jwks = Member(v, "jwks")) {
    if (const rapidjson::Value* keys = Member(*jwks, "keys"); keys && keys->IsArray()) {
      for (const auto& k : keys->GetArray()) c.keys.push_back(ReadStoredJwk(k));
    }
    c.jwks_created = TimeOr(*jwks, "created");
    c.jwks_last_updated = TimeOr(*jwks, "last_updated");
  }
  return c;
}

Scope ReadStoredScope(const rapidjson::Value& v) {
  Scope s;
  s.name = StringOr(v, "name");
  s.active = BoolOr(v, "active", true);
  s.prefix = StringOr(v, "prefix");
  s.subscope = StringOr(v, "subscope");
  s.description = StringOr(v, "description");
  s.long_description = StringOr(v, "long_description");
  s.visibility = StringOr(v, "visibility", "PUBLIC");
  s.token_type = StringOr(v, "token_type", "SELF_CONTAINED");
  s.at_max_age = IntOr(v, "at_max_age");
  s.authorization_max_lifetime = IntOr(v, "authorization_max_lifetime");
  s.requires_user_consent = BoolOr(v, "requires_user_consent", false);
  s.requires_user_authentication = BoolOr(v, "requires_user_authentication", false);
  s.requires_pseudonymous_tokens = BoolOr(v, "requires_pseudonymous_tokens", false);
  s.accessible_for_all = BoolOr(v, "accessible_for_all", false);
  s.delegation_source = StringOr(v, "delegation_source");
  s.enforced_aud_for_access_token = StringOr(v, "enforced_aud_for_access_token");
  s.allowed_integration_types = StringsOr(v, "allowed_integration_types");
  s.owner_orgno = StringOr(v, "owner_orgno");
  s.created = TimeOr(v, "created");
  s.last_updated = TimeOr(v, "last_updated");
  return s;
}

Access ReadStoredAccess(const rapidjson::Value& v) {
  Access a;
  a.scope = StringOr(v, "scope");
  a.consumer_orgno = StringOr(v, "consumer_orgno");
  a.state = StringOr(v, "state", "APPROVED");
  a.created = TimeOr(v, "created");
  a.last_updated = TimeOr(v, "last_updated");
  a.usable_from = IntOr(v, "usable_from");
  return a;
}

}  // namespace mpctl::emulator
