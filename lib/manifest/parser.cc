#include "manifest/parser.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <map>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "manifest/json_path.h"
#include "manifest/rules.h"
#include "manifest/wording.h"

namespace mpctl::manifest {
namespace {

// Manifests nest about 6 levels; far deeper is a mistake or an attack on the parser.
constexpr int kMaxYamlDepth = 64;

using FieldList = std::vector<std::string>;

const FieldList kRootFields = {"apiVersion", "owner", "environments", "clients", "scopes"};
const FieldList kEnvironmentFields = {
    "organization",   "api_url", "auth_server", "admin_client", "connect_timeout_seconds",
    "timeout_seconds"};
const FieldList kAdminFields = {"client_id",        "kid",          "key_file", "key_env",
                                "certificate_file", "password_env", "token_env"};
const FieldList kClientFields = {"display_name", "description", "scopes",   "keys",
                                 "environments", "overrides",   "lifecycle"};
const FieldList kClientOverrideFields = {"display_name", "description", "scopes",
                                         "keys",         "lifecycle",   "client_id"};
const FieldList kLifecycleFields = {"prevent_destroy"};
const FieldList kKeyFields = {"kid", "alg", "pem_file", "jwk_file", "jwk", "pem", "env"};
const FieldList kScopeFields = {"description",
                                "long_description",
                                "visibility",
                                "allowed_integration_types",
                                "token_lifetime_seconds",
                                "accessible_for_all",
                                "consumers",
                                "environments",
                                "overrides",
                                "lifecycle"};
const FieldList kScopeOverrideFields = {"description",
                                        "long_description",
                                        "visibility",
                                        "allowed_integration_types",
                                        "token_lifetime_seconds",
                                        "accessible_for_all",
                                        "consumers",
                                        "lifecycle"};

/// One member of a YAML map, with the positions of its key and its value.
struct Entry {
  std::string key;
  YAML::Node value;
  Origin key_origin;    // the key; path is the value's path
  Origin value_origin;  // the value (the key's position when the value is empty)
};

const char* Describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return "a string";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a map";
    default:
      return "nothing";
  }
}

// Why YAML failed to parse, when it is a layout mistake people make by hand: a tab in the
// indentation of line `*line` (YAML indents with spaces only), or line `error_line` dedented to
// a column no enclosing block starts at. Empty when neither applies.
std::string LayoutProblem(std::string_view text, int error_line, int* line, int* column) {
  std::vector<int> levels;  // indentation of the enclosing blocks, increasing
  int number = 0;
  for (std::string_view rest = text; !rest.empty() && number < error_line;) {
    std::size_t end = rest.find('\n');
    std::string_view l = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    ++number;
    std::size_t indent = l.find_first_not_of(" \t");
    if (indent == std::string_view::npos || l[indent] == '#') continue;
    if (std::size_t tab = l.substr(0, indent).find('\t'); tab != std::string_view::npos) {
      *line = number;
      *column = static_cast<int>(tab) + 1;
      return "invalid YAML: line " + std::to_string(number) +
             " is indented with a tab; YAML indents with spaces only";
    }
    int at = static_cast<int>(indent), deeper = -1;
    while (!levels.empty() && levels.back() > at) {
      deeper = levels.back();
      levels.pop_back();
    }
    if (number == error_line && deeper >= 0 && !levels.empty() && levels.back() != at) {
      *line = number;
      *column = at + 1;
      return "invalid YAML: line " + std::to_string(number) + " is indented by " +
             std::to_string(at) + " spaces, which matches no line above it; use " +
             std::to_string(levels.back()) + " or " + std::to_string(deeper) +
             " spaces, like the keys it belongs beside";
    }
    if (levels.empty() || levels.back() < at) levels.push_back(at);
  }
  return "";
}

class Parser {
 public:
  Parser(const std::string& file, base::Diagnostics* diagnostics)
      : file_(file), diagnostics_(diagnostics) {}

