#include "manifest/resolver.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/strings.h"
#include "base/url_parts.h"
#include "manifest/rules.h"
#include "manifest/wording.h"
#include "model/environment.h"

namespace mpctl::manifest {
namespace {

const std::vector<std::string> kIntegrationTypes = {"ansattporten", "api_klient",     "eformidling",
                                                    "idporten",     "idporten_saml2", "krr",
                                                    "maskinporten"};

// The override's value of `member` when it sets it, else the entry's.
template <typename Fields, typename T>
const std::optional<T>& Pick(const Fields& entry, const Fields* override,
                             std::optional<T> Fields::*member) {
  return override && (override->*member).has_value() ? override->*member : entry.*member;
}

template <typename Entity>
bool IsIn(const Entity& entity, const std::string& environment) {
  if (!entity.environments) return true;
  const auto& names = entity.environments->value;
  return std::any_of(names.begin(), names.end(),
                     [&](const Text& name) { return name.value == environment; });
}

template <typename Entity>
const decltype(Entity::fields)* OverrideFor(const Entity& entity, const std::string& environment) {
  for (const auto& o : entity.overrides) {
    if (o.environment == environment) return &o.fields;
  }
  return nullptr;
}

// https://, or http:// to this machine (tokens never travel unencrypted over a network). The
// URL is split by libcurl's parser (base::SplitUrl), so "LOCALHOST" is localhost.
bool IsAllowedUrl(std::string_view url) {
  auto parts = base::SplitUrl(url);
  if (!parts) return false;
  if (parts->scheme == "https") return true;
  return parts->scheme == "http" &&
         (parts->host == "127.0.0.1" || parts->host == "localhost" || parts->host == "[::1]");
}

class Resolver {
 public:
  Resolver(const RawManifest& manifest, const RawEnvironment& environment,
           const ResolveContext& context)
      : manifest_(manifest), raw_env_(environment), context_(context) {}

  model::DesiredState Resolve() {
    model::DesiredState state;
    state.environment = ResolveEnvironment();
    if (manifest_.owner) state.owner = manifest_.owner->value;
    for (const auto& client : manifest_.clients) {
      if (IsIn(client, raw_env_.name)) state.clients.push_back(ResolveClient(client));
    }
    for (const auto& scope : manifest_.scopes) {
      if (IsIn(scope, raw_env_.name)) state.scopes.push_back(ResolveScope(scope));
    }
    auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
    std::sort(state.clients.begin(), state.clients.end(), by_name);
    std::sort(state.scopes.begin(), state.scopes.end(), by_name);
    return state;
  }

 private:
  void Report(const Origin& origin, std::string message, std::string hint = "") {
    context_.diagnostics->Add(origin.location, origin.path, std::move(message), std::move(hint));
  }

  // The value with ${VAR} expanded. For an environment that was not selected, a value that
  // names variables is skipped (nullopt, nothing reported): its variables need not be set.
  std::optional<std::string> Expand(const Text& text) {
    if (!context_.expand_variables && text.value.find("${") != std::string::npos) {
      return std::nullopt;
    }
    return Interpolate(text, context_.getenv, context_.diagnostics);
  }
  std::optional<std::string> Expand(const std::optional<Text>& text) {
    if (!text) return std::nullopt;
    return Expand(*text);
  }

  std::optional<std::string> Orgno(const Text& text) {
    auto value = Expand(text);
    if (!value) return std::nullopt;
    bool nine_digits = value->size() == 9 && std::all_of(value->begin(), value->end(), [](char c) {
                         return c >= '0' && c <= '9';
                       });
    if (!nine_digits) {
      Report(text.origin, Quoted(*value) + " is not a 9-digit orgno");
    } else if (!IsValidOrgno(*value)) {
      Report(text.origin, Quoted(*value) + " is not a valid orgno: its check digit is wrong",
             "check for a typo; the last digit is a mod-11 check digit");
    }
    return value;
  }

