#include "emulator/emulator.h"

#include <algorithm>
#include <mutex>

#include "base/strings.h"
#include "emulator/store.h"

namespace mpctl::emulator {

namespace {

constexpr const char* kDcrRead = "idporten:dcr.read";
constexpr const char* kDcrWrite = "idporten:dcr.write";
constexpr const char* kDcrModify = "idporten:dcr.modify";
constexpr const char* kScopesRead = "idporten:scopes.read";
constexpr const char* kScopesWrite = "idporten:scopes.write";

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> out = base::Split(path, '/');
  if (!out.empty() && out.front().empty()) out.erase(out.begin());
  return out;
}

bool IsSuccess(int status) { return status >= 200 && status < 300; }

}  // namespace

base::Result<std::unique_ptr<Emulator>> Emulator::Create(Options options, State seed,
                                                         const base::Clock& clock) {
  StoredState stored;
  bool loaded = false;
  if (!options.state_file.empty()) {
    auto file = LoadStateFile(options.state_file);
    if (!file.ok()) return file.error().WithContext("reading the state file");
    if (file->has_value()) {
      stored = std::move(**file);
      loaded = true;
    }
  }
  if (!loaded) stored.state = seed;
  auto signer = TokenSigner::Create(stored.signing_key_pem);
  if (!signer.ok()) return signer.error();
  std::unique_ptr<Emulator> emulator(new Emulator(std::move(options), std::move(seed),
                                                  std::move(stored), std::move(signer).value(),
                                                  clock));
  if (!loaded) {
    auto saved = emulator->Persist();
    if (!saved.ok()) return saved.error().WithContext("writing the state file");
  }
  return emulator;
}

Emulator::Emulator(Options options, State seed, StoredState stored, TokenSigner signer,
                   const base::Clock& clock)
    : options_(std::move(options)),
      clock_(clock),
      faults_(options_.fault_rate, options_.fault_seed),
      signer_(std::move(signer)),
      seed_(std::move(seed)),
      state_(std::move(stored.state)) {
  const std::string& prefix = options_.api_prefix;
  for (const std::string& route : options_.lose_answers) lost_answers_.Arm(route, 1);
  v2_prefix_ = base::EndsWith(prefix, "/v1") ? prefix.substr(0, prefix.size() - 3) + "/v2"
                                             : prefix + "/v2";
  AddRoutes();
  SetBaseUrl("http://127.0.0.1");
}

void Emulator::SetBaseUrl(const std::string& base_url) {
  base_url_ = base_url;
  issuer_ = options_.issuer.empty() ? base_url + "/" : options_.issuer;
}

std::vector<std::string> Emulator::ReadScopes(const std::string& read,
                                              const std::string& write) const {
  if (options_.write_implies_read) return {read, write};
  return {read};
}

void Emulator::AddRoute(std::string method, const std::string& pattern, Handler handler,
                        std::vector<std::string> any_scope, bool write) {
  routes_.push_back(Route{std::move(method), pattern, SplitPath(pattern), std::move(handler),
                          std::move(any_scope), write});
}