  std::optional<RawManifest> Parse(std::string_view text) {
    if (!CheckShape(text)) return std::nullopt;
    YAML::Node root;
    try {
      root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
      int line = 0, column = 0;
      std::string layout = LayoutProblem(text, e.mark.line + 1, &line, &column);
      if (!layout.empty()) {
        Report(Origin{{file_, line, column}, ""}, layout, "the parser said: " + e.msg);
      } else {
        Report(Origin{Location(e.mark), ""}, "invalid YAML: " + e.msg);
      }
      return std::nullopt;
    } catch (const std::exception& e) {
      Report(Origin{{file_, 0, 0}, ""}, std::string("invalid YAML: ") + e.what());
      return std::nullopt;
    }
    if (!root.IsMap()) {
      Report(Origin{{file_, 1, 1}, ""},
             "the manifest must be a YAML map with apiVersion, environments and clients");
      return std::nullopt;
    }
    RawManifest manifest;
    Origin root_origin{{file_, 1, 1}, ""};
    auto entries = Entries(root, "", kRootFields);
    const Entry* environments = nullptr;
    for (const auto& e : entries) {
      if (e.key == "apiVersion") {
        auto version = ReadText(e);
        if (version && version->value != "mpctl/v1") {
          Report(version->origin, "unsupported apiVersion " + Quoted(version->value),
                 "use 'mpctl/v1'");
        }
      } else if (e.key == "owner") {
        manifest.owner = ReadText(e);
        if (manifest.owner && !IsValidClientName(manifest.owner->value)) {
          Report(manifest.owner->origin, "invalid owner " + Quoted(manifest.owner->value),
                 kNameHint);
        }
      } else if (e.key == "environments") {
        environments = &e;
        manifest.environments = ReadEnvironments(e);
      } else if (e.key == "clients") {
        manifest.clients = ReadClients(e);
      } else if (e.key == "scopes") {
        manifest.scopes = ReadScopes(e);
      }
    }
    RequireFields(entries, root_origin, {"apiVersion", "environments"});
    if (environments && manifest.environments.empty() && environments->value.IsMap()) {
      Report(environments->key_origin, "declare at least one environment");
    }
    CheckEnvironmentReferences(manifest);
    return manifest;
  }