  std::string Url(const std::optional<Text>& text, const char* field, const char* test_default,
                  const char* prod_default) {
    if (!text) {
      if (raw_env_.name == "test") return test_default;
      if (raw_env_.name == "prod") return prod_default;
      Report(raw_env_.origin, std::string("missing required field ") + Quoted(field),
             "only 'test' and 'prod' have defaults");
      return "";
    }
    auto value = Expand(text);
    if (!value) return "";
    if (!IsAllowedUrl(*value)) {
      Report(text->origin, Quoted(*value) + " is not an https:// URL",
             "http:// is allowed only for 127.0.0.1, localhost and [::1]");
    }
    return *value;
  }

  std::string VariableName(const std::optional<Text>& text) {
    if (!text) return "";
    if (!IsValidVariableName(text->value)) {
      Report(text->origin, Quoted(text->value) + " is not an environment variable name",
             kVariableHint);
    }
    return text->value;
  }

  int Timeout(const std::optional<Value<std::int64_t>>& value, int fallback) {
    if (!value) return fallback;
    if (value->value < 1 || value->value > 3600) {
      Report(value->origin, "must be between 1 and 3600 seconds");
      return fallback;
    }
    return static_cast<int>(value->value);
  }

  model::Environment ResolveEnvironment() {
    model::Environment env;
    env.name = raw_env_.name;
    if (raw_env_.organization) env.organization = Orgno(*raw_env_.organization).value_or("");
    env.api_url = Url(raw_env_.api_url, "api_url", model::kTestApiUrl, model::kProdApiUrl);
    while (base::EndsWith(env.api_url, "/")) env.api_url.pop_back();
    env.auth_server =
        Url(raw_env_.auth_server, "auth_server", model::kTestAuthServer, model::kProdAuthServer);
    if (!env.auth_server.empty() && !base::EndsWith(env.auth_server, "/")) env.auth_server += '/';
    env.connect_timeout_seconds = Timeout(raw_env_.connect_timeout_seconds, 10);
    env.timeout_seconds = Timeout(raw_env_.timeout_seconds, 30);
    if (raw_env_.admin_client) {
      const RawAdminClient& raw = *raw_env_.admin_client;
      model::AdminCredentials& admin = env.admin;
      admin.client_id = Expand(raw.client_id).value_or("");
      admin.kid = Expand(raw.kid).value_or("");
      if (raw.kid && !admin.kid.empty() && !IsValidKid(admin.kid)) {
        Report(raw.kid->origin, Quoted(admin.kid) + " is not a valid kid", kKidHint);
      }
      if (auto file = Expand(raw.key_file)) admin.key_file = ResolvePath(context_.base_dir, *file);
      if (auto file = Expand(raw.certificate_file)) {
        admin.certificate_file = ResolvePath(context_.base_dir, *file);
      }
      admin.key_env = VariableName(raw.key_env);
      admin.password_env = VariableName(raw.password_env);
      admin.token_env = VariableName(raw.token_env);
    }
    return env;
  }

  // Scope names from a list: interpolated, checked, sorted, each once.
  std::vector<std::string> ScopeNames(const TextList& list) {
    std::map<std::string, base::SourceLocation> seen;
    for (const auto& item : list.value) {
      auto name = Expand(item);
      if (!name) continue;
      if (!IsValidScopeName(*name)) {
        Report(item.origin, Quoted(*name) + " is not a scope name", kScopeHint);
        continue;
      }
      auto [first, inserted] = seen.emplace(*name, item.origin.location);
      if (!inserted) {
        Report(item.origin,
               Quoted(*name) + " is also listed at " + Position(first->second) + "; remove one");
      }
    }
    std::vector<std::string> out;
    for (const auto& [name, at] : seen) out.push_back(name);
    return out;
  }

  std::vector<std::string> Orgnos(const TextList& list) {
    std::set<std::string> out;
    for (const auto& item : list.value) {
      if (auto orgno = Orgno(item)) out.insert(*orgno);
    }
    return {out.begin(), out.end()};
  }

