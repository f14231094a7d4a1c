#include "plan/plan_json.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <functional>

#include "base/json.h"
#include "base/strings.h"
#include "plan/fields.h"

namespace mpctl::plan {

namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void WriteStrings(Writer& w, const std::vector<std::string>& values) {
  w.StartArray();
  for (const std::string& v : values) w.String(v);
  w.EndArray();
}

void WriteValue(Writer& w, const FieldValue& value) {
  if (const auto* s = std::get_if<std::string>(&value)) {
    w.String(*s);
  } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
    w.Int64(*i);
  } else if (const auto* b = std::get_if<bool>(&value)) {
    w.Bool(*b);
  } else {
    WriteStrings(w, std::get<std::vector<std::string>>(value));
  }
}

void WriteFields(Writer& w, const char* key, const std::vector<NamedField>& fields) {
  if (fields.empty()) return;
  w.Key(key);
  w.StartObject();
  for (const auto& [name, value] : fields) {
    w.Key(name);
    WriteValue(w, value);
  }
  w.EndObject();
}

void WriteKeys(Writer& w, const char* key, const std::vector<model::PublicKey>& keys) {
  w.Key(key);
  w.StartArray();
  for (const model::PublicKey& k : keys) {
    w.StartObject();
    w.Key("kid");
    w.String(k.kid);
    w.Key("thumbprint");
    w.String(k.thumbprint);
    w.Key("bits");
    w.Int(k.bits);
    w.Key("alg");
    w.String(k.alg);
    w.EndObject();
  }
  w.EndArray();
}

// Present only in plans made with --base.
void WriteCause(Writer& w, const std::optional<Cause>& cause, const std::string& adopt) {
  if (cause) {
    w.Key("cause");
    w.String(ToString(*cause));
  }
  if (!adopt.empty()) {
    w.Key("adopt");
    w.String(adopt);
  }
}

void WriteChange(Writer& w, const Change& c) {
  w.StartObject();
  w.Key("path");
  w.String(c.path);
  auto list = [&](const char* key, const std::vector<std::string>& values) {
    if (values.empty()) return;
    w.Key(key);
    WriteStrings(w, values);
  };
  list("add", c.add);
  list("remove", c.remove);
  list("replace", c.replace);
  if (c.from) {
    w.Key("from");
    WriteValue(w, *c.from);
  }
  if (c.to) {
    w.Key("to");
    WriteValue(w, *c.to);
  }
  WriteCause(w, c.cause, c.adopt);
  w.EndObject();
}

void WriteAction(Writer& w, const Action& a) {
  w.StartObject();
  w.Key("address");
  w.String(a.address);
  w.Key("action");
  w.String(ToString(a.kind));
  w.Key("type");
  w.String(ToString(a.type));
  w.Key("name");
  w.String(a.name);
  auto optional = [&](const char* key, const std::string& value) {
    if (value.empty()) return;
    w.Key(key);
    w.String(value);
  };
  optional("client_id", a.client_id);
  optional("consumer_orgno", a.consumer_orgno);
  optional("ownership_tag", a.ownership_tag);
  WriteFields(w, "before", NamedFields(a, /*after=*/false));
  WriteFields(w, "after", NamedFields(a, /*after=*/true));
  if (!a.changes.empty()) {
    w.Key("changes");
    w.StartArray();
    for (const Change& c : a.changes) WriteChange(w, c);
    w.EndArray();
  }
  if (a.type == ResourceType::kClientKeys) {
    WriteKeys(w, "keys", a.keys);
    WriteKeys(w, "before_keys", a.before_keys);
  }
  WriteCause(w, a.cause, a.adopt);
  w.EndObject();
}

void WriteMessages(Writer& w, const char* key, const std::vector<Message>& messages) {
  w.Key(key);
  w.StartArray();
  for (const Message& m : messages) {
    w.StartObject();
    w.Key("address");
    w.String(m.address);
    w.Key("message");
    w.String(m.message);
    w.EndObject();
  }
  w.EndArray();
}

