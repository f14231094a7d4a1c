#include "support/state_json.h"

#include <rapidjson/document.h>

#include <algorithm>

namespace mpctl::testing {

namespace {

using rapidjson::Value;

struct Bad {
  std::string message;
};

std::string Str(const Value& o, const char* key, std::string fallback = "") {
  auto it = o.FindMember(key);
  if (it == o.MemberEnd()) return fallback;
  if (!it->value.IsString()) throw Bad{std::string(key) + ": expected a string"};
  return it->value.GetString();
}

bool Bool(const Value& o, const char* key, bool fallback) {
  auto it = o.FindMember(key);
  if (it == o.MemberEnd()) return fallback;
  if (!it->value.IsBool()) throw Bad{std::string(key) + ": expected a boolean"};
  return it->value.GetBool();
}

std::optional<std::int64_t> Int(const Value& o, const char* key) {
  auto it = o.FindMember(key);
  if (it == o.MemberEnd()) return std::nullopt;
  if (!it->value.IsInt64()) throw Bad{std::string(key) + ": expected an integer"};
  return it->value.GetInt64();
}

const Value* Arr(const Value& o, const char* key) {
  auto it = o.FindMember(key);
  if (it == o.MemberEnd()) return nullptr;
  if (!it->value.IsArray()) throw Bad{std::string(key) + ": expected an array"};
  return &it->value;
}

std::vector<std::string> Strs(const Value& o, const char* key) {
  std::vector<std::string> out;
  if (const Value* a = Arr(o, key)) {
    for (const auto& v : a->GetArray()) out.push_back(v.GetString());
  }
  return out;
}

std::vector<model::PublicKey> Keys(const Value& a) {
  std::vector<model::PublicKey> keys;
  for (const auto& k : a.GetArray()) {
    model::PublicKey key;
    key.kid = Str(k, "kid");
    key.alg = Str(k, "alg", "RS256");
    key.n = Str(k, "n");
    key.e = Str(k, "e", "AQAB");
    key.bits = static_cast<int>(Int(k, "bits").value_or(2048));
    key.thumbprint = Str(k, "thumbprint");
    key.exp = Int(k, "exp");
    key.created = Int(k, "created");
    keys.push_back(std::move(key));
  }
  return keys;
}

model::DesiredState Desired(const Value& e) {
  model::DesiredState d;
  const Value& env = e["environment"];
  d.environment.name = Str(env, "name");
  d.environment.organization = Str(env, "organization");
  d.environment.api_url = Str(env, "api_url");
  d.owner = Str(e, "owner");
  if (const Value* clients = Arr(e, "clients")) {
    for (const auto& c : clients->GetArray()) {
      model::DesiredClient client;
      client.name = Str(c, "name");
      client.display_name = Str(c, "display_name", client.name);
      client.description = Str(c, "description", client.display_name);
      client.scopes = Strs(c, "scopes");
      std::ranges::sort(client.scopes);
      if (const Value* keys = Arr(c, "keys")) client.keys = Keys(*keys);
      std::ranges::sort(client.keys, {}, &model::PublicKey::kid);
      std::string pin = Str(c, "client_id");
      if (!pin.empty()) client.pinned_client_id = pin;
      client.prevent_destroy = Bool(c, "prevent_destroy", false);
      d.clients.push_back(std::move(client));
    }
  }
  std::ranges::sort(d.clients, {}, &model::DesiredClient::name);
  if (const Value* scopes = Arr(e, "scopes")) {
    for (const auto& s : scopes->GetArray()) {
      model::DesiredScope scope;
      scope.prefix = Str(s, "prefix");
      scope.subscope = Str(s, "subscope");
      scope.name = scope.prefix + ":" + scope.subscope;
      scope.description = Str(s, "description");
      scope.long_description = Str(s, "long_description");
      scope.visibility = Str(s, "visibility", "PUBLIC") == "PRIVATE" ? model::Visibility::kPrivate
                                                                     : model::Visibility::kPublic;
      scope.allowed_integration_types = Strs(s, "allowed_integration_types");
      std::ranges::sort(scope.allowed_integration_types);
      scope.token_lifetime_seconds = Int(s, "token_lifetime_seconds");
      scope.accessible_for_all = Bool(s, "accessible_for_all", false);
      scope.consumers = Strs(s, "consumers");
      std::ranges::sort(scope.consumers);
      scope.prevent_destroy = Bool(s, "prevent_destroy", false);
      d.scopes.push_back(std::move(scope));
    }
  }
  std::ranges::sort(d.scopes, {}, &model::DesiredScope::name);
  return d;
}

model::AccessState State(const std::string& text) {
  if (text == "REQUESTED") return model::AccessState::kRequested;
  if (text == "DENIED") return model::AccessState::kDenied;
  return model::AccessState::kApproved;
}

std::vector<model::LiveScope> Scopes(const Value& o, const char* key) {
  std::vector<model::LiveScope> out;
  if (const Value* a = Arr(o, key)) {
    for (const auto& s : a->GetArray()) {
      model::LiveScope scope;
      scope.prefix = Str(s, "prefix");
      scope.subscope = Str(s, "subscope");
      scope.name = Str(s, "name", scope.prefix + ":" + scope.subscope);
      scope.description = Str(s, "description");
      scope.long_description = Str(s, "long_description");
      scope.visibility = Str(s, "visibility", "PUBLIC");
      scope.active = Bool(s, "active", true);
      scope.allowed_integration_types = Strs(s, "allowed_integration_types");
      scope.at_max_age = Int(s, "at_max_age").value_or(0);
      scope.accessible_for_all = Bool(s, "accessible_for_all", false);
      scope.delegation_source = Str(s, "delegation_source");
      scope.owner_orgno = Str(s, "owner_orgno");
      out.push_back(std::move(scope));
    }
  }
  return out;
}

std::vector<model::ScopeAccess> Access(const Value& o, const char* key) {
  std::vector<model::ScopeAccess> out;
  if (const Value* a = Arr(o, key)) {
    for (const auto& g : a->GetArray()) {
      out.push_back({Str(g, "scope"), Str(g, "owner_orgno"), Str(g, "consumer_orgno"),
                     State(Str(g, "state", "APPROVED"))});
    }
  }
  return out;
}

model::LiveState Live(const Value& o) {
  model::LiveState live;
  live.organization = Str(o, "organization");
  if (const Value* clients = Arr(o, "clients")) {
    for (const auto& c : clients->GetArray()) {
      model::LiveClient client;
      client.client_id = Str(c, "client_id");
      client.client_name = Str(c, "client_name");
      client.description = Str(c, "description");
      client.scopes = Strs(c, "scopes");
      client.integration_type = Str(c, "integration_type", "maskinporten");
      client.client_orgno = Str(c, "client_orgno", live.organization);
      client.active = Bool(c, "active", true);
      if (const Value* keys = Arr(c, "keys")) client.keys = Keys(*keys);
      live.clients.push_back(std::move(client));
    }
  }
  live.owned_scopes = Scopes(o, "owned_scopes");
  live.granted_access = Access(o, "granted_access");
  live.public_scopes = Scopes(o, "public_scopes");
  live.access_to_us = Access(o, "access_to_us");
  live.scopes_read = Bool(o, "scopes_read", false);
  return live;
}

base::Result<rapidjson::Document> Parse(std::string_view text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return base::MakeError(base::ErrorCode::kInvalidInput,
                           "not a JSON object (offset " + std::to_string(doc.GetErrorOffset()) + ")");
  }
  return doc;
}

}  // namespace