  std::optional<model::PublicKey> ResolveKey(const RawKey& raw) {
    model::PublicKey key;
    bool ok = raw.kid.has_value();
    if (raw.kid) {
      if (auto kid = Expand(raw.kid)) {
        key.kid = *kid;
        if (!IsValidKid(key.kid)) {
          Report(raw.kid->origin, Quoted(key.kid) + " is not a valid kid", kKidHint);
          ok = false;
        }
      } else {
        ok = false;
      }
    }
    if (raw.alg) {
      if (auto alg = Expand(raw.alg)) {
        key.alg = *alg;
        if (key.alg != "RS256" && key.alg != "RS384" && key.alg != "RS512") {
          Report(raw.alg->origin, "unsupported alg " + Quoted(key.alg),
                 "use RS256, RS384 or RS512");
          ok = false;
        }
      }
    }
    std::optional<std::string> material = raw.source == KeySource::kEnv
                                              ? std::optional<std::string>(raw.material.value)
                                              : Expand(raw.material);
    if (!material) return std::nullopt;
    if (raw.source == KeySource::kEnv) {
      if (!IsValidVariableName(*material)) {
        Report(raw.material.origin, Quoted(*material) + " is not an environment variable name",
               kVariableHint);
        return std::nullopt;
      }
      if (!context_.expand_variables) return std::nullopt;
    }
    auto parsed = context_.keys->Load(raw.source, *material);
    if (!parsed.ok()) {
      Report(raw.material.origin, parsed.error().message);
      return std::nullopt;
    }
    if (!parsed->jwk_kid.empty() && raw.kid && parsed->jwk_kid != key.kid) {
      Report(raw.material.origin,
             "the JWK's kid " + Quoted(parsed->jwk_kid) + " differs from kid " + Quoted(key.kid),
             "make them equal, or remove kid from the JWK");
      ok = false;
    }
    if (!parsed->jwk_alg.empty()) {
      if (!raw.alg) {
        key.alg = parsed->jwk_alg;
      } else if (parsed->jwk_alg != key.alg) {
        Report(raw.material.origin,
               "the JWK's alg " + Quoted(parsed->jwk_alg) + " differs from alg " + Quoted(key.alg));
        ok = false;
      }
    }
    if (!parsed->jwk_use.empty() && parsed->jwk_use != "sig") {
      Report(raw.material.origin, "the JWK's use is " + Quoted(parsed->jwk_use) + ", not 'sig'");
      ok = false;
    }
    if (!ok) return std::nullopt;
    if (key.alg == "RS384" && context_.warnings != nullptr) {
      const Origin& origin = raw.alg ? raw.alg->origin : raw.material.origin;
      context_.warnings->Add(
          origin.location, origin.path,
          "alg 'RS384' may be refused: Digdir's API spec lists only RS256 and "
          "RS512 for keys, its docs say RS384 too",
          "use RS256 or RS512; see docs/emulator.md, open question 'RS384 keys'");
    }
    key.n = parsed->key.n;
    key.e = parsed->key.e;
    key.bits = parsed->key.bits;
    key.thumbprint = crypto::Thumbprint(parsed->key);
    return key;
  }

  std::vector<model::PublicKey> ResolveKeys(const RawKeyList& list) {
    if (list.items.size() > static_cast<std::size_t>(model::kMaxKeysPerClient)) {
      Report(list.origin,
             std::to_string(list.items.size()) + " keys; a client may have at most " +
                 std::to_string(model::kMaxKeysPerClient),
             "remove keys that are no longer used");
    }
    std::vector<model::PublicKey> out;
    std::map<std::string, base::SourceLocation> seen;
    for (const auto& raw : list.items) {
      if (raw.kid) {
        auto [first, inserted] = seen.emplace(raw.kid->value, raw.kid->origin.location);
        if (!inserted) {
          Report(raw.kid->origin, Quoted(raw.kid->value) + " is also used at " +
                                      Position(first->second) + "; rename one");
          continue;
        }
      }
      if (auto key = ResolveKey(raw)) out.push_back(std::move(*key));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.kid < b.kid; });
    return out;
  }

