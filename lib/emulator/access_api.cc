// /scopes/access (portal-api.md §5.3, §9 item 11).
#include "emulator/api.h"
#include "emulator/codec.h"

namespace mpctl::emulator {

namespace {

constexpr const char* kObject = "ScopeAccess";

std::optional<Response> CheckConsumer(const ApiContext& ctx) {
  if (IsNineDigits(ctx.params[0])) return std::nullopt;
  return ApiError(400, {{"consumer_orgno '" + ctx.params[0] + "' is not a 9-digit organization "
                         "number", "consumer_orgno"}},
                  kObject, ctx.now);
}

Response AccessJson(const ApiContext& ctx, const Access& a) {
  return JsonBody(200, [&](JsonWriter& w) { WriteAccess(w, a, ctx.state, View::kApi); });
}

Response AccessList(const ApiContext& ctx, const std::vector<const Access*>& list) {
  return JsonBody(200, [&](JsonWriter& w) {
    w.StartArray();
    for (const Access* a : list) WriteAccess(w, *a, ctx.state, View::kApi);
    w.EndArray();
  });
}

// Accesses of inactive scopes show only with ?inactive=true.
bool ScopeShown(const ApiContext& ctx, const std::string& scope, bool inactive) {
  auto it = ctx.state.scopes.find(scope);
  return it != ctx.state.scopes.end() && (it->second.active || inactive);
}

}  // namespace

Response ListAccess(ApiContext& ctx) {
  bool inactive = QueryFlag(ctx, "inactive");
  auto scope = ctx.request.Query("scope");
  auto consumer = ctx.request.Query("consumer_orgno");
  if (scope && !scope->empty()) {
    auto found = FindOwnScope(ctx, kObject);
    if (auto* error = std::get_if<Response>(&found)) return *error;
  } else if (!consumer || consumer->empty()) {
    return ApiError(400, {{"Give query parameter 'scope' or 'consumer_orgno'", "scope"}},
                    kObject, ctx.now);
  }
  std::vector<const Access*> list;
  for (const auto& [key, a] : ctx.state.access) {
    auto s = ctx.state.scopes.find(a.scope);
    if (s == ctx.state.scopes.end() || s->second.owner_orgno != ctx.caller.orgno) continue;
    if (scope && !scope->empty() && a.scope != *scope) continue;
    if (consumer && !consumer->empty() && a.consumer_orgno != *consumer) continue;
    if (!ScopeShown(ctx, a.scope, inactive)) continue;
    list.push_back(&a);
  }
  if (auto error = EmptyListError(ctx, list.empty(), "scope accesses")) return *error;
  return AccessList(ctx, list);
}

Response ListAccessToCaller(ApiContext& ctx) {
  bool inactive = QueryFlag(ctx, "inactive");
  std::vector<const Access*> list;
  for (const auto& [key, a] : ctx.state.access) {
    if (a.consumer_orgno == ctx.caller.orgno && ScopeShown(ctx, a.scope, inactive)) {
      list.push_back(&a);
    }
  }
  if (auto error = EmptyListError(ctx, list.empty(), "access to scopes")) return *error;
  return AccessList(ctx, list);
}

Response GrantAccess(ApiContext& ctx) {
  if (auto error = CheckConsumer(ctx)) return *error;
  auto found = FindOwnScope(ctx, kObject);
  if (auto* error = std::get_if<Response>(&found)) return *error;
  const Scope& scope = *std::get<Scope*>(found);
  Access& a = ctx.state.access[{scope.name, ctx.params[0]}];
  if (a.scope.empty()) {
    a.scope = scope.name;
    a.consumer_orgno = ctx.params[0];
    a.created = ctx.now;
  }
  if (a.state != "APPROVED" || a.last_updated == 0) {
    a.state = "APPROVED";
    a.last_updated = ctx.now;
    a.usable_from = ctx.now + ctx.options.propagation_delay_seconds * 1000;
  }
  return AccessJson(ctx, a);
}

Response RevokeAccess(ApiContext& ctx) {
  if (auto error = CheckConsumer(ctx)) return *error;
  auto found = FindOwnScope(ctx, kObject);
  if (auto* error = std::get_if<Response>(&found)) return *error;
  auto it = ctx.state.access.find({std::get<Scope*>(found)->name, ctx.params[0]});
  if (it == ctx.state.access.end()) {
    return ApiError(404, "Organization " + ctx.params[0] + " has no access to scope '" +
                             std::get<Scope*>(found)->name + "'",
                    ctx.now);
  }
  it->second.state = "DENIED";
  it->second.last_updated = ctx.now;
  return AccessJson(ctx, it->second);
}

}  // namespace mpctl::emulator
