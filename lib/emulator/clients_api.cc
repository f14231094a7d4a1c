// /clients: list, create, get, PUT, soft delete (portal-api.md §3, §9 items 6–7).
#include <algorithm>

#include "emulator/access_rules.h"
#include "emulator/api.h"
#include "emulator/codec.h"
#include "emulator/ids.h"

namespace mpctl::emulator {

namespace {

constexpr const char* kObject = "Client";
constexpr const char* kJwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer";

bool OneOf(const std::string& value, std::initializer_list<const char*> allowed) {
  return std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return value == a; });
}

// Reads the writable fields present in `body` into `c`; mistyped fields become errors.
void ApplyBody(const rapidjson::Value& body, Client& c, std::vector<FieldError>& errors) {
  BodyReader read(body, errors);
  read.String("client_name", c.client_name);
  read.String("description", c.description);
  read.String("client_orgno", c.client_orgno);
  read.String("integration_type", c.integration_type);
  read.String("application_type", c.application_type);
  read.String("token_endpoint_auth_method", c.token_endpoint_auth_method);
  read.String("refresh_token_usage", c.refresh_token_usage);
  read.Strings("grant_types", c.grant_types);
  read.Strings("scopes", c.scopes);
  read.Strings("redirect_uris", c.redirect_uris);
  read.Strings("post_logout_redirect_uris", c.post_logout_redirect_uris);
  read.NonNegative("access_token_lifetime", c.access_token_lifetime);
  read.NonNegative("authorization_lifetime", c.authorization_lifetime);
  read.NonNegative("refresh_token_lifetime", c.refresh_token_lifetime);
  read.Bool("active", c.active);
}

// Why `scope` cannot go on a client of `orgno` (§6), or "" when it can.
std::string ScopeProblem(const State& state, const std::string& name, const std::string& orgno,
                         const std::string& integration_type) {
  auto it = state.scopes.find(name);
  if (it == state.scopes.end() || !it->second.active) {
    return "Scope '" + name + "' does not exist or is not active";
  }
  const Scope& scope = it->second;
  const auto& allowed = scope.allowed_integration_types;
  if (!allowed.empty() &&
      std::find(allowed.begin(), allowed.end(), integration_type) == allowed.end()) {
    return "Scope '" + name + "' is not allowed for integration_type '" + integration_type + "'";
  }
  if (MayUseScope(state, scope, orgno, std::nullopt)) return "";
  return "Precondition failed: This organization number has not been granted access to the "
         "scope '" + name + "'";
}

// Fills defaults (lenient mode) and checks the client as a whole (§3.2, §9 item 7).
void Validate(const ApiContext& ctx, Client& c, std::vector<FieldError>& errors) {
  bool strict = ctx.options.validation == Validation::kStrict;
  if (!IsIntegrationType(c.integration_type)) {
    errors.push_back({c.integration_type.empty()
                          ? "integration_type is required"
                          : "integration_type '" + c.integration_type + "' is not one of "
                            "ansattporten, api_klient, eformidling, idporten, idporten_saml2, "
                            "krr, maskinporten",
                      "integration_type"});
    return;
  }
  bool maskinporten = c.integration_type == "maskinporten";
  if (!strict && maskinporten) {
    if (c.application_type.empty()) c.application_type = "web";
    if (c.token_endpoint_auth_method.empty()) c.token_endpoint_auth_method = "private_key_jwt";
    if (c.grant_types.empty()) c.grant_types = {kJwtBearer};
  }
  if (strict && c.client_name.empty()) {
    errors.push_back({"client_name must not be empty", "client_name"});
  }
  if (strict && c.description.empty()) {
    errors.push_back({"description must not be empty", "description"});
  }
  if (!OneOf(c.application_type, {"web", "browser", "native"})) {
    errors.push_back({"application_type must be one of web, browser, native", "application_type"});
  } else if (strict && maskinporten && c.application_type != "web") {
    errors.push_back({"application_type must be 'web' for integration_type maskinporten",
                      "application_type"});
  }
  if (!OneOf(c.token_endpoint_auth_method,
             {"client_secret_post", "client_secret_basic", "private_key_jwt", "none"})) {
    errors.push_back({"token_endpoint_auth_method must be one of client_secret_post, "
                      "client_secret_basic, private_key_jwt, none",
                      "token_endpoint_auth_method"});
  } else if (strict && maskinporten && c.token_endpoint_auth_method != "private_key_jwt") {
    errors.push_back({"token_endpoint_auth_method must be 'private_key_jwt' for "
                      "integration_type maskinporten",
                      "token_endpoint_auth_method"});
  }
  for (const auto& grant : c.grant_types) {
    if (!OneOf(grant, {"authorization_code", "implicit", "refresh_token", kJwtBearer})) {
      errors.push_back({"grant_types: '" + grant + "' is not a known grant type", "grant_types"});
    }
  }
  if (strict && maskinporten &&
      (c.grant_types.size() != 1 || c.grant_types[0] != kJwtBearer)) {
    errors.push_back({std::string("grant_types must be ['") + kJwtBearer +
                          "'] for integration_type maskinporten",
                      "grant_types"});
  }
  if (!OneOf(c.refresh_token_usage, {"REUSE", "ONETIME"})) {
    errors.push_back({"refresh_token_usage must be REUSE or ONETIME", "refresh_token_usage"});
  }
  if (maskinporten && c.scopes.empty()) {
    errors.push_back({"scopes: a maskinporten client needs at least one scope", "scopes"});
  }
  for (const auto& scope : c.scopes) {
    std::string problem = ScopeProblem(ctx.state, scope, c.client_orgno, c.integration_type);
    if (!problem.empty()) errors.push_back({problem, "scopes"});
  }
}

