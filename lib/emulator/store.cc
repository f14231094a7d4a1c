#include "emulator/store.h"

#include "base/file_reader.h"
#include "emulator/codec.h"
#include "emulator/json.h"

namespace mpctl::emulator {

namespace {

constexpr const char* kFormat = "mpctl-emulator-state/1";

void WriteOrganisation(JsonWriter& w, const Organisation& org) {
  w.StartObject();
  WriteString(w, "orgno", org.orgno);
  WriteString(w, "name", org.name);
  WriteStrings(w, "prefixes", org.prefixes);
  w.EndObject();
}

void WriteAdminClient(JsonWriter& w, const AdminClient& admin) {
  w.StartObject();
  WriteString(w, "client_id", admin.client_id);
  WriteString(w, "orgno", admin.orgno);
  WriteStrings(w, "scopes", admin.scopes);
  WriteInt(w, "access_token_lifetime", admin.access_token_lifetime);
  w.Key("keys");
  w.StartArray();
  for (const auto& key : admin.keys) WriteJwk(w, key, View::kStore);
  w.EndArray();
  w.EndObject();
}

}  // namespace

std::string SerializeState(const State& state, const base::Secret& signing_key_pem) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  WriteString(w, "format", kFormat);
  WriteInt(w, "next_sequence", static_cast<std::int64_t>(state.next_sequence));
  WriteString(w, "signing_key", std::string(signing_key_pem.Reveal()));
  w.Key("organisations");
  w.StartArray();
  for (const auto& [orgno, org] : state.organisations) WriteOrganisation(w, org);
  w.EndArray();
  w.Key("admin_clients");
  w.StartArray();
  for (const auto& [id, admin] : state.admin_clients) WriteAdminClient(w, admin);
  w.EndArray();
  WriteStrings(w, "certificate_authorities", state.certificate_authorities);
  w.Key("delegation_sources");
  w.StartArray();
  for (const auto& source : state.delegation_sources) {
    w.StartObject();
    WriteString(w, "name", source.name);
    WriteString(w, "issuer", source.issuer);
    w.EndObject();
  }
  w.EndArray();
  w.Key("scopes");
  w.StartArray();
  for (const auto& [name, scope] : state.scopes) WriteScope(w, scope);
  w.EndArray();
  w.Key("access");
  w.StartArray();
  for (const auto& [key, access] : state.access) WriteAccess(w, access, state, View::kStore);
  w.EndArray();
  w.Key("clients");
  w.StartArray();
  for (const auto& [id, client] : state.clients) WriteClient(w, *client, View::kStore);
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

base::Result<StoredState> ParseState(std::string_view json, std::string_view origin) {
  rapidjson::Document doc;
  if (auto error = ParseJson(json, doc)) {
    return base::MakeError(base::ErrorCode::kInvalidInput,
                           std::string(origin) + ": " + *error);
  }
  if (!doc.IsObject() || StringOr(doc, "format") != kFormat) {
    return base::MakeError(base::ErrorCode::kInvalidInput,
                           std::string(origin) + ": not an emulator state file (format '" +
                               kFormat + "' expected); give a new file name or delete it");
  }
  StoredState out;
  State& state = out.state;
  state.next_sequence = static_cast<std::uint64_t>(IntOr(doc, "next_sequence", 1));
  out.signing_key_pem = base::Secret(StringOr(doc, "signing_key"));
  state.certificate_authorities = StringsOr(doc, "certificate_authorities");
  auto each = [&doc](const char* name, auto&& fn) {
    const rapidjson::Value* array = Member(doc, name);
    if (array == nullptr || !array->IsArray()) return;
    for (const auto& item : array->GetArray()) fn(item);
  };
  each("organisations", [&](const rapidjson::Value& v) {
    Organisation org{StringOr(v, "orgno"), StringOr(v, "name"), StringsOr(v, "prefixes")};
    state.organisations[org.orgno] = org;
  });
  each("admin_clients", [&](const rapidjson::Value& v) {
    AdminClient admin{StringOr(v, "client_id"), StringOr(v, "orgno"), StringsOr(v, "scopes"), {},
                      IntOr(v, "access_token_lifetime", 120)};
    if (const rapidjson::Value* keys = Member(v, "keys"); keys && keys->IsArray()) {
      for (const auto& k : keys->GetArray()) admin.keys.push_back(ReadStoredJwk(k));
    }
    state.admin_clients[admin.client_id] = admin;
  });
  each("delegation_sources", [&](const rapidjson::Value& v) {
    state.delegation_sources.push_back({StringOr(v, "name"), StringOr(v, "issuer")});
  });
  each("scopes", [&](const rapidjson::Value& v) {
    Scope scope = ReadStoredScope(v);
    state.scopes[scope.name] = scope;
  });
  each("access", [&](const rapidjson::Value& v) {
    Access access = ReadStoredAccess(v);
    state.access[{access.scope, access.consumer_orgno}] = access;
  });
  each("clients", [&](const rapidjson::Value& v) {
    Client client = ReadStoredClient(v);
    state.clients[client.client_id] = std::make_shared<const Client>(client);
  });
  return out;
}

base::Result<std::optional<StoredState>> LoadStateFile(const std::string& path) {
  base::DiskFileReader reader;
  auto text = reader.Read(path);
  if (!text.ok()) {
    if (text.error().code == base::ErrorCode::kNotFound) return std::optional<StoredState>();
    return text.error();
  }
  auto parsed = ParseState(*text, path);
  if (!parsed.ok()) return parsed.error();
  return std::optional<StoredState>(std::move(parsed).value());
}

base::Status SaveStateFile(const std::string& path, const State& state,
                           const base::Secret& signing_key_pem) {
  return base::WriteFileAtomically(path, SerializeState(state, signing_key_pem), 0600);
}

}  // namespace mpctl::emulator
