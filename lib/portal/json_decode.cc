#include "portal/json_decode.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <functional>
#include <optional>
#include <string>

#include "base/json.h"
#include "base/strings.h"
#include "crypto/keys.h"

namespace mpctl::portal {

namespace {

constexpr std::int64_t kMaxEpochSeconds = 253402300799;  // 9999-12-31T23:59:59Z

using rapidjson::Value;

const char* TypeName(const Value& value) {
  if (value.IsNull()) return "null";
  if (value.IsBool()) return "a boolean";
  if (value.IsObject()) return "an object";
  if (value.IsArray()) return "an array";
  if (value.IsString()) return "a string";
  return "a number";
}

std::string Join(std::string_view path, std::string_view field) {
  if (path.empty()) return std::string(field);
  return std::string(path) + "." + std::string(field);
}

std::string Index(std::string_view path, std::size_t i) {
  return std::string(path) + "[" + std::to_string(i) + "]";
}

// Reads typed members of one JSON object; every error names the endpoint and field path.
class Fields {
 public:
  Fields(const Value& object, std::string path, std::string_view endpoint)
      : object_(object), path_(std::move(path)), endpoint_(endpoint) {}

  base::Error Error(const std::string& field, const std::string& what) const {
    return base::MakeError(base::ErrorCode::kUnavailable,
                           std::string(endpoint_) + ": response field " + field + " " + what);
  }
  base::Error WrongType(const std::string& field, const Value& value, const char* want) const {
    return Error(field, std::string("is ") + TypeName(value) + ", expected " + want);
  }

  // nullptr when absent or null.
  const Value* Find(const char* name) const {
    auto it = object_.FindMember(name);
    if (it == object_.MemberEnd() || it->value.IsNull()) return nullptr;
    return &it->value;
  }

  base::Status String(const char* name, std::string* out) const {
    const Value* value = Find(name);
    if (value == nullptr) return base::OkStatus();
    if (!value->IsString()) return WrongType(Join(path_, name), *value, "a string");
    out->assign(value->GetString(), value->GetStringLength());
    return base::OkStatus();
  }
  base::Status RequiredString(const char* name, std::string* out) const {
    if (Find(name) == nullptr) return Error(Join(path_, name), "is missing");
    return String(name, out);
  }
  base::Status Bool(const char* name, bool* out) const {
    const Value* value = Find(name);
    if (value == nullptr) return base::OkStatus();
    if (!value->IsBool()) return WrongType(Join(path_, name), *value, "a boolean");
    *out = value->GetBool();
    return base::OkStatus();
  }
  base::Status Int64(const char* name, std::int64_t* out) const {
    const Value* value = Find(name);
    if (value == nullptr) return base::OkStatus();
    if (!value->IsInt64()) return WrongType(Join(path_, name), *value, "an integer");
    *out = value->GetInt64();
    return base::OkStatus();
  }
  base::Status OptionalInt64(const char* name, std::optional<std::int64_t>* out) const {
    if (Find(name) == nullptr) return base::OkStatus();
    std::int64_t value = 0;
    MPCTL_RETURN_IF_ERROR(Int64(name, &value));
    *out = value;
    return base::OkStatus();
  }
  // Epoch seconds from 1970 to 9999: later arithmetic on them cannot overflow.
  base::Status EpochSeconds(const char* name, std::int64_t seconds) const {
    if (seconds >= 0 && seconds <= kMaxEpochSeconds) return base::OkStatus();
    return Error(Join(path_, name), "is " + std::to_string(seconds) +
                                        ", outside the years 1970 to 9999 (epoch seconds)");
  }
  base::Status OptionalEpochSeconds(const char* name, std::optional<std::int64_t>* out) const {
    MPCTL_RETURN_IF_ERROR(OptionalInt64(name, out));
    if (*out) MPCTL_RETURN_IF_ERROR(EpochSeconds(name, **out));
    return base::OkStatus();
  }
  // An RFC 3339 string or epoch seconds.
  base::Status Time(const char* name, std::optional<std::int64_t>* out) const {
    const Value* value = Find(name);
    if (value == nullptr) return base::OkStatus();
    if (value->IsInt64()) {
      MPCTL_RETURN_IF_ERROR(EpochSeconds(name, value->GetInt64()));
      *out = value->GetInt64();
      return base::OkStatus();
    }
    if (!value->IsString()) return WrongType(Join(path_, name), *value, "a timestamp string");
    auto parsed = base::ParseTimestamp(value->GetString());
    if (!parsed) {
      return Error(Join(path_, name),
                   std::string("is '") + value->GetString() + "', expected an RFC 3339 timestamp");
    }
    MPCTL_RETURN_IF_ERROR(EpochSeconds(name, *parsed));
    *out = *parsed;
    return base::OkStatus();
  }
  base::Status Strings(const char* name, std::vector<std::string>* out) const {
    const Value* value = Find(name);
    if (value == nullptr) return base::OkStatus();
    std::string field = Join(path_, name);
    if (!value->IsArray()) return WrongType(field, *value, "an array");
    out->clear();
    for (std::size_t i = 0; i < value->Size(); ++i) {
      const Value& item = (*value)[static_cast<rapidjson::SizeType>(i)];
      if (!item.IsString()) return WrongType(Index(field, i), item, "a string");
      out->emplace_back(item.GetString(), item.GetStringLength());
    }
    return base::OkStatus();
  }