  model::DesiredClient ResolveClient(const RawClient& raw) {
    const RawClientFields* over = OverrideFor(raw, raw_env_.name);
    auto field = [&](auto member) -> const auto& { return Pick(raw.fields, over, member); };
    model::DesiredClient client;
    client.name = raw.name;
    client.display_name = Expand(field(&RawClientFields::display_name)).value_or(raw.name);
    client.description = Expand(field(&RawClientFields::description)).value_or(client.display_name);
    const auto& scopes = field(&RawClientFields::scopes);
    if (!raw.fields.scopes_given && !(over && over->scopes_given)) {
      Report(raw.origin, "missing required field 'scopes'", "a client needs at least one scope");
    } else if (scopes) {
      client.scopes = ScopeNames(*scopes);
      if (scopes->value.empty()) Report(scopes->origin, "a client needs at least one scope");
    }
    if (const auto& keys = field(&RawClientFields::keys)) client.keys = ResolveKeys(*keys);
    if (over && over->client_id) client.pinned_client_id = Expand(over->client_id);
    if (const auto& prevent = field(&RawClientFields::prevent_destroy)) {
      client.prevent_destroy = prevent->value;
    }
    return client;
  }

  model::DesiredScope ResolveScope(const RawScope& raw) {
    const RawScopeFields* over = OverrideFor(raw, raw_env_.name);
    auto field = [&](auto member) -> const auto& { return Pick(raw.fields, over, member); };
    model::DesiredScope scope;
    scope.name = raw.name;
    auto colon = raw.name.find(':');
    scope.prefix = raw.name.substr(0, colon);
    scope.subscope = colon == std::string::npos ? "" : raw.name.substr(colon + 1);
    scope.description = Expand(field(&RawScopeFields::description)).value_or("");
    if (!raw.fields.description_given && !(over && over->description_given)) {
      Report(raw.origin, "missing required field 'description'");
    }
    scope.long_description = Expand(field(&RawScopeFields::long_description)).value_or("");
    if (const auto& visibility = field(&RawScopeFields::visibility)) {
      auto value = Expand(visibility);
      if (value == "private") {
        scope.visibility = model::Visibility::kPrivate;
      } else if (value && value != "public") {
        Report(visibility->origin, "unknown visibility " + Quoted(*value),
               "use 'public' or 'private'");
      }
    }
    scope.allowed_integration_types = {model::kMaskinporten};
    if (const auto& types = field(&RawScopeFields::allowed_integration_types)) {
      std::set<std::string> unique;
      for (const auto& item : types->value) {
        auto type = Expand(item);
        if (!type) continue;
        if (std::find(kIntegrationTypes.begin(), kIntegrationTypes.end(), *type) ==
            kIntegrationTypes.end()) {
          Report(item.origin, "unknown integration type " + Quoted(*type),
                 DidYouMean(*type, kIntegrationTypes));
          continue;
        }
        unique.insert(*type);
      }
      scope.allowed_integration_types.assign(unique.begin(), unique.end());
    }
    if (const auto& lifetime = field(&RawScopeFields::token_lifetime_seconds)) {
      scope.token_lifetime_seconds = lifetime->value;
    }
    if (const auto& all = field(&RawScopeFields::accessible_for_all)) {
      scope.accessible_for_all = all->value;
    }
    if (const auto& consumers = field(&RawScopeFields::consumers)) {
      scope.consumers = Orgnos(*consumers);
    }
    if (const auto& prevent = field(&RawScopeFields::prevent_destroy)) {
      scope.prevent_destroy = prevent->value;
    }
    return scope;
  }

  const RawManifest& manifest_;
  const RawEnvironment& raw_env_;
  const ResolveContext& context_;
};

}  // namespace

model::DesiredState ResolveEnvironment(const RawManifest& manifest,
                                       const RawEnvironment& environment,
                                       const ResolveContext& context) {
  return Resolver(manifest, environment, context).Resolve();
}

}  // namespace mpctl::manifest