base::Result<DesiredFile> ReadDesiredJson(std::string_view text) {
  auto doc = Parse(text);
  if (!doc.ok()) return doc.error();
  try {
    DesiredFile file;
    if (const Value* envs = Arr(*doc, "environments")) {
      for (const auto& e : envs->GetArray()) file.environments.push_back(Desired(e));
    }
    auto options = doc->FindMember("options");
    if (options != doc->MemberEnd()) {
      const Value& o = options->value;
      file.options.prune = Bool(o, "prune", false) ? planner::Prune::kYes : planner::Prune::kNo;
      file.options.now = Int(o, "now").value_or(0);
      for (auto& n : Strs(o, "protected_clients")) file.options.protected_clients.insert(n);
      for (auto& n : Strs(o, "protected_scopes")) file.options.protected_scopes.insert(n);
      file.show_unmanaged = Bool(o, "show_unmanaged", false);
    }
    return file;
  } catch (const Bad& bad) {
    return base::MakeError(base::ErrorCode::kInvalidInput, bad.message);
  }
}

base::Result<std::map<std::string, model::LiveState>> ReadLiveJson(std::string_view text) {
  auto doc = Parse(text);
  if (!doc.ok()) return doc.error();
  try {
    std::map<std::string, model::LiveState> out;
    for (const auto& m : doc->GetObject()) out[m.name.GetString()] = Live(m.value);
    return out;
  } catch (const Bad& bad) {
    return base::MakeError(base::ErrorCode::kInvalidInput, bad.message);
  }
}

}  // namespace mpctl::testing
