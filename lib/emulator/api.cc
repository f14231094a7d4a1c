#include "emulator/api.h"

#include "base/strings.h"

namespace mpctl::emulator {

Response JsonBody(int status, const std::function<void(JsonWriter&)>& write) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  write(w);
  return JsonResponse(status, std::string(buffer.GetString(), buffer.GetSize()));
}

int SuccessStatus(const ApiContext& ctx, int observed) {
  return ctx.options.status_profile == StatusProfile::kObserved ? observed : 200;
}

bool QueryFlag(const ApiContext& ctx, const char* name) {
  auto value = ctx.request.Query(name);
  return value && base::ToLower(*value) == "true";
}

std::optional<Response> ParseBodyObject(const ApiContext& ctx, rapidjson::Document& doc,
                                        const std::string& object) {
  if (auto error = ParseJson(ctx.request.body, doc)) {
    return ApiError(400, {{"Request body is not valid JSON: " + *error, ""}}, object, ctx.now);
  }
  if (!doc.IsObject()) {
    return ApiError(400, {{"Request body must be a JSON object", ""}}, object, ctx.now);
  }
  return std::nullopt;
}

std::variant<const Client*, Response> FindOwnClient(const ApiContext& ctx,
                                                   const std::string& id) {
  auto it = ctx.state.clients.find(id);
  if (it == ctx.state.clients.end() ||
      (!it->second->active && ctx.options.deleted_clients == DeletedClients::k404)) {
    return ApiError(404, "Client with client_id '" + id + "' not found", ctx.now);
  }
  if (it->second->client_orgno != ctx.caller.orgno) {
    return ApiError(403, "Client '" + id + "' does not belong to organization " +
                             ctx.caller.orgno, ctx.now);
  }
  return it->second.get();
}

std::variant<Client*, Response> ChangeOwnClient(ApiContext& ctx, const std::string& id) {
  auto found = FindOwnClient(ctx, id);
  if (auto* error = std::get_if<Response>(&found)) return *error;
  auto copy = std::make_shared<Client>(*std::get<const Client*>(found));
  Client* changed = copy.get();
  ctx.state.clients[id] = std::move(copy);
  return changed;
}

std::variant<Scope*, Response> FindOwnScope(ApiContext& ctx, const std::string& object) {
  auto name = ctx.request.Query("scope");
  if (!name || name->empty()) {
    return ApiError(400, {{"Query parameter 'scope' is required", "scope"}}, object, ctx.now);
  }
  auto it = ctx.state.scopes.find(*name);
  if (it == ctx.state.scopes.end()) {
    return ApiError(404, "Scope '" + *name + "' not found", ctx.now);
  }
  if (it->second.owner_orgno != ctx.caller.orgno) {
    return ApiError(403, "Scope '" + *name + "' is not owned by organization " + ctx.caller.orgno,
                    ctx.now);
  }
  return &it->second;
}

bool IsIntegrationType(const std::string& type) {
  static const char* kTypes[] = {"ansattporten", "api_klient", "eformidling", "idporten",
                                 "idporten_saml2", "krr", "maskinporten"};
  for (const char* t : kTypes) {
    if (type == t) return true;
  }
  return false;
}

void BodyReader::String(const char* name, std::string& out) {
  const rapidjson::Value* v = Member(body_, name);
  if (v == nullptr) return;
  if (!v->IsString()) {
    errors_.push_back({std::string(name) + " must be a string", name});
    return;
  }
  out.assign(v->GetString(), v->GetStringLength());
}

void BodyReader::Strings(const char* name, std::vector<std::string>& out) {
  bool ok = true;
  auto values = ReadStrings(body_, name, ok);
  if (!ok) errors_.push_back({std::string(name) + " must be an array of strings", name});
  if (values) out = *values;
}

void BodyReader::NonNegative(const char* name, std::int64_t& out) {
  const rapidjson::Value* v = Member(body_, name);
  if (v == nullptr) return;
  if (!v->IsInt64() || v->GetInt64() < 0) {
    errors_.push_back({std::string(name) + " must be a non-negative integer", name});
    return;
  }
  out = v->GetInt64();
}

void BodyReader::Bool(const char* name, bool& out) {
  const rapidjson::Value* v = Member(body_, name);
  if (v == nullptr) return;
  if (!v->IsBool()) {
    errors_.push_back({std::string(name) + " must be true or false", name});
    return;
  }
  out = v->GetBool();
}

bool IsNineDigits(const std::string& orgno) {
  if (orgno.size() != 9) return false;
  for (char c : orgno) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::optional<Response> EmptyListError(const ApiContext& ctx, bool empty,
                                       const std::string& what) {
  if (!empty || !ctx.options.empty_list_errors) return std::nullopt;
  return ApiError(404, "Organization " + ctx.caller.orgno + " does not have any " + what,
                  ctx.now);
}

}  // namespace mpctl::emulator
