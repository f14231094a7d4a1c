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

std::variant<Client*, Response> FindOwnClient(ApiContext& ctx, const std::string& id) {
  auto it = ctx.state.clients.find(id);
  if (it == ctx.state.clients.end() ||
      (!it->second.active && ctx.options.deleted_clients == DeletedClients::k404)) {
    return ApiError(404, "Client with client_id '" + id + "' not found", ctx.now);
  }
  if (it->second.client_orgno != ctx.caller.orgno) {
    return ApiError(403, "Client '" + id + "' does not belong to organization " +
                             ctx.caller.orgno, ctx.now);
  }
  return &it->second;
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