void Emulator::AddRoutes() {
  const std::string p = options_.api_prefix;
  auto dcr_read = ReadScopes(kDcrRead, kDcrWrite);
  auto scopes_read = ReadScopes(kScopesRead, kScopesWrite);
  std::vector<std::string> dcr_write = {kDcrWrite};
  std::vector<std::string> key_write = {kDcrWrite, kDcrModify};
  std::vector<std::string> scopes_write = {kScopesWrite};
  std::vector<std::string> scopes_any = {kScopesRead, kScopesWrite};
  std::vector<std::string> open;
  // Literal segments before captures where both could match.
  AddRoute("GET", p + "/clients", ListClients, dcr_read, false);
  AddRoute("POST", p + "/clients", CreateClient, dcr_write, true);
  AddRoute("GET", p + "/clients/{id}", GetClient, dcr_read, false);
  AddRoute("PUT", p + "/clients/{id}", UpdateClient, dcr_write, true);
  AddRoute("DELETE", p + "/clients/{id}", DeleteClient, dcr_write, true);
  AddRoute("GET", p + "/clients/{id}/jwks", GetJwks, dcr_read, false);
  AddRoute("POST", p + "/clients/{id}/jwks", ReplaceJwks, key_write, true);
  AddRoute("DELETE", p + "/clients/{id}/jwks", DeleteJwks, key_write, true);
  AddRoute("GET", p + "/clients/{id}/jwks/{kid}", GetJwk, dcr_read, false);
  AddRoute("PUT", p + "/clients/{id}/jwks/{kid}", PutJwk, key_write, true);
  AddRoute("DELETE", p + "/clients/{id}/jwks/{kid}", DeleteJwk, key_write, true);
  AddRoute("POST", v2_prefix_ + "/clients/{id}/key", AddKeyV2, key_write, true);
  AddRoute("GET", p + "/scopes/all", ListPublicScopes, open, false);
  AddRoute("GET", p + "/scopes/scope", GetScope, scopes_read, false);
  AddRoute("GET", p + "/scopes/access/all", ListAccessToCaller, scopes_read, false);
  AddRoute("GET", p + "/scopes/access", ListAccess, scopes_read, false);
  AddRoute("PUT", p + "/scopes/access/{orgno}", GrantAccess, scopes_write, true);
  AddRoute("DELETE", p + "/scopes/access/{orgno}", RevokeAccess, scopes_write, true);
  AddRoute("GET", p + "/scopes", ListScopes, scopes_any, false);
  AddRoute("POST", p + "/scopes", CreateScope, scopes_write, true);
  AddRoute("PUT", p + "/scopes", UpdateScope, scopes_write, true);
  AddRoute("DELETE", p + "/scopes", DeleteScope, scopes_write, true);
  AddRoute("GET", p + "/prefix/all", ListAllPrefixes, open, false);
  AddRoute("GET", p + "/prefix", ListPrefixes, scopes_any, false);
  AddRoute("GET", p + "/delegationsources", ListDelegationSources, open, false);
  AddRoute("GET", p + "/organizations/{orgnr}", GetOrganisation, open, false);
}

const Emulator::Route* Emulator::Match(const std::string& method, const std::string& path,
                                       std::vector<std::string>& params, bool& path_known) const {
  std::vector<std::string> segments = SplitPath(path);
  path_known = false;
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::vector<std::string> captured;
    bool match = true;
    for (std::size_t i = 0; i < segments.size() && match; ++i) {
      const std::string& want = route.segments[i];
      if (!want.empty() && want.front() == '{') {
        match = !segments[i].empty();
        captured.push_back(segments[i]);
      } else {
        match = want == segments[i];
      }
    }
    if (!match) continue;
    path_known = true;
    if (route.method != method) continue;
    params = std::move(captured);
    return &route;
  }
  return nullptr;
}

State Emulator::Snapshot() const {
  std::shared_lock lock(mu_);
  return state_;
}

base::Status Emulator::Persist() {
  if (options_.state_file.empty()) return base::OkStatus();
  return SaveStateFile(options_.state_file, state_, signer_.pem());
}

std::optional<Caller> Emulator::Authenticate(const Request& request) const {
  std::string header = request.Header("authorization");
  if (header.size() < 7 || base::ToLower(header.substr(0, 7)) != "bearer ") return std::nullopt;
  return signer_.Verify(base::Trim(header.substr(7)), issuer_, clock_.NowSeconds());
}

Response Emulator::Handle(const Request& request) {
  const std::string& path = request.path;
  const std::string& method = request.method;
  std::vector<std::string> params;
  bool path_known = false;
  // --trailing-slash accept: "/api/v1/clients/" is routed like "/api/v1/clients".
  bool strip =
      options_.trailing_slash == TrailingSlash::kAccept && path.size() > 1 && path.back() == '/';
  const Route* route =
      Match(method, strip ? path.substr(0, path.size() - 1) : path, params, path_known);
  bool special = path == "/token" || path == "/jwk" || base::StartsWith(path, "/.well-known/") ||
                 base::StartsWith(path, "/__emulator/");
  const std::string key = method + " " +
                          (route != nullptr ? route->pattern
                           : special        ? path
                                            : std::string("(unmatched)"));
  stats_.CountRequest(key);

  bool api = base::StartsWith(path, "/api/") || base::StartsWith(path, options_.api_prefix + "/") ||
             base::StartsWith(path, v2_prefix_ + "/");
  bool eligible = api || (options_.fault_token && path == "/token");
  FaultKind fault = eligible ? faults_.Next() : FaultKind::kNone;
  if (fault != FaultKind::kNone) stats_.CountFault(fault);
  Millis now = clock_.NowMillis();
  switch (fault) {
    case FaultKind::k500:
      return ApiError(500, "Injected fault: internal server error", now);
    case FaultKind::k503:
      return ApiError(503, "Injected fault: service unavailable", now);
    case FaultKind::k429: {
      Response response = ApiError(429, "Injected fault: too many requests", now);
      response.headers.emplace_back("Retry-After", "1");
      return response;
    }
    case FaultKind::kDrop:
    case FaultKind::kLoseAnswer:  // armed per route, handled below
    case FaultKind::kNone:
      break;
  }
  // A dropped connection loses the answer, not the request: the request takes effect.
  Response response;
  if (route != nullptr) {
    response = HandleApi(*route, request, std::move(params));
  } else if (special) {
    response = HandleSpecial(request);
  } else if (path_known) {
    response = ApiError(405, "Method " + method + " is not allowed here", now);
  } else {
    response = ApiError(404, "No endpoint " + method + " " + path, now);
  }
  response.drop_connection = fault == FaultKind::kDrop;
  if (route != nullptr && IsSuccess(response.status) && lost_answers_.Take(key)) {
    response.lose_answer = true;
    stats_.CountFault(FaultKind::kLoseAnswer);
    if (request.reused_connection) stats_.CountLostOnReused();
  }
  return response;
}

