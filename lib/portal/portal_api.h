#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "model/client.h"
#include "model/key.h"
#include "model/scope.h"

namespace mpctl::portal {

/// The fields mpctl sets on a Maskinporten client. Every create and update sends these plus
/// the fixed Maskinporten set (integration_type maskinporten, application_type web,
/// token_endpoint_auth_method private_key_jwt, grant_types [jwt-bearer]).
struct ClientSpec {
  std::string client_name;
  std::string description;  // with the ownership tag
  std::vector<std::string> scopes;
  std::string client_orgno;  // 9 digits
};

/// A Result for requests that create something (POST). When it fails with
/// outcome_unknown(), the server may or may not have made the resource: look it up (by
/// ownership tag or name) before trying again.
template <typename T>
class [[nodiscard]] CreateResult : public base::Result<T> {
 public:
  CreateResult(T value) : base::Result<T>(std::move(value)) {}   // NOLINT: implicit by design
  CreateResult(base::Error error, bool outcome_unknown = false)  // NOLINT: implicit by design
      : base::Result<T>(std::move(error)), outcome_unknown_(outcome_unknown) {}
  bool outcome_unknown() const { return outcome_unknown_; }

 private:
  bool outcome_unknown_ = false;
};

/// Every self-service API operation mpctl uses (portal-api.md §3–§5), typed. Errors name
/// the method, path, status, correlation_id and the API's message. Implementations are safe
/// to call from several threads at once.
class PortalApi {
 public:
  virtual ~PortalApi() = default;

  /// The organisation the admin credentials act for, as their token says (its `consumer`
  /// claim); nullopt when the token does not say (an opaque token_env token, a fake). Gets
  /// the token the reads use, so it costs no extra token request.
  virtual base::Result<std::optional<std::string>> ActingOrganization() {
    return std::optional<std::string>();
  }

  /// GET /clients: the organisation's active clients, sorted by client_id
  /// (NormalizeClientList: every implementation returns the list so, and callers trust it).
  /// `keys` is set only when the list itself carried a client's key set.
  virtual base::Result<std::vector<model::LiveClient>> ListClients() = 0;
  /// GET /clients/{id}; kNotFound when there is no such client.
  virtual base::Result<model::LiveClient> GetClient(const std::string& client_id) = 0;
  /// POST /clients; the created client (its client_id is the server's).
  virtual CreateResult<model::LiveClient> CreateClient(const ClientSpec& spec) = 0;
  /// PUT /clients/{id} with the full Maskinporten field set.
  virtual base::Status UpdateClient(const std::string& client_id, const ClientSpec& spec) = 0;
  /// DELETE /clients/{id} (the portal deactivates it).
  virtual base::Status DeleteClient(const std::string& client_id) = 0;

  /// GET /clients/{id}/jwks; an empty vector when the client has no keys (404, [] or
  /// "does not have any").
  virtual base::Result<std::vector<model::PublicKey>> GetKeys(const std::string& client_id) = 0;
  /// POST /clients/{id}/jwks: replaces the whole set (1–5 keys, each sent with use "sig").
  /// An empty set is refused here (kInvalidInput): use DeleteKeys.
  virtual base::Status ReplaceKeys(const std::string& client_id,
                                   const std::vector<model::PublicKey>& keys) = 0;
  /// DELETE /clients/{id}/jwks: removes every key.
  virtual base::Status DeleteKeys(const std::string& client_id) = 0;

  /// GET /scopes?inactive=true: scopes the organisation owns, inactive ones included.
  virtual base::Result<std::vector<model::LiveScope>> ListScopes() = 0;
  /// GET /scopes/scope?scope=NAME&inactive=true; kNotFound when there is none.
  virtual base::Result<model::LiveScope> GetScope(const std::string& name) = 0;
  /// POST /scopes.
  virtual CreateResult<model::LiveScope> CreateScope(const model::DesiredScope& scope) = 0;
  /// PUT /scopes?scope=NAME with the full scope; also reactivates an inactive scope.
  virtual base::Status UpdateScope(const model::DesiredScope& scope) = 0;
  /// DELETE /scopes?scope=NAME (the portal deactivates it).
  virtual base::Status DeactivateScope(const std::string& name) = 0;

  /// GET /scopes/access?scope=NAME: access this organisation granted on its scope.
  virtual base::Result<std::vector<model::ScopeAccess>> ListAccess(const std::string& scope) = 0;
  /// PUT /scopes/access/{orgno}?scope=NAME. kInvalidInput, before any request, when
  /// `consumer_orgno` is not 9 digits.
  virtual base::Status GrantAccess(const std::string& scope, const std::string& consumer_orgno) = 0;
  /// DELETE /scopes/access/{orgno}?scope=NAME; same orgno check.
  virtual base::Status RevokeAccess(const std::string& scope,
                                    const std::string& consumer_orgno) = 0;

  /// GET /scopes/all: public scopes of every organisation.
  virtual base::Result<std::vector<model::LiveScope>> ListPublicScopes() = 0;
  /// GET /scopes/access/all: access granted to this organisation as a consumer.
  virtual base::Result<std::vector<model::ScopeAccess>> ListAccessToUs() = 0;
};

/// Normalises a client list where it enters, once, so nothing downstream re-checks it: drops
/// inactive clients (a deleted client is gone for the portal, so it is nobody's: never claimed,
/// listed or written) and sorts by client_id (plans, claims and messages do not depend on the
/// API's list order). Scopes are not normalised: an inactive owned scope is reactivated.
void NormalizeClientList(std::vector<model::LiveClient>& clients);

/// Ok when `orgno` is exactly 9 digits, else kInvalidInput "'x' is not a 9-digit orgno".
base::Status CheckOrgno(const std::string& orgno);

}  // namespace mpctl::portal