Response ClientJson(int status, const Client& c) {
  return JsonBody(status, [&](JsonWriter& w) { WriteClient(w, c, View::kApi); });
}

}  // namespace

Response ListClients(ApiContext& ctx) {
  bool inactive = QueryFlag(ctx, "inactive");
  std::vector<const Client*> list;
  for (const auto& [id, c] : ctx.state.clients) {
    if (c->client_orgno == ctx.caller.orgno && (c->active || inactive)) list.push_back(c.get());
  }
  std::sort(list.begin(), list.end(),
            [](const Client* a, const Client* b) { return a->sequence < b->sequence; });
  return JsonBody(200, [&](JsonWriter& w) {
    w.StartArray();
    for (const Client* c : list) WriteClient(w, *c, View::kApi);
    w.EndArray();
  });
}

Response CreateClient(ApiContext& ctx) {
  rapidjson::Document body;
  if (auto error = ParseBodyObject(ctx, body, kObject)) return *error;
  Client c;
  std::vector<FieldError> errors;
  ApplyBody(body, c, errors);
  c.client_id = StringOr(body, "client_id");
  if (c.client_orgno.empty()) c.client_orgno = ctx.caller.orgno;
  if (c.client_orgno != ctx.caller.orgno) {
    return ApiError(403, {{"client_orgno '" + c.client_orgno + "' is not the authenticated "
                           "organization " + ctx.caller.orgno, "client_orgno"}},
                    kObject, ctx.now);
  }
  if (!errors.empty()) return ApiError(400, errors, kObject, ctx.now);
  Validate(ctx, c, errors);
  if (!errors.empty()) return ApiError(400, errors, kObject, ctx.now);
  if (c.client_id.empty()) {
    c.client_id = NewUuid();
  } else if (ctx.state.clients.count(c.client_id) != 0) {
    return ApiError(409, {{"Client with client_id '" + c.client_id + "' already exists",
                           "client_id"}},
                    kObject, ctx.now);
  }
  c.active = true;
  c.created = c.last_updated = ctx.now_precise != 0 ? ctx.now_precise : ctx.now;
  c.sequence = ctx.state.next_sequence++;
  ctx.state.clients[c.client_id] = std::make_shared<const Client>(c);
  return ClientJson(SuccessStatus(ctx, 201), c);
}

Response GetClient(ApiContext& ctx) {
  auto found = FindOwnClient(ctx, ctx.params[0]);
  if (auto* error = std::get_if<Response>(&found)) return *error;
  return ClientJson(200, *std::get<const Client*>(found));
}

Response UpdateClient(ApiContext& ctx) {
  auto found = ChangeOwnClient(ctx, ctx.params[0]);
  if (auto* error = std::get_if<Response>(&found)) return *error;
  Client& current = *std::get<Client*>(found);
  rapidjson::Document body;
  if (auto error = ParseBodyObject(ctx, body, kObject)) return *error;

  Client updated = current;
  if (ctx.options.put_omitted == PutOmitted::kReset) {
    Client defaults;
    defaults.client_id = current.client_id;
    defaults.client_orgno = current.client_orgno;
    defaults.supplier_orgno = current.supplier_orgno;
    defaults.integration_type = current.integration_type;
    defaults.active = current.active;
    defaults.created = current.created;
    defaults.sequence = current.sequence;
    defaults.keys = current.keys;
    defaults.jwks_created = current.jwks_created;
    defaults.jwks_last_updated = current.jwks_last_updated;
    updated = defaults;
  }
  std::vector<FieldError> errors;
  ApplyBody(body, updated, errors);
  std::string body_id = StringOr(body, "client_id");
  if (!body_id.empty() && body_id != current.client_id) {
    errors.push_back({"client_id in the body ('" + body_id + "') differs from the path", "client_id"});
  }
  if (updated.integration_type != current.integration_type) {
    errors.push_back({"integration_type cannot be changed (is '" + current.integration_type +
                          "')",
                      "integration_type"});
  }
  if (updated.client_orgno != current.client_orgno) {
    errors.push_back({"client_orgno cannot be changed", "client_orgno"});
  }
  if (!errors.empty()) return ApiError(400, errors, kObject, ctx.now);
  Validate(ctx, updated, errors);
  if (!errors.empty()) return ApiError(400, errors, kObject, ctx.now);
  updated.last_updated = ctx.now;
  current = updated;
  return ClientJson(200, current);
}

Response DeleteClient(ApiContext& ctx) {
  auto found = ChangeOwnClient(ctx, ctx.params[0]);
  if (auto* error = std::get_if<Response>(&found)) return *error;
  Client& c = *std::get<Client*>(found);
  c.active = false;
  c.last_updated = ctx.now;
  return EmptyResponse(SuccessStatus(ctx, 204));
}

}  // namespace mpctl::emulator