void WriteEnvironment(Writer& w, const EnvironmentPlan& e) {
  w.StartObject();
  w.Key("name");
  w.String(e.name);
  w.Key("organization");
  w.String(e.organization);
  w.Key("api_url");
  w.String(e.api_url);
  w.Key("live_fingerprint");
  w.String(e.live_fingerprint);
  w.Key("summary");
  w.StartObject();
  const std::pair<const char*, int> counts[] = {
      {"create", e.summary.create},       {"update", e.summary.update},
      {"delete", e.summary.del},          {"unchanged", e.summary.unchanged},
      {"unmanaged", e.summary.unmanaged}, {"orphaned", e.summary.orphaned}};
  for (const auto& [key, count] : counts) {
    w.Key(key);
    w.Int(count);
  }
  if (e.summary.drift) {
    w.Key("drift");
    w.Int(*e.summary.drift);
  }
  w.EndObject();
  w.Key("actions");
  w.StartArray();
  for (const Action& a : e.actions) WriteAction(w, a);
  w.EndArray();
  WriteMessages(w, "warnings", e.warnings);
  w.Key("orphans");
  w.StartArray();
  for (const Orphan& o : e.orphans) {
    w.StartObject();
    w.Key("address");
    w.String(o.address);
    if (!o.client_id.empty()) {
      w.Key("client_id");
      w.String(o.client_id);
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("unmanaged");
  w.StartArray();
  for (const Unmanaged& u : e.unmanaged) {
    w.StartObject();
    w.Key("client_id");
    w.String(u.client_id);
    w.Key("client_name");
    w.String(u.client_name);
    w.EndObject();
  }
  w.EndArray();
  WriteMessages(w, "errors", e.errors);
  w.EndObject();
}

// Reading: each accessor records the first problem with its JSON path and returns a default,
// so one pass either yields a complete Plan or the first error.
class Reader {
 public:
  const std::optional<base::Error>& error() const { return error_; }

  void Fail(const std::string& path, const std::string& message) {
    if (!error_) error_ = base::MakeError(base::ErrorCode::kInvalidInput, path + ": " + message);
  }

  const rapidjson::Value* Member(const rapidjson::Value& object, const std::string& path,
                                 const char* key, bool required) {
    auto it = object.FindMember(key);
    if (it == object.MemberEnd()) {
      if (required) Fail(Join(path, key), "missing");
      return nullptr;
    }
    return &it->value;
  }

  std::string String(const rapidjson::Value& object, const std::string& path, const char* key,
                     bool required = true) {
    const rapidjson::Value* v = Member(object, path, key, required);
    if (v == nullptr) return "";
    if (!v->IsString()) {
      Fail(Join(path, key), "expected a string");
      return "";
    }
    return std::string(v->GetString(), v->GetStringLength());
  }

  bool Bool(const rapidjson::Value& object, const std::string& path, const char* key) {
    const rapidjson::Value* v = Member(object, path, key, true);
    if (v == nullptr) return false;
    if (!v->IsBool()) {
      Fail(Join(path, key), "expected true or false");
      return false;
    }
    return v->GetBool();
  }

  int Int(const rapidjson::Value& object, const std::string& path, const char* key) {
    const rapidjson::Value* v = Member(object, path, key, true);
    if (v == nullptr) return 0;
    if (!v->IsInt()) {
      Fail(Join(path, key), "expected an integer");
      return 0;
    }
    return v->GetInt();
  }

  std::vector<std::string> Strings(const rapidjson::Value& value, const std::string& path) {
    std::vector<std::string> out;
    if (!value.IsArray()) {
      Fail(path, "expected an array of strings");
      return out;
    }
    for (const auto& item : value.GetArray()) {
      if (!item.IsString()) {
        Fail(path, "expected an array of strings");
        return out;
      }
      out.emplace_back(item.GetString(), item.GetStringLength());
    }
    return out;
  }

  std::vector<std::string> OptionalStrings(const rapidjson::Value& object, const std::string& path,
                                           const char* key) {
    const rapidjson::Value* v = Member(object, path, key, false);
    return v == nullptr ? std::vector<std::string>{} : Strings(*v, Join(path, key));
  }

  FieldValue Value(const rapidjson::Value& value, const std::string& path) {
    if (value.IsString()) return std::string(value.GetString(), value.GetStringLength());
    if (value.IsBool()) return value.GetBool();
    if (value.IsInt64()) return value.GetInt64();
    if (value.IsArray()) return Strings(value, path);
    Fail(path, "expected a string, integer, boolean or array of strings");
    return std::string();
  }

  // Calls `each` for every element of the array at `key`; a missing key is an error.
  void Array(const rapidjson::Value& object, const std::string& path, const char* key,
             bool required,
             const std::function<void(const rapidjson::Value&, const std::string&)>& each) {
    const rapidjson::Value* v = Member(object, path, key, required);
    if (v == nullptr) return;
    if (!v->IsArray()) {
      Fail(Join(path, key), "expected an array");
      return;
    }
    std::size_t i = 0;
    for (const auto& item : v->GetArray()) {
      std::string item_path = Join(path, key) + "[" + std::to_string(i++) + "]";
      if (!item.IsObject()) {
        Fail(item_path, "expected an object");
        return;
      }
      each(item, item_path);
    }
  }

  static std::string Join(const std::string& path, const char* key) {
    return path.empty() ? std::string(key) : path + "." + key;
  }

 private:
  std::optional<base::Error> error_;
};

// The typed fields under `key` (absent: nullopt): every name known, every required one there.
template <typename Fields>
std::optional<Fields> ReadFields(Reader& r, const rapidjson::Value& object, const std::string& path,
                                 const char* key) {
  const rapidjson::Value* v = r.Member(object, path, key, false);
  if (v == nullptr) return std::nullopt;
  const std::string where = Reader::Join(path, key);
  if (!v->IsObject()) {
    r.Fail(where, "expected an object");
    return std::nullopt;
  }
  Fields fields;
  for (const auto& m : v->GetObject()) {
    std::string name(m.name.GetString(), m.name.GetStringLength());
    FieldValue value = r.Value(m.value, where + "." + name);
    if (std::string problem = SetNamedField(fields, name, std::move(value)); !problem.empty()) {
      r.Fail(where + "." + name, problem);
    }
  }
  for (const std::string& name : RequiredFieldNames(fields)) {
    if (!v->HasMember(name.c_str())) r.Fail(where + "." + name, "missing");
  }
  return fields;
}

// `before` and `after` in the typed part of `a`'s resource type; other types have none.
void ReadBeforeAfter(Reader& r, const rapidjson::Value& object, const std::string& path,
                     Action& a) {
  switch (a.type) {
    case ResourceType::kClient:
      a.client.before = ReadFields<ClientFields>(r, object, path, "before");
      a.client.after = ReadFields<ClientFields>(r, object, path, "after");
      return;
    case ResourceType::kScope:
      a.scope.before = ReadFields<ScopeFields>(r, object, path, "before");
      a.scope.after = ReadFields<ScopeFields>(r, object, path, "after");
      return;
    case ResourceType::kClientKeys:
    case ResourceType::kScopeAccess:
      for (const char* key : {"before", "after"}) {
        if (r.Member(object, path, key, false) != nullptr) {
          r.Fail(Reader::Join(path, key),
                 std::string("a ") + ToString(a.type) + " action has no fields");
        }
      }
      return;
  }
}

std::vector<model::PublicKey> ReadKeys(Reader& r, const rapidjson::Value& object,
                                       const std::string& path, const char* key) {
  std::vector<model::PublicKey> keys;
  r.Array(object, path, key, true, [&](const rapidjson::Value& item, const std::string& p) {
    model::PublicKey k;
    k.kid = r.String(item, p, "kid");
    k.thumbprint = r.String(item, p, "thumbprint");
    k.bits = r.Int(item, p, "bits");
    k.alg = r.String(item, p, "alg");
    keys.push_back(std::move(k));
  });
  return keys;
}

template <typename T>
std::optional<T> Lookup(Reader& r, const std::string& value, const std::string& path,
                        std::initializer_list<T> all) {
  for (T candidate : all) {
    if (value == ToString(candidate)) return candidate;
  }
  r.Fail(path, "unknown value '" + value + "'");
  return std::nullopt;
}

std::optional<Cause> ReadCause(Reader& r, const rapidjson::Value& object, const std::string& path) {
  std::string cause = r.String(object, path, "cause", false);
  if (cause.empty() && r.Member(object, path, "cause", false) == nullptr) return std::nullopt;
  return Lookup(r, cause, path + ".cause", {Cause::kManifest, Cause::kDrift, Cause::kBoth});
}

Action ReadAction(Reader& r, const rapidjson::Value& object, const std::string& path) {
  Action a;
  a.address = r.String(object, path, "address");
  a.kind = Lookup(r, r.String(object, path, "action"), path + ".action",
                  {ActionKind::kCreate, ActionKind::kUpdate, ActionKind::kDelete})
               .value_or(ActionKind::kUpdate);
  a.type = Lookup(r, r.String(object, path, "type"), path + ".type",
                  {ResourceType::kClient, ResourceType::kClientKeys, ResourceType::kScope,
                   ResourceType::kScopeAccess})
               .value_or(ResourceType::kClient);
  a.name = r.String(object, path, "name");
  a.client_id = r.String(object, path, "client_id", false);
  a.consumer_orgno = r.String(object, path, "consumer_orgno", false);
  a.ownership_tag = r.String(object, path, "ownership_tag", false);
  ReadBeforeAfter(r, object, path, a);
  r.Array(object, path, "changes", false, [&](const rapidjson::Value& item, const std::string& p) {
    Change c;
    c.path = r.String(item, p, "path");
    c.add = r.OptionalStrings(item, p, "add");
    c.remove = r.OptionalStrings(item, p, "remove");
    c.replace = r.OptionalStrings(item, p, "replace");
    if (const rapidjson::Value* v = r.Member(item, p, "from", false))
      c.from = r.Value(*v, p + ".from");
    if (const rapidjson::Value* v = r.Member(item, p, "to", false)) c.to = r.Value(*v, p + ".to");
    c.cause = ReadCause(r, item, p);
    c.adopt = r.String(item, p, "adopt", false);
    a.changes.push_back(std::move(c));
  });
  if (a.type == ResourceType::kClientKeys) {
    a.keys = ReadKeys(r, object, path, "keys");
    a.before_keys = ReadKeys(r, object, path, "before_keys");
  }
  a.cause = ReadCause(r, object, path);
  a.adopt = r.String(object, path, "adopt", false);
  return a;
}

std::vector<Message> ReadMessages(Reader& r, const rapidjson::Value& object,
                                  const std::string& path, const char* key) {
  std::vector<Message> out;
  r.Array(object, path, key, true, [&](const rapidjson::Value& item, const std::string& p) {
    out.push_back({r.String(item, p, "address"), r.String(item, p, "message")});
  });
  return out;
}

EnvironmentPlan ReadEnvironment(Reader& r, const rapidjson::Value& object,
                                const std::string& path) {
  EnvironmentPlan e;
  e.name = r.String(object, path, "name");
  e.organization = r.String(object, path, "organization");
  e.api_url = r.String(object, path, "api_url");
  e.live_fingerprint = r.String(object, path, "live_fingerprint");
  if (const rapidjson::Value* s = r.Member(object, path, "summary", true)) {
    std::string p = path + ".summary";
    if (!s->IsObject()) {
      r.Fail(p, "expected an object");
    } else {
      e.summary.create = r.Int(*s, p, "create");
      e.summary.update = r.Int(*s, p, "update");
      e.summary.del = r.Int(*s, p, "delete");
      e.summary.unchanged = r.Int(*s, p, "unchanged");
      e.summary.unmanaged = r.Int(*s, p, "unmanaged");
      e.summary.orphaned = r.Int(*s, p, "orphaned");
      if (r.Member(*s, p, "drift", false) != nullptr) e.summary.drift = r.Int(*s, p, "drift");
    }
  }
  r.Array(object, path, "actions", true, [&](const rapidjson::Value& item, const std::string& p) {
    e.actions.push_back(ReadAction(r, item, p));
  });
  e.warnings = ReadMessages(r, object, path, "warnings");
  r.Array(object, path, "orphans", true, [&](const rapidjson::Value& item, const std::string& p) {
    e.orphans.push_back({r.String(item, p, "address"), r.String(item, p, "client_id", false)});
  });
  r.Array(object, path, "unmanaged", true, [&](const rapidjson::Value& item, const std::string& p) {
    e.unmanaged.push_back({r.String(item, p, "client_id"), r.String(item, p, "client_name")});
  });
  e.errors = ReadMessages(r, object, path, "errors");
  return e;
}

}  // namespace

std::string WritePlanJson(const Plan& plan) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  w.Key("format_version");
  w.String(plan.format_version);
  w.Key("tool_version");
  w.String(plan.tool_version);
  w.Key("manifest_path");
  w.String(plan.manifest_path);
  w.Key("manifest_sha256");
  w.String(plan.manifest_sha256);
  w.Key("prune");
  w.Bool(plan.prune);
  if (!plan.base.empty()) {
    w.Key("base");
    w.String(plan.base);
  }
  w.Key("environments");
  w.StartArray();
  for (const EnvironmentPlan& e : plan.environments) WriteEnvironment(w, e);
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

base::Result<Plan> ReadPlanJson(std::string_view text) {
  rapidjson::Document doc;
  if (auto error = base::ParseJson(text, doc)) {
    return base::MakeError(base::ErrorCode::kInvalidInput,
                           "offset " + std::to_string(error->offset) + ": " + error->what);
  }
  if (!doc.IsObject()) {
    return base::MakeError(base::ErrorCode::kInvalidInput, "a plan is a JSON object");
  }
  Reader r;
  Plan plan;
  plan.format_version = r.String(doc, "", "format_version");
  if (!r.error() && plan.format_version != kFormatVersion) {
    return base::MakeError(base::ErrorCode::kInvalidInput,
                           "format_version: '" + plan.format_version + "' is not supported (this " +
                               "mpctl reads '" + kFormatVersion + "'); make the plan again");
  }
  plan.tool_version = r.String(doc, "", "tool_version");
  plan.manifest_path = r.String(doc, "", "manifest_path");
  plan.manifest_sha256 = r.String(doc, "", "manifest_sha256");
  plan.prune = r.Bool(doc, "", "prune");
  plan.base = r.String(doc, "", "base", false);
  r.Array(doc, "", "environments", true, [&](const rapidjson::Value& item, const std::string& p) {
    plan.environments.push_back(ReadEnvironment(r, item, p));
  });
  if (r.error()) return *r.error();
  return plan;
}

}  // namespace mpctl::plan
