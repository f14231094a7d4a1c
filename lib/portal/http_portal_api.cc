#include "portal/http_portal_api.h"

#include "auth/token_claims.h"
#include "base/strings.h"
#include "base/url_parts.h"
#include "portal/api_error.h"
#include "portal/json_decode.h"
#include "portal/json_encode.h"

namespace mpctl::portal {

namespace {

std::string ScopeQuery(const std::string& name) { return "scope=" + base::PercentEncode(name); }

// Reads whose answer grows with the organisation: every client, scope or grant.
bool IsList(const std::string& path_and_query) {
  return path_and_query == "/clients" || path_and_query == "/scopes/all" ||
         base::StartsWith(path_and_query, "/scopes?") ||
         base::StartsWith(path_and_query, "/scopes/access");
}

}  // namespace

HttpPortalApi::HttpPortalApi(std::string api_url, std::shared_ptr<const Exchanger> exchanger,
                             std::shared_ptr<auth::TokenSource> tokens,
                             std::vector<std::string> token_scopes)
    : api_url_(std::move(api_url)),
      exchanger_(std::move(exchanger)),
      tokens_(std::move(tokens)),
      token_scopes_(std::move(token_scopes)) {
  while (!api_url_.empty() && api_url_.back() == '/') api_url_.pop_back();
}

base::Result<std::optional<std::string>> HttpPortalApi::ActingOrganization() {
  auto token = tokens_->Token(token_scopes_);
  if (!token.ok()) return token.error();
  return auth::ConsumerOrgno(token->Reveal());
}

base::Result<HttpPortalApi::Answer> HttpPortalApi::Send(const Call& call, bool* outcome_unknown) {
  auto make_request = [&]() -> base::Result<HttpRequest> {
    auto token = tokens_->Token(token_scopes_);
    if (!token.ok()) return token.error();
    HttpRequest request;
    request.method = call.method;
    request.url = api_url_ + call.path_and_query;
    request.headers.emplace_back("Accept", "application/json");
    if (!call.body.empty()) request.headers.emplace_back("Content-Type", "application/json");
    request.bearer_token = std::move(token.value());
    request.body = base::Secret(call.body);
    request.list = call.method == "GET" && IsList(call.path_and_query);
    return request;
  };
  auto exchange = exchanger_->Run(make_request, call.repeat);
  if (!exchange.ok()) return exchange.error();
  if (exchange->response() != nullptr && exchange->response()->status == 401) {
    // A refused token was handled by nobody: get a new one and try once more.
    tokens_->Forget(token_scopes_);
    exchange = exchanger_->Run(make_request, call.repeat);
    if (!exchange.ok()) return exchange.error();
  }
  const HttpResponse* response = exchange->response();
  Answer answer{exchange->method + " " + exchange->path, "", false};
  if (response != nullptr && response->status >= 200 && response->status < 300) {
    answer.body = response->body;
    return answer;
  }
  if (response != nullptr && call.nothing != Nothing::kNever &&
      (SaysNothingToList(*response) ||
       (call.nothing == Nothing::kAlso404 && response->status == 404))) {
    answer.nothing = true;
    return answer;
  }
  if (outcome_unknown != nullptr) *outcome_unknown = exchange->outcome_unknown;
  return exchange->ToError();
}

base::Result<std::string> HttpPortalApi::ClientPath(const std::string& client_id) const {
  // "." and ".." would be resolved as path steps, escaping /clients/.
  if (client_id.empty() || client_id == "." || client_id == "..") {
    return base::MakeError(base::ErrorCode::kInvalidInput,
                           "'" + client_id + "' is not a usable client_id");
  }
  return "/clients/" + base::PercentEncode(client_id);
}

base::Result<std::vector<model::LiveClient>> HttpPortalApi::ListClients() {
  auto answer = Send({"GET", "/clients"});
  if (!answer.ok()) return answer.error();
  auto clients = DecodeClients(answer->body, answer->endpoint);
  if (clients.ok()) NormalizeClientList(*clients);
  return clients;
}

base::Result<model::LiveClient> HttpPortalApi::GetClient(const std::string& client_id) {
  auto path = ClientPath(client_id);
  if (!path.ok()) return path.error();
  auto answer = Send({"GET", *path});
  if (!answer.ok()) return answer.error();
  return DecodeClient(answer->body, answer->endpoint);
}

CreateResult<model::LiveClient> HttpPortalApi::CreateClient(const ClientSpec& spec) {
  MPCTL_RETURN_IF_ERROR(CheckOrgno(spec.client_orgno));
  bool outcome_unknown = false;
  auto answer =
      Send({"POST", "/clients", EncodeClient(spec), Repeat::kNotIfSent}, &outcome_unknown);
  if (!answer.ok()) return {answer.error(), outcome_unknown};
  auto client = DecodeClient(answer->body, answer->endpoint);
  // The server made the client but its answer is unreadable: where it is, is unknown.
  if (!client.ok()) return {client.error(), true};
  return std::move(client.value());
}

base::Status HttpPortalApi::UpdateClient(const std::string& client_id, const ClientSpec& spec) {
  MPCTL_RETURN_IF_ERROR(CheckOrgno(spec.client_orgno));
  auto path = ClientPath(client_id);
  if (!path.ok()) return path.error();
  MPCTL_RETURN_IF_ERROR(Send({"PUT", *path, EncodeClient(spec)}));
  return base::OkStatus();
}

base::Status HttpPortalApi::DeleteClient(const std::string& client_id) {
  auto path = ClientPath(client_id);
  if (!path.ok()) return path.error();
  MPCTL_RETURN_IF_ERROR(Send({"DELETE", *path}));
  return base::OkStatus();
}

base::Result<std::vector<model::PublicKey>> HttpPortalApi::GetKeys(const std::string& client_id) {
  auto path = ClientPath(client_id);
  if (!path.ok()) return path.error();
  auto answer = Send({"GET", *path + "/jwks", "", Repeat::kSafe, Nothing::kAlso404});
  if (!answer.ok()) return answer.error();
  if (answer->nothing || answer->body.empty()) return std::vector<model::PublicKey>{};
  return DecodeJwks(answer->body, answer->endpoint);
}

base::Status HttpPortalApi::ReplaceKeys(const std::string& client_id,
                                        const std::vector<model::PublicKey>& keys) {
  if (keys.empty()) {
    return base::MakeError(base::ErrorCode::kInvalidInput,
                           "refusing to POST an empty key set for client '" + client_id +
                               "': the portal does not accept it; delete the keys instead");
  }
  auto path = ClientPath(client_id);
  if (!path.ok()) return path.error();
  // POST /jwks replaces the whole set, so sending it twice has the effect of sending it once.
  MPCTL_RETURN_IF_ERROR(Send({"POST", *path + "/jwks", EncodeJwks(keys), Repeat::kSafe}));
  return base::OkStatus();
}

base::Status HttpPortalApi::DeleteKeys(const std::string& client_id) {
  auto path = ClientPath(client_id);
  if (!path.ok()) return path.error();
  MPCTL_RETURN_IF_ERROR(Send({"DELETE", *path + "/jwks"}));
  return base::OkStatus();
}

base::Result<std::vector<model::LiveScope>> HttpPortalApi::ListScopes() {
  auto answer =
      Send({"GET", "/scopes?inactive=true", "", Repeat::kSafe, Nothing::kSaysNothingToList});
  if (!answer.ok()) return answer.error();
  if (answer->nothing) return std::vector<model::LiveScope>{};
  return DecodeScopes(answer->body, answer->endpoint);
}

base::Result<model::LiveScope> HttpPortalApi::GetScope(const std::string& name) {
  auto answer = Send({"GET", "/scopes/scope?" + ScopeQuery(name) + "&inactive=true"});
  if (!answer.ok()) return answer.error();
  return DecodeScope(answer->body, answer->endpoint);
}

CreateResult<model::LiveScope> HttpPortalApi::CreateScope(const model::DesiredScope& scope) {
  bool outcome_unknown = false;
  auto answer = Send({"POST", "/scopes", EncodeScope(scope, Reactivate::kNo), Repeat::kNotIfSent},
                     &outcome_unknown);
  if (!answer.ok()) return {answer.error(), outcome_unknown};
  auto created = DecodeScope(answer->body, answer->endpoint);
  if (!created.ok()) return {created.error(), true};
  return std::move(created.value());
}

base::Status HttpPortalApi::UpdateScope(const model::DesiredScope& scope) {
  MPCTL_RETURN_IF_ERROR(
      Send({"PUT", "/scopes?" + ScopeQuery(scope.name), EncodeScope(scope, Reactivate::kYes)}));
  return base::OkStatus();
}

base::Status HttpPortalApi::DeactivateScope(const std::string& name) {
  MPCTL_RETURN_IF_ERROR(Send({"DELETE", "/scopes?" + ScopeQuery(name)}));
  return base::OkStatus();
}

base::Result<std::vector<model::ScopeAccess>> HttpPortalApi::ListAccess(const std::string& scope) {
  auto answer = Send({"GET", "/scopes/access?" + ScopeQuery(scope) + "&inactive=true", "",
                      Repeat::kSafe, Nothing::kSaysNothingToList});
  if (!answer.ok()) return answer.error();
  if (answer->nothing) return std::vector<model::ScopeAccess>{};
  return DecodeAccessList(answer->body, answer->endpoint);
}

base::Status HttpPortalApi::GrantAccess(const std::string& scope,
                                        const std::string& consumer_orgno) {
  MPCTL_RETURN_IF_ERROR(CheckOrgno(consumer_orgno));
  MPCTL_RETURN_IF_ERROR(
      Send({"PUT", "/scopes/access/" + consumer_orgno + "?" + ScopeQuery(scope)}));
  return base::OkStatus();
}

base::Status HttpPortalApi::RevokeAccess(const std::string& scope,
                                         const std::string& consumer_orgno) {
  MPCTL_RETURN_IF_ERROR(CheckOrgno(consumer_orgno));
  MPCTL_RETURN_IF_ERROR(
      Send({"DELETE", "/scopes/access/" + consumer_orgno + "?" + ScopeQuery(scope)}));
  return base::OkStatus();
}

base::Result<std::vector<model::LiveScope>> HttpPortalApi::ListPublicScopes() {
  auto answer = Send({"GET", "/scopes/all", "", Repeat::kSafe, Nothing::kSaysNothingToList});
  if (!answer.ok()) return answer.error();
  if (answer->nothing) return std::vector<model::LiveScope>{};
  return DecodeScopes(answer->body, answer->endpoint);
}

base::Result<std::vector<model::ScopeAccess>> HttpPortalApi::ListAccessToUs() {
  auto answer = Send({"GET", "/scopes/access/all", "", Repeat::kSafe, Nothing::kSaysNothingToList});
  if (!answer.ok()) return answer.error();
  if (answer->nothing) return std::vector<model::ScopeAccess>{};
  return DecodeAccessList(answer->body, answer->endpoint);
}

}  // namespace mpctl::portal