 private:
  // Walks the YAML events before building any tree: yaml-cpp builds and converts nodes
  // recursively, so nesting is bounded here first, and a second document (which YAML::Load
  // would silently drop) is refused.
  bool CheckShape(std::string_view text) {
    struct DepthLimit {
      YAML::Mark mark;
    };
    struct Shape final : YAML::EventHandler {
      int depth = 0;
      YAML::Mark document;
      void OnDocumentStart(const YAML::Mark& mark) override { document = mark; }
      void OnDocumentEnd() override {}
      void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
      void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
      void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    const std::string&) override {}
      void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                           YAML::EmitterStyle::value) override {
        Enter(mark);
      }
      void OnSequenceEnd() override { --depth; }
      void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                      YAML::EmitterStyle::value) override {
        Enter(mark);
      }
      void OnMapEnd() override { --depth; }
      void Enter(const YAML::Mark& mark) {
        if (++depth > kMaxYamlDepth) throw DepthLimit{mark};
      }
    };
    std::string copy(text);
    std::istringstream in(copy);
    try {
      YAML::Parser parser(in);
      Shape shape;
      if (!parser.HandleNextDocument(shape)) return true;  // empty: reported later
      Shape second;
      if (parser.HandleNextDocument(second)) {
        Report(Origin{Location(second.document), ""},
               "a second YAML document starts at line " + std::to_string(second.document.line + 1) +
                   "; a manifest is one document (remove the '---' and what follows, or merge it)");
        return false;
      }
    } catch (const DepthLimit& limit) {
      Report(Origin{Location(limit.mark), ""},
             "nested deeper than " + std::to_string(kMaxYamlDepth) + " levels at line " +
                 std::to_string(limit.mark.line + 1));
      return false;
    } catch (const YAML::Exception&) {
      return true;  // YAML::Load below reports it, with its position
    }
    return true;
  }

  base::SourceLocation Location(const YAML::Mark& mark) const {
    return {file_, mark.line + 1, mark.column + 1};
  }

  void Report(const Origin& origin, std::string message, std::string hint = "") {
    diagnostics_->Add(origin.location, origin.path, std::move(message), std::move(hint));
  }

  // The members of `map`, in file order. Reports keys that are not strings, duplicate keys
  // (at the second occurrence, which is then dropped) and, when `fields` is not empty,
  // fields not in it (also dropped).
  std::vector<Entry> Entries(const YAML::Node& map, const std::string& path,
                             const FieldList& fields, bool* had_unknown = nullptr) {
    std::vector<Entry> out;
    std::map<std::string, base::SourceLocation> seen;
    for (const auto& member : map) {
      const YAML::Node key = member.first;
      base::SourceLocation key_at = Location(key.Mark());
      if (!key.IsScalar()) {
        Report(Origin{key_at, path}, std::string("expected a name as key, got ") + Describe(key));
        continue;
      }
      std::string name = key.Scalar();
      std::string member_path = JsonPathMember(path, name);
      auto [first, inserted] = seen.emplace(name, key_at);
      if (!inserted) {
        Report(Origin{key_at, member_path},
               "duplicate key " + Quoted(name) + "; first defined at " + Position(first->second));
        continue;
      }
      if (!fields.empty() && std::find(fields.begin(), fields.end(), name) == fields.end()) {
        std::string hint;
        if (name == "client_id" && &fields == &kClientFields) {
          hint = "pin a client id per environment under overrides.<env>.client_id";
        } else {
          hint = DidYouMean(name, fields);
        }
        Report(Origin{key_at, member_path}, "unknown field " + Quoted(name), hint);
        if (had_unknown) *had_unknown = true;
        continue;
      }
      const YAML::Node value = member.second;
      base::SourceLocation value_at =
          value.IsNull() || !value.IsDefined() ? key_at : Location(value.Mark());
      out.push_back(Entry{name, value, Origin{key_at, member_path}, Origin{value_at, member_path}});
    }
    return out;
  }

  void RequireFields(const std::vector<Entry>& entries, const Origin& where,
                     const FieldList& required) {
    for (const auto& name : required) {
      bool found = std::any_of(entries.begin(), entries.end(),
                               [&](const Entry& e) { return e.key == name; });
      if (!found) Report(where, "missing required field " + Quoted(name));
    }
  }

  bool Expect(const Entry& e, YAML::NodeType::value type, const char* what) {
    if (e.value.Type() == type) return true;
    Report(e.value_origin, std::string("expected ") + what + ", got " + Describe(e.value));
    return false;
  }

  // The members of a map-valued entry; an empty value counts as an empty map.
  std::optional<std::vector<Entry>> MapEntries(const Entry& e, const FieldList& fields,
                                               bool* had_unknown = nullptr) {
    if (e.value.IsNull()) return std::vector<Entry>{};
    if (!Expect(e, YAML::NodeType::Map, "a map")) return std::nullopt;
    return Entries(e.value, e.key_origin.path, fields, had_unknown);
  }

  std::optional<Text> ReadText(const Entry& e) {
    if (!Expect(e, YAML::NodeType::Scalar, "a string")) return std::nullopt;
    return Text{e.value.Scalar(), e.value_origin};
  }

  std::optional<Value<bool>> ReadBool(const Entry& e) {
    if (!Expect(e, YAML::NodeType::Scalar, "true or false")) return std::nullopt;
    std::string text = base::ToLower(e.value.Scalar());
    if (text == "true" || text == "false") return Value<bool>{text == "true", e.value_origin};
    Report(e.value_origin, "expected true or false, got " + Quoted(e.value.Scalar()));
    return std::nullopt;
  }

  std::optional<Value<std::int64_t>> ReadInt(const Entry& e) {
    if (!Expect(e, YAML::NodeType::Scalar, "a whole number")) return std::nullopt;
    const std::string& text = e.value.Scalar();
    std::int64_t number = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc() || end != text.data() + text.size() || number < 0) {
      Report(e.value_origin, "expected a whole number, got " + Quoted(text));
      return std::nullopt;
    }
    return Value<std::int64_t>{number, e.value_origin};
  }

  // A list of strings; its origin is the key's line, so list-level errors point there.
  std::optional<TextList> ReadTextList(const Entry& e) {
    if (e.value.IsNull()) return TextList{{}, e.key_origin};
    if (!Expect(e, YAML::NodeType::Sequence, "a list")) return std::nullopt;
    TextList list{{}, e.key_origin};
    std::size_t index = 0;
    for (const auto& item : e.value) {
      Entry element{"", item, {}, {}};
      element.value_origin = Origin{item.IsNull() ? e.value_origin.location : Location(item.Mark()),
                                    JsonPathIndex(e.key_origin.path, index++)};
      if (auto text = ReadText(element)) list.value.push_back(std::move(*text));
    }
    return list;
  }

  std::optional<Value<bool>> ReadLifecycle(const Entry& e) {
    auto entries = MapEntries(e, kLifecycleFields);
    if (!entries) return std::nullopt;
    std::optional<Value<bool>> prevent_destroy;
    for (const auto& member : *entries) prevent_destroy = ReadBool(member);
    return prevent_destroy;
  }

  // The members of a section keyed by names (environments, clients, scopes); bad names are
  // reported and kept, so their contents are still checked.
  std::vector<Entry> NamedEntries(const Entry& e, const std::string& kind,
                                  bool (*valid_name)(std::string_view), const char* name_hint) {
    auto entries = MapEntries(e, {});
    if (!entries) return {};
    for (const auto& entry : *entries) {
      if (!valid_name(entry.key)) {
        Report(entry.key_origin, "invalid " + kind + " name " + Quoted(entry.key), name_hint);
      }
    }
    return *entries;
  }

  std::vector<RawEnvironment> ReadEnvironments(const Entry& e) {
    std::vector<RawEnvironment> out;
    for (const auto& env_entry : NamedEntries(e, "environment", IsValidClientName, kNameHint)) {
      RawEnvironment env;
      env.name = env_entry.key;
      env.origin = env_entry.key_origin;
      auto fields = MapEntries(env_entry, kEnvironmentFields);
      if (!fields) continue;
      for (const auto& f : *fields) {
        if (f.key == "organization") env.organization = ReadText(f);
        if (f.key == "api_url") env.api_url = ReadText(f);
        if (f.key == "auth_server") env.auth_server = ReadText(f);
        if (f.key == "admin_client") env.admin_client = ReadAdmin(f);
        if (f.key == "connect_timeout_seconds") env.connect_timeout_seconds = ReadInt(f);
        if (f.key == "timeout_seconds") env.timeout_seconds = ReadInt(f);
      }
      RequireFields(*fields, env.origin, {"organization", "admin_client"});
      out.push_back(std::move(env));
    }
    return out;
  }

  std::optional<RawAdminClient> ReadAdmin(const Entry& e) {
    auto entries = MapEntries(e, kAdminFields);
    if (!entries) return std::nullopt;
    RawAdminClient admin;
    admin.origin = e.key_origin;
    const Entry* method = nullptr;
    for (const auto& f : *entries) {
      std::optional<Text>* slot = nullptr;
      if (f.key == "client_id") slot = &admin.client_id;
      if (f.key == "kid") slot = &admin.kid;
      if (f.key == "key_file") slot = &admin.key_file;
      if (f.key == "key_env") slot = &admin.key_env;
      if (f.key == "certificate_file") slot = &admin.certificate_file;
      if (f.key == "password_env") slot = &admin.password_env;
      if (f.key == "token_env") slot = &admin.token_env;
      *slot = ReadText(f);
      if (f.key == "key_file" || f.key == "key_env" || f.key == "certificate_file" ||
          f.key == "token_env") {
        if (method) {
          Report(f.key_origin, Quoted(f.key) + " cannot be combined with " + Quoted(method->key),
                 "an admin client authenticates in exactly one way");
        } else {
          method = &f;
        }
      }
    }
    if (!method) {
      Report(admin.origin, "set one of key_file, key_env, certificate_file or token_env");
      return admin;
    }
    bool uses_key = method->key == "key_file" || method->key == "key_env";
    bool uses_certificate = method->key == "certificate_file";
    if (uses_key && !admin.kid) {
      Report(admin.origin, "missing required field 'kid'", "needed with " + method->key);
    }
    if (uses_certificate && !admin.password_env) {
      Report(admin.origin, "missing required field 'password_env'", "needed with certificate_file");
    }
    if (method->key != "token_env" && !admin.client_id) {
      Report(admin.origin, "missing required field 'client_id'");
    }
    for (const auto& f : *entries) {
      if ((f.key == "kid" && !uses_key) || (f.key == "password_env" && !uses_certificate)) {
        Report(f.key_origin, Quoted(f.key) + " is not used with " + Quoted(method->key));
      }
    }
    return admin;
  }

  RawClientFields ReadClientFields(const std::vector<Entry>& entries) {
    RawClientFields fields;
    for (const auto& f : entries) {
      if (f.key == "display_name") fields.display_name = ReadText(f);
      if (f.key == "description") fields.description = ReadText(f);
      if (f.key == "scopes") {
        fields.scopes = ReadTextList(f);
        fields.scopes_given = true;
      }
      if (f.key == "keys") fields.keys = ReadKeys(f);
      if (f.key == "lifecycle") fields.prevent_destroy = ReadLifecycle(f);
      if (f.key == "client_id") fields.client_id = ReadText(f);
    }
    return fields;
  }

  RawScopeFields ReadScopeFields(const std::vector<Entry>& entries) {
    RawScopeFields fields;
    for (const auto& f : entries) {
      if (f.key == "description") {
        fields.description = ReadText(f);
        fields.description_given = true;
      }
      if (f.key == "long_description") fields.long_description = ReadText(f);
      if (f.key == "visibility") fields.visibility = ReadText(f);
      if (f.key == "allowed_integration_types") fields.allowed_integration_types = ReadTextList(f);
      if (f.key == "token_lifetime_seconds") fields.token_lifetime_seconds = ReadInt(f);
      if (f.key == "accessible_for_all") fields.accessible_for_all = ReadBool(f);
      if (f.key == "consumers") fields.consumers = ReadTextList(f);
      if (f.key == "lifecycle") fields.prevent_destroy = ReadLifecycle(f);
    }
    return fields;
  }

  std::optional<RawKeyList> ReadKeys(const Entry& e) {
    if (e.value.IsNull()) return RawKeyList{e.key_origin, {}};
    if (!Expect(e, YAML::NodeType::Sequence, "a list")) return std::nullopt;
    RawKeyList keys{e.key_origin, {}};
    std::size_t index = 0;
    for (const auto& item : e.value) {
      Entry element{"", item, {}, {}};
      std::string item_path = JsonPathIndex(e.key_origin.path, index++);
      base::SourceLocation at = item.IsNull() ? e.key_origin.location : Location(item.Mark());
      element.key_origin = element.value_origin = Origin{at, item_path};
      if (auto key = ReadKey(element)) keys.items.push_back(std::move(*key));
    }
    return keys;
  }

  std::optional<RawKey> ReadKey(const Entry& e) {
    bool had_unknown = false;
    auto entries = MapEntries(e, kKeyFields, &had_unknown);
    if (!entries) return std::nullopt;
    RawKey key;
    key.origin = e.value_origin;
    const Entry* source = nullptr;
    for (const auto& f : *entries) {
      if (f.key == "kid") {
        key.kid = ReadText(f);
      } else if (f.key == "alg") {
        key.alg = ReadText(f);
      } else if (source) {
        Report(f.key_origin, Quoted(f.key) + " cannot be combined with " + Quoted(source->key),
               "give each key's material once");
      } else {
        source = &f;
      }
    }
    if (!key.kid) Report(key.origin, "missing required field 'kid'");
    if (!source) {
      // A misspelt source field was reported as unknown already.
      if (had_unknown) return std::nullopt;
      Report(key.origin, "missing key material", "set one of pem_file, jwk_file, jwk, pem or env");
      return std::nullopt;
    }
    static const std::map<std::string, KeySource> kSources = {{"pem_file", KeySource::kPemFile},
                                                              {"jwk_file", KeySource::kJwkFile},
                                                              {"jwk", KeySource::kJwk},
                                                              {"pem", KeySource::kPem},
                                                              {"env", KeySource::kEnv}};
    key.source = kSources.at(source->key);
    if (key.source == KeySource::kJwk) {
      auto jwk = ReadJwk(*source);
      if (!jwk) return std::nullopt;
      key.material = std::move(*jwk);
    } else {
      auto text = ReadText(*source);
      if (!text) return std::nullopt;
      key.material = std::move(*text);
    }
    return key;
  }

  // An inline JWK, turned into JSON text for the key reader; its members must be strings.
  std::optional<Text> ReadJwk(const Entry& e) {
    if (!Expect(e, YAML::NodeType::Map, "a map")) return std::nullopt;
    std::string json = "{";
    bool ok = true;
    for (const auto& member : Entries(e.value, e.key_origin.path, {})) {
      auto text = ReadText(member);
      if (!text) {
        ok = false;
        continue;
      }
      if (json.size() > 1) json += ',';
      json += base::JsonQuote(member.key) + ':' + base::JsonQuote(text->value);
    }
    if (!ok) return std::nullopt;
    return Text{json + "}", e.value_origin};
  }

  std::optional<TextList> ReadEnvironmentFilter(const Entry& e) {
    auto list = ReadTextList(e);
    if (list && list->value.empty()) {
      Report(list->origin, "an empty list leaves the entry in no environment",
             "remove the entry instead, or name at least one environment");
    }
    return list;
  }

  // The entries of a `clients:` or `scopes:` section: names checked, fields read, and
  // `environments:` and `overrides:` of each.
  template <typename Entity, typename ReadFields>
  std::vector<Entity> ReadEntities(const Entry& e, const std::string& kind,
                                   bool (*valid_name)(std::string_view), const char* name_hint,
                                   const FieldList& fields, const FieldList& override_fields,
                                   ReadFields read_fields) {
    std::vector<Entity> out;
    for (const auto& entity_entry : NamedEntries(e, kind, valid_name, name_hint)) {
      Entity entity;
      entity.name = entity_entry.key;
      entity.origin = entity_entry.key_origin;
      auto members = MapEntries(entity_entry, fields);
      if (!members) continue;
      entity.fields = read_fields(*members);
      for (const auto& f : *members) {
        if (f.key == "environments") entity.environments = ReadEnvironmentFilter(f);
        if (f.key == "overrides") {
          entity.overrides =
              ReadOverrides<decltype(entity.fields)>(f, override_fields, read_fields);
        }
      }
      out.push_back(std::move(entity));
    }
    return out;
  }

  std::vector<RawClient> ReadClients(const Entry& e) {
    return ReadEntities<RawClient>(e, "client", IsValidClientName, kNameHint, kClientFields,
                                   kClientOverrideFields,
                                   [&](const auto& f) { return ReadClientFields(f); });
  }

  std::vector<RawScope> ReadScopes(const Entry& e) {
    return ReadEntities<RawScope>(e, "scope", IsValidScopeName, kScopeHint, kScopeFields,
                                  kScopeOverrideFields,
                                  [&](const auto& f) { return ReadScopeFields(f); });
  }

  template <typename Fields, typename ReadFields>
  std::vector<RawOverride<Fields>> ReadOverrides(const Entry& e, const FieldList& allowed,
                                                 ReadFields read_fields) {
    std::vector<RawOverride<Fields>> out;
    auto entries = MapEntries(e, {});
    if (!entries) return out;
    for (const auto& env_entry : *entries) {
      auto fields = MapEntries(env_entry, allowed);
      if (!fields) continue;
      out.push_back(RawOverride<Fields>{env_entry.key, env_entry.key_origin, read_fields(*fields)});
    }
    return out;
  }

  void CheckEnvironmentName(const std::string& name, const Origin& origin,
                            const FieldList& declared) {
    if (std::find(declared.begin(), declared.end(), name) != declared.end()) return;
    Report(origin, "unknown environment " + Quoted(name), EnvironmentHint(name, declared));
  }

  template <typename Entity>
  void CheckReferences(const Entity& entity, const FieldList& declared) {
    if (entity.environments) {
      for (const auto& name : entity.environments->value) {
        CheckEnvironmentName(name.value, name.origin, declared);
      }
    }
    for (const auto& o : entity.overrides) CheckEnvironmentName(o.environment, o.origin, declared);
  }

  void CheckEnvironmentReferences(const RawManifest& manifest) {
    FieldList declared;
    for (const auto& env : manifest.environments) declared.push_back(env.name);
    for (const auto& client : manifest.clients) CheckReferences(client, declared);
    for (const auto& scope : manifest.scopes) CheckReferences(scope, declared);
  }

  const std::string& file_;
  base::Diagnostics* diagnostics_;
};

}  // namespace

std::optional<RawManifest> ParseManifest(std::string_view text, const std::string& file,
                                         base::Diagnostics* diagnostics) {
  return Parser(file, diagnostics).Parse(text);
}

}  // namespace mpctl::manifest
