// Shared by the admin API handlers (clients_api, jwks_api, scopes_api, access_api,
// directory_api): the per-request context and small response helpers.
#pragma once

#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "emulator/api_error.h"
#include "emulator/http.h"
#include "emulator/json.h"
#include "emulator/options.h"
#include "emulator/token.h"
#include "emulator/types.h"

namespace mpctl::emulator {

/// Everything a handler may use. `state` is writable only for write routes (the router holds
/// the exclusive lock then). `caller` is empty for the open endpoints.
struct ApiContext {
  const Request& request;
  std::vector<std::string> params;  // path captures, in template order
  const Caller& caller;
  State& state;
  const Options& options;
  Millis now = 0;
  Millis now_precise = 0;  // with milliseconds (EmulatorClock::NowMillisPrecise); 0: use now
};

using Handler = std::function<Response(ApiContext&)>;

/// A JSON response whose body `write` produces.
Response JsonBody(int status, const std::function<void(JsonWriter&)>& write);
/// 200, or `observed` when the observed status profile is on.
int SuccessStatus(const ApiContext& ctx, int observed);
/// True when the query parameter `name` is "true" (case-insensitive).
bool QueryFlag(const ApiContext& ctx, const char* name);
/// Parses the body as a JSON object into `doc`; a 400 response when it is not one.
std::optional<Response> ParseBodyObject(const ApiContext& ctx, rapidjson::Document& doc,
                                        const std::string& object);
/// The caller's client `id`: 404 when unknown (or deleted, unless deleted clients are
/// visible), 403 when another organisation's.
std::variant<const Client*, Response> FindOwnClient(const ApiContext& ctx, const std::string& id);
/// FindOwnClient for a write: a copy of the client takes its place in the state first and is
/// returned, so a copy of the State made before (for rollback) keeps the client unchanged.
std::variant<Client*, Response> ChangeOwnClient(ApiContext& ctx, const std::string& id);
/// The caller's scope named by ?scope=: 400 without it, 404 unknown, 403 another org's.
/// `object` names the ApiErrorResponse objectName of the 400.
std::variant<Scope*, Response> FindOwnScope(ApiContext& ctx, const std::string& object);
/// True for the integration types of the API's enum (ansattporten ... maskinporten).
bool IsIntegrationType(const std::string& type);

/// Reads optional fields of a JSON request body; a field of the wrong type becomes a field
/// error and leaves the target unchanged. Absent and null fields are skipped.
class BodyReader {
 public:
  BodyReader(const rapidjson::Value& body, std::vector<FieldError>& errors)
      : body_(body), errors_(errors) {}
  void String(const char* name, std::string& out);
  void Strings(const char* name, std::vector<std::string>& out);
  void NonNegative(const char* name, std::int64_t& out);
  void Bool(const char* name, bool& out);

 private:
  const rapidjson::Value& body_;
  std::vector<FieldError>& errors_;
};

/// True when `orgno` is exactly nine digits.
bool IsNineDigits(const std::string& orgno);
/// In --empty-list-errors mode, the 404 "does not have any" error for an empty list.
std::optional<Response> EmptyListError(const ApiContext& ctx, bool empty, const std::string& what);

// Handlers, one per route (see emulator.cc for the route table).
Response ListClients(ApiContext& ctx);
Response CreateClient(ApiContext& ctx);
Response GetClient(ApiContext& ctx);
Response UpdateClient(ApiContext& ctx);
Response DeleteClient(ApiContext& ctx);

Response GetJwks(ApiContext& ctx);
Response ReplaceJwks(ApiContext& ctx);
Response DeleteJwks(ApiContext& ctx);
Response GetJwk(ApiContext& ctx);
Response PutJwk(ApiContext& ctx);
Response DeleteJwk(ApiContext& ctx);
Response AddKeyV2(ApiContext& ctx);

Response ListScopes(ApiContext& ctx);
Response GetScope(ApiContext& ctx);
Response CreateScope(ApiContext& ctx);
Response UpdateScope(ApiContext& ctx);
Response DeleteScope(ApiContext& ctx);
Response ListPublicScopes(ApiContext& ctx);

Response ListAccess(ApiContext& ctx);
Response ListAccessToCaller(ApiContext& ctx);
Response GrantAccess(ApiContext& ctx);
Response RevokeAccess(ApiContext& ctx);

Response ListPrefixes(ApiContext& ctx);
Response ListAllPrefixes(ApiContext& ctx);
Response ListDelegationSources(ApiContext& ctx);
Response GetOrganisation(ApiContext& ctx);

}  // namespace mpctl::emulator