Response Emulator::HandleSpecial(const Request& request) {
  const std::string& path = request.path;
  const std::string& method = request.method;
  if (method == "POST" && path == "/token") return HandleToken(request);
  if (method == "GET" && path == "/.well-known/oauth-authorization-server") return WellKnown();
  if (method == "GET" && path == "/jwk") return JsonResponse(200, signer_.JwksJson());
  if (method == "GET" && path == "/__emulator/stats") return JsonResponse(200, stats_.ToJson());
  if (method == "POST" && path == "/__emulator/reset") return HandleReset();
  if ((method == "GET" || method == "POST") && path == "/__emulator/clock") {
    return HandleClock(request);
  }
  if ((method == "GET" || method == "POST") && path == "/__emulator/faults") {
    return HandleFaults(request);
  }
  return ApiError(404, "No endpoint " + method + " " + path, clock_.NowMillis());
}

std::optional<Response> Emulator::CheckContentType(const Route& route,
                                                   const Request& request) const {
  if (!route.write || !options_.require_content_type || base::Trim(request.body).empty()) {
    return std::nullopt;
  }
  std::string header = request.Header("content-type");
  std::string media = base::ToLower(base::Trim(header.substr(0, header.find(';'))));
  if (media == "application/json") return std::nullopt;
  // The v2 key endpoint documents text/plain input (a JWK, PEM key or PEM certificate).
  if (media == "text/plain" && route.pattern == v2_prefix_ + "/clients/{id}/key") {
    return std::nullopt;
  }
  // Worded like Spring's 415; the body is the API's usual ApiErrorResponse.
  return ApiError(415,
                  header.empty() ? "Content-Type is missing; send the body as application/json"
                                 : "Content-Type '" + header +
                                       "' is not supported; send "
                                       "application/json",
                  clock_.NowMillis());
}

Response Emulator::HandleApi(const Route& route, const Request& request,
                             std::vector<std::string> params) {
  Caller caller;
  if (!route.any_scope.empty()) {
    auto authenticated = Authenticate(request);
    if (!authenticated) {
      Response response = ApiError(
          401, "Unauthorized: a valid bearer access token from Maskinporten is required",
          clock_.NowMillis());
      response.headers.emplace_back("WWW-Authenticate", "Bearer");
      return response;
    }
    caller = std::move(*authenticated);
    bool allowed = std::any_of(route.any_scope.begin(), route.any_scope.end(),
                               [&](const std::string& s) { return caller.scopes.count(s) != 0; });
    if (!allowed) {
      return ApiError(403, "Insufficient scope: this operation requires " +
                               base::Join(route.any_scope, " or "),
                      clock_.NowMillis());
    }
  }
  if (auto refused = CheckContentType(route, request)) return *refused;
  if (!route.write) {
    std::shared_lock lock(mu_);
    ApiContext ctx{request, std::move(params), caller, state_, options_, clock_.NowMillis()};
    return route.handler(ctx);
  }
  std::unique_lock lock(mu_);
  State before = state_;
  ApiContext ctx{request, std::move(params), caller, state_, options_, clock_.NowMillis(),
                 clock_.NowMillisPrecise()};
  Response response = route.handler(ctx);
  if (!IsSuccess(response.status)) {
    state_ = std::move(before);
    return response;
  }
  if (auto saved = Persist(); !saved.ok()) {
    state_ = std::move(before);
    return ApiError(500, "Could not persist the change: " + saved.error().message, ctx.now);
  }
  stats_.CountWrite();
  return response;
}

}  // namespace mpctl::emulator
