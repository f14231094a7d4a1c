#include "support/state_json.h"

#include <rapidjson/document.h>

#include <algorithm>

#include "crypto/keys.h"
#include "support/plan_fixture.h"

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

std::vector<model::PublicKey> Keys(const Value& a, const std::filesystem::path& key_dir) {
  std::vector<model::PublicKey> keys;
  for (const auto& k : a.GetArray()) {
    model::PublicKey key;
    key.kid = Str(k, "kid");
    key.alg = Str(k, "alg", "RS256");
    std::filesystem::path file = key_dir / Str(k, "key_file");
    auto pem = ReadText(file);
    if (!pem.ok()) throw Bad{pem.error().message};
    auto parsed = crypto::ParsePublicKey(*pem, crypto::PrivateKeyPolicy::kReject);
    if (!parsed.ok()) throw Bad{file.string() + ": " + parsed.error().message};
    key.n = parsed->key.n;
    key.e = parsed->key.e;
    key.bits = parsed->key.bits;
    key.thumbprint = crypto::Thumbprint(parsed->key);
    key.exp = Int(k, "exp");
    key.created = Int(k, "created");
    keys.push_back(std::move(key));
  }
  return keys;
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

model::LiveState Live(const Value& o, const std::filesystem::path& key_dir) {
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
      if (const Value* keys = Arr(c, "keys")) client.keys = Keys(*keys, key_dir);
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
    return base::MakeError(
        base::ErrorCode::kInvalidInput,
        "not a JSON object (offset " + std::to_string(doc.GetErrorOffset()) + ")");
  }
  return doc;
}

}  // namespace

base::Result<std::map<std::string, model::LiveState>> ReadLiveJson(
    std::string_view text, const std::filesystem::path& key_dir) {
  auto doc = Parse(text);
  if (!doc.ok()) return doc.error();
  try {
    std::map<std::string, model::LiveState> out;
    for (const auto& m : doc->GetObject()) out[m.name.GetString()] = Live(m.value, key_dir);
    return out;
  } catch (const Bad& bad) {
    return base::MakeError(base::ErrorCode::kInvalidInput, bad.message);
  }
}

}  // namespace mpctl::testing
