// /scopes and /scopes/all (portal-api.md §5.1, §5.2, §9 item 10).
#include <algorithm>

#include "base/strings.h"
#include "emulator/api.h"
#include "emulator/codec.h"

namespace mpctl::emulator {

namespace {

constexpr const char* kObject = "Scope";

bool OwnsPrefix(const State& state, const std::string& orgno, const std::string& prefix) {
  auto org = state.organisations.find(orgno);
  if (org == state.organisations.end()) return false;
  const auto& prefixes = org->second.prefixes;
  return std::find(prefixes.begin(), prefixes.end(), prefix) != prefixes.end();
}

// Reads the mutable fields present in `body` into `s`.
void ApplyBody(const rapidjson::Value& body, Scope& s, std::vector<FieldError>& errors) {
  BodyReader read(body, errors);
  read.String("description", s.description);
  read.String("long_description", s.long_description);
  read.String("visibility", s.visibility);
  read.String("token_type", s.token_type);
  read.String("delegation_source", s.delegation_source);
  read.String("enforced_aud_for_access_token", s.enforced_aud_for_access_token);
  read.Bool("active", s.active);
  read.Bool("requires_user_consent", s.requires_user_consent);
  read.Bool("requires_user_authentication", s.requires_user_authentication);
  read.Bool("requires_pseudonymous_tokens", s.requires_pseudonymous_tokens);
  read.Bool("accessible_for_all", s.accessible_for_all);
  read.NonNegative("at_max_age", s.at_max_age);
  read.NonNegative("authorization_max_lifetime", s.authorization_max_lifetime);
  read.Strings("allowed_integration_types", s.allowed_integration_types);
}

void Validate(const ApiContext& ctx, const Scope& s, std::vector<FieldError>& errors) {
  if (s.description.empty()) errors.push_back({"description must not be empty", "description"});
  if (s.visibility != "PUBLIC" && s.visibility != "PRIVATE" && s.visibility != "INTERNAL") {
    errors.push_back({"visibility must be PUBLIC, PRIVATE or INTERNAL", "visibility"});
  }
  if (s.token_type != "SELF_CONTAINED" && s.token_type != "OPAQUE") {
    errors.push_back({"token_type must be SELF_CONTAINED or OPAQUE", "token_type"});
  }
  for (const auto& type : s.allowed_integration_types) {
    if (!IsIntegrationType(type)) {
      errors.push_back({"allowed_integration_types: '" + type + "' is not an integration type",
                        "allowed_integration_types"});
    }
  }
  if (!s.delegation_source.empty()) {
    const auto& sources = ctx.state.delegation_sources;
    if (std::none_of(sources.begin(), sources.end(),
                     [&](const DelegationSource& d) { return d.issuer == s.delegation_source; })) {
      errors.push_back({"delegation_source '" + s.delegation_source +
                            "' is not a known delegation source",
                        "delegation_source"});
    }
  }
}

Response ScopeJson(int status, const Scope& s) {
  return JsonBody(status, [&](JsonWriter& w) { WriteScope(w, s); });
}

void WriteList(JsonWriter& w, const std::vector<const Scope*>& list) {
  w.StartArray();
  for (const Scope* s : list) WriteScope(w, *s);
  w.EndArray();
}

}  // namespace

Response ListScopes(ApiContext& ctx) {
  bool inactive = QueryFlag(ctx, "inactive");
  std::vector<const Scope*> list;
  for (const auto& [name, s] : ctx.state.scopes) {
    if (s.owner_orgno == ctx.caller.orgno && (s.active || inactive)) list.push_back(&s);
  }
  if (auto error = EmptyListError(ctx, list.empty(), "scopes")) return *error;
  return JsonBody(200, [&](JsonWriter& w) { WriteList(w, list); });
}

Response GetScope(ApiContext& ctx) {
  auto found = FindOwnScope(ctx, kObject);
  if (auto* error = std::get_if<Response>(&found)) return *error;
  return ScopeJson(200, *std::get<Scope*>(found));
}

Response CreateScope(ApiContext& ctx) {
  rapidjson::Document body;
  if (auto error = ParseBodyObject(ctx, body, kObject)) return *error;
  Scope s;
  std::vector<FieldError> errors;
  s.prefix = StringOr(body, "prefix");
  s.subscope = StringOr(body, "subscope");
  ApplyBody(body, s, errors);
  if (s.prefix.empty()) errors.push_back({"prefix must not be empty", "prefix"});
  if (s.subscope.empty()) errors.push_back({"subscope must not be empty", "subscope"});
  Validate(ctx, s, errors);
  if (!errors.empty()) return ApiError(400, errors, kObject, ctx.now);
  if (!OwnsPrefix(ctx.state, ctx.caller.orgno, s.prefix)) {
    return ApiError(403, {{"Prefix '" + s.prefix + "' does not belong to organization " +
                               ctx.caller.orgno, "prefix"}},
                    kObject, ctx.now);
  }
  s.name = s.prefix + ":" + s.subscope;
  if (auto it = ctx.state.scopes.find(s.name); it != ctx.state.scopes.end()) {
    return ApiError(409, {{"Scope '" + s.name + "' already exists" +
                               (it->second.active ? "" : " (inactive); reactivate it with PUT"),
                           "name"}},
                    kObject, ctx.now);
  }
  s.active = true;
  s.owner_orgno = ctx.caller.orgno;
  s.created = s.last_updated = ctx.now;
  ctx.state.scopes[s.name] = s;
  return ScopeJson(200, s);
}

Response UpdateScope(ApiContext& ctx) {
  auto found = FindOwnScope(ctx, kObject);
  if (auto* error = std::get_if<Response>(&found)) return *error;
  Scope& current = *std::get<Scope*>(found);
  rapidjson::Document body;
  if (auto error = ParseBodyObject(ctx, body, kObject)) return *error;
  Scope updated = current;
  std::vector<FieldError> errors;
  for (const char* immutable : {"prefix", "subscope", "name"}) {
    std::string given = StringOr(body, immutable);
    std::string now_value = immutable == std::string("prefix")     ? current.prefix
                            : immutable == std::string("subscope") ? current.subscope
                                                                   : current.name;
    if (!given.empty() && given != now_value) {
      errors.push_back({std::string(immutable) + " cannot be changed", immutable});
    }
  }
  ApplyBody(body, updated, errors);
  Validate(ctx, updated, errors);
  if (!errors.empty()) return ApiError(400, errors, kObject, ctx.now);
  updated.last_updated = ctx.now;
  current = updated;
  return ScopeJson(200, current);
}

Response DeleteScope(ApiContext& ctx) {
  auto found = FindOwnScope(ctx, kObject);
  if (auto* error = std::get_if<Response>(&found)) return *error;
  Scope& s = *std::get<Scope*>(found);
  s.active = false;
  s.last_updated = ctx.now;
  return ScopeJson(200, s);
}

Response ListPublicScopes(ApiContext& ctx) {
  bool inactive = QueryFlag(ctx, "inactive");
  auto prefix = ctx.request.Query("prefix");
  auto for_all = ctx.request.Query("accessible_for_all");
  auto delegated = ctx.request.Query("delegated_sources");
  auto type = ctx.request.Query("integration_type");
  std::vector<const Scope*> list;
  for (const auto& [name, s] : ctx.state.scopes) {
    if (s.visibility != "PUBLIC" || (!s.active && !inactive)) continue;
    if (prefix && !prefix->empty() && s.prefix != *prefix) continue;
    if (for_all && !for_all->empty() &&
        s.accessible_for_all != (base::ToLower(*for_all) == "true")) {
      continue;
    }
    if (delegated && !delegated->empty() &&
        s.delegation_source.empty() == (base::ToLower(*delegated) == "true")) {
      continue;
    }
    if (type && !type->empty() && !s.allowed_integration_types.empty()) {
      std::string wanted = base::ToLower(*type);
      const auto& types = s.allowed_integration_types;
      if (std::find(types.begin(), types.end(), wanted) == types.end()) continue;
    }
    list.push_back(&s);
  }
  return JsonBody(200, [&](JsonWriter& w) { WriteList(w, list); });
}

}  // namespace mpctl::emulator