  const std::string& path() const { return path_; }
  std::string_view endpoint() const { return endpoint_; }

 private:
  const Value& object_;
  std::string path_;
  std::string_view endpoint_;
};

base::Result<rapidjson::Document> Parse(std::string_view body, std::string_view endpoint) {
  rapidjson::Document doc;
  if (auto error = base::ParseJson(body, doc)) {
    return base::MakeError(
        base::ErrorCode::kUnavailable,
        std::string(endpoint) + ": response is not JSON (" + base::Describe(*error) + ")");
  }
  return doc;
}

base::Error RootType(std::string_view endpoint, const Value& value, const char* want) {
  return base::MakeError(base::ErrorCode::kUnavailable, std::string(endpoint) + ": response is " +
                                                            TypeName(value) + ", expected " + want);
}

// Calls `decode` on each element of a root array; elements must be objects.
template <typename T>
base::Result<std::vector<T>> DecodeArray(
    std::string_view body, std::string_view endpoint,
    const std::function<base::Status(const Fields&, T*)>& decode) {
  auto doc = Parse(body, endpoint);
  if (!doc.ok()) return doc.error();
  if (!doc->IsArray()) return RootType(endpoint, *doc, "an array");
  std::vector<T> out;
  for (std::size_t i = 0; i < doc->Size(); ++i) {
    const Value& item = (*doc)[static_cast<rapidjson::SizeType>(i)];
    std::string path = Index("", i);
    if (!item.IsObject()) {
      return base::MakeError(base::ErrorCode::kUnavailable,
                             std::string(endpoint) + ": response field " + path + " is " +
                                 TypeName(item) + ", expected an object");
    }
    T value;
    MPCTL_RETURN_IF_ERROR(decode(Fields(item, path, endpoint), &value));
    out.push_back(std::move(value));
  }
  return out;
}

template <typename T>
base::Result<T> DecodeObject(std::string_view body, std::string_view endpoint,
                             const std::function<base::Status(const Fields&, T*)>& decode) {
  auto doc = Parse(body, endpoint);
  if (!doc.ok()) return doc.error();
  if (!doc->IsObject()) return RootType(endpoint, *doc, "an object");
  T value;
  MPCTL_RETURN_IF_ERROR(decode(Fields(*doc, "", endpoint), &value));
  return value;
}

// base64url without leading zero bytes, so equal keys compare equal (model/key.h).
base::Status NormaliseInteger(const Fields& fields, const char* name, std::string* value,
                              int* bits) {
  auto bytes = base::Base64Decode(*value);
  if (!bytes || bytes->empty()) return fields.Error(Join(fields.path(), name), "is not base64url");
  std::size_t zeros = bytes->find_first_not_of('\0');
  if (zeros == std::string::npos) return fields.Error(Join(fields.path(), name), "is zero");
  bytes->erase(0, zeros);
  *value = base::Base64UrlEncode(*bytes);
  if (bits != nullptr) {
    auto top = static_cast<unsigned char>((*bytes)[0]);
    int top_bits = 0;
    while (top != 0) {
      ++top_bits;
      top >>= 1;
    }
    *bits = static_cast<int>(bytes->size() - 1) * 8 + top_bits;
  }
  return base::OkStatus();
}

base::Status DecodeKey(const Fields& f, model::PublicKey* key) {
  MPCTL_RETURN_IF_ERROR(f.RequiredString("kid", &key->kid));
  MPCTL_RETURN_IF_ERROR(f.String("kty", &key->kty));
  MPCTL_RETURN_IF_ERROR(f.String("alg", &key->alg));
  MPCTL_RETURN_IF_ERROR(f.String("use", &key->use));
  if (key->use.empty()) key->use = "sig";  // older data lacks it; the API now requires it
  MPCTL_RETURN_IF_ERROR(f.OptionalEpochSeconds("exp", &key->exp));
  MPCTL_RETURN_IF_ERROR(f.Time("created", &key->created));
  if (key->kty != "RSA") return base::OkStatus();
  MPCTL_RETURN_IF_ERROR(f.RequiredString("n", &key->n));
  MPCTL_RETURN_IF_ERROR(f.RequiredString("e", &key->e));
  MPCTL_RETURN_IF_ERROR(NormaliseInteger(f, "n", &key->n, &key->bits));
  MPCTL_RETURN_IF_ERROR(NormaliseInteger(f, "e", &key->e, nullptr));
  key->thumbprint = crypto::Thumbprint(crypto::RsaPublicKey{key->n, key->e, key->bits});
  return base::OkStatus();
}

base::Status DecodeKeySet(const Fields& f, std::vector<model::PublicKey>* keys) {
  const Value* array = f.Find("keys");
  if (array == nullptr) return base::OkStatus();
  std::string field = Join(f.path(), "keys");
  if (!array->IsArray()) return f.WrongType(field, *array, "an array");
  keys->clear();
  for (std::size_t i = 0; i < array->Size(); ++i) {
    const Value& item = (*array)[static_cast<rapidjson::SizeType>(i)];
    if (!item.IsObject()) return f.WrongType(Index(field, i), item, "an object");
    model::PublicKey key;
    MPCTL_RETURN_IF_ERROR(DecodeKey(Fields(item, Index(field, i), f.endpoint()), &key));
    keys->push_back(std::move(key));
  }
  return base::OkStatus();
}

base::Status DecodeClientFields(const Fields& f, model::LiveClient* client) {
  MPCTL_RETURN_IF_ERROR(f.RequiredString("client_id", &client->client_id));
  MPCTL_RETURN_IF_ERROR(f.String("client_name", &client->client_name));
  MPCTL_RETURN_IF_ERROR(f.String("description", &client->description));
  MPCTL_RETURN_IF_ERROR(f.Strings("scopes", &client->scopes));
  MPCTL_RETURN_IF_ERROR(f.String("integration_type", &client->integration_type));
  MPCTL_RETURN_IF_ERROR(f.String("client_orgno", &client->client_orgno));
  MPCTL_RETURN_IF_ERROR(f.Bool("active", &client->active));
  if (const Value* created = f.Find("created"); created != nullptr && created->IsString()) {
    client->created = created->GetString();
    client->created_ms = base::ParseTimestampMillis(client->created);
  } else if (created != nullptr && created->IsInt64()) {
    client->created = base::FormatTimestamp(created->GetInt64());
    client->created_ms = created->GetInt64() * 1000;
  }
  if (const Value* jwks = f.Find("jwks")) {
    std::string field = Join(f.path(), "jwks");
    if (!jwks->IsObject()) return f.WrongType(field, *jwks, "an object");
    Fields jwks_fields(*jwks, field, f.endpoint());
    if (jwks_fields.Find("keys") != nullptr) {
      std::vector<model::PublicKey> keys;
      MPCTL_RETURN_IF_ERROR(DecodeKeySet(jwks_fields, &keys));
      client->keys = std::move(keys);
    }
  }
  return base::OkStatus();
}

base::Status DecodeScopeFields(const Fields& f, model::LiveScope* scope) {
  MPCTL_RETURN_IF_ERROR(f.RequiredString("name", &scope->name));
  MPCTL_RETURN_IF_ERROR(f.String("prefix", &scope->prefix));
  MPCTL_RETURN_IF_ERROR(f.String("subscope", &scope->subscope));
  MPCTL_RETURN_IF_ERROR(f.String("description", &scope->description));
  MPCTL_RETURN_IF_ERROR(f.String("long_description", &scope->long_description));
  MPCTL_RETURN_IF_ERROR(f.String("visibility", &scope->visibility));
  MPCTL_RETURN_IF_ERROR(f.Bool("active", &scope->active));
  MPCTL_RETURN_IF_ERROR(f.Strings("allowed_integration_types", &scope->allowed_integration_types));
  MPCTL_RETURN_IF_ERROR(f.Int64("at_max_age", &scope->at_max_age));
  MPCTL_RETURN_IF_ERROR(f.Bool("accessible_for_all", &scope->accessible_for_all));
  MPCTL_RETURN_IF_ERROR(f.String("delegation_source", &scope->delegation_source));
  MPCTL_RETURN_IF_ERROR(f.String("owner_orgno", &scope->owner_orgno));
  return base::OkStatus();
}

base::Status DecodeAccessFields(const Fields& f, model::ScopeAccess* access) {
  MPCTL_RETURN_IF_ERROR(f.RequiredString("scope", &access->scope));
  MPCTL_RETURN_IF_ERROR(f.String("owner_orgno", &access->owner_orgno));
  MPCTL_RETURN_IF_ERROR(f.RequiredString("consumer_orgno", &access->consumer_orgno));
  std::string state;
  MPCTL_RETURN_IF_ERROR(f.RequiredString("state", &state));
  for (auto candidate : {model::AccessState::kRequested, model::AccessState::kApproved,
                         model::AccessState::kDenied}) {
    if (state == model::ToApiString(candidate)) {
      access->state = candidate;
      return base::OkStatus();
    }
  }
  return f.Error(Join(f.path(), "state"),
                 "is '" + state + "', expected REQUESTED, APPROVED or DENIED");
}

}  // namespace

base::Result<std::vector<model::LiveClient>> DecodeClients(std::string_view body,
                                                           std::string_view endpoint) {
  return DecodeArray<model::LiveClient>(body, endpoint, DecodeClientFields);
}

base::Result<model::LiveClient> DecodeClient(std::string_view body, std::string_view endpoint) {
  return DecodeObject<model::LiveClient>(body, endpoint, DecodeClientFields);
}

base::Result<std::vector<model::PublicKey>> DecodeJwks(std::string_view body,
                                                       std::string_view endpoint) {
  return DecodeObject<std::vector<model::PublicKey>>(body, endpoint, DecodeKeySet);
}

base::Result<std::vector<model::LiveScope>> DecodeScopes(std::string_view body,
                                                         std::string_view endpoint) {
  return DecodeArray<model::LiveScope>(body, endpoint, DecodeScopeFields);
}

base::Result<model::LiveScope> DecodeScope(std::string_view body, std::string_view endpoint) {
  return DecodeObject<model::LiveScope>(body, endpoint, DecodeScopeFields);
}

base::Result<std::vector<model::ScopeAccess>> DecodeAccessList(std::string_view body,
                                                               std::string_view endpoint) {
  return DecodeArray<model::ScopeAccess>(body, endpoint, DecodeAccessFields);
}

}  // namespace mpctl::portal
