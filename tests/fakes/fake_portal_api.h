#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "portal/portal_api.h"

namespace mpctl::fakes {

/// An in-memory portal for one organisation. Counts reads and writes per operation, can fail
/// the next call of an operation, and is thread-safe. Created clients get ids
/// "fake-client-1", "fake-client-2", ...; deleted clients become inactive and leave lists.
class FakePortalApi final : public portal::PortalApi {
 public:
  explicit FakePortalApi(std::string organization = "310000108");

  // Seeding (not counted).
  void AddClient(model::LiveClient client, std::vector<model::PublicKey> keys = {});
  void AddScope(model::LiveScope scope);
  void AddAccess(model::ScopeAccess access);      // granted by us on an owned scope
  void AddPublicScope(model::LiveScope scope);    // /scopes/all
  void AddAccessToUs(model::ScopeAccess access);  // /scopes/access/all

  /// The next call of `operation` (a method name, e.g. "CreateClient") fails with `error`;
  /// for CreateClient/CreateScope, `outcome_unknown` is reported and, when `applied`, the
  /// resource is made anyway (as when a response is lost).
  /// `after_calls`: that many calls of `operation` succeed first.
  void FailNext(const std::string& operation, base::Error error, bool outcome_unknown = false,
                bool applied = false, int after_calls = 0);
  /// A concurrent apply: the next CreateClient also makes `other` (with `created_ms` as
  /// given: below a made client's to be older), just before (`before`) or after the call's own.
  void CreateAlsoMakes(model::LiveClient other, bool before);

  /// Called at the start of every CreateClient, outside the fake's lock (so it may wait for
  /// other calls to happen); e.g. to hold one create while others go on.
  std::function<void(const portal::ClientSpec&)> before_create_client;
  /// Called at the start of every ListClients, outside the fake's lock (e.g. to hold a list).
  std::function<void()> before_list_clients;

  /// Counted calls: total writes, and calls per operation name.
  int writes() const;
  int calls(const std::string& operation) const;

  /// Current state (active and inactive clients; keys per client id).
  std::vector<model::LiveClient> clients() const;
  std::vector<model::PublicKey> keys(const std::string& client_id) const;
  std::vector<model::LiveScope> scopes() const;
  std::vector<model::ScopeAccess> access() const;

  /// What ActingOrganization() answers (nullopt: the token does not say).
  std::optional<std::string> acting_organization;
  base::Result<std::optional<std::string>> ActingOrganization() override {
    return acting_organization;
  }
  base::Result<std::vector<model::LiveClient>> ListClients() override;
  base::Result<model::LiveClient> GetClient(const std::string& client_id) override;
  portal::CreateResult<model::LiveClient> CreateClient(const portal::ClientSpec& spec) override;
  base::Status UpdateClient(const std::string& client_id, const portal::ClientSpec& spec) override;
  base::Status DeleteClient(const std::string& client_id) override;
  base::Result<std::vector<model::PublicKey>> GetKeys(const std::string& client_id) override;
  base::Status ReplaceKeys(const std::string& client_id,
                           const std::vector<model::PublicKey>& keys) override;
  base::Status DeleteKeys(const std::string& client_id) override;
  base::Result<std::vector<model::LiveScope>> ListScopes() override;
  base::Result<model::LiveScope> GetScope(const std::string& name) override;
  portal::CreateResult<model::LiveScope> CreateScope(const model::DesiredScope& scope) override;
  base::Status UpdateScope(const model::DesiredScope& scope) override;
  base::Status DeactivateScope(const std::string& name) override;
  base::Result<std::vector<model::ScopeAccess>> ListAccess(const std::string& scope) override;
  base::Status GrantAccess(const std::string& scope, const std::string& consumer_orgno) override;
  base::Status RevokeAccess(const std::string& scope, const std::string& consumer_orgno) override;
  base::Result<std::vector<model::LiveScope>> ListPublicScopes() override;
  base::Result<std::vector<model::ScopeAccess>> ListAccessToUs() override;

 private:
  struct Failure {
    base::Error error;
    bool outcome_unknown = false;
    bool applied = false;
    int after_calls = 0;
  };
  // Counts the call; returns the failure queued for it, if any. Caller holds mutex_.
  std::optional<Failure> Enter(const std::string& operation, bool write);
  model::LiveClient* FindClient(const std::string& client_id);
  model::LiveScope* FindScope(const std::string& name);
  model::LiveClient MakeClient(const portal::ClientSpec& spec);
  model::LiveScope MakeScope(const model::DesiredScope& scope) const;
  void SetAccess(const std::string& scope, const std::string& orgno, model::AccessState state);

  mutable std::mutex mutex_;
  std::string organization_;
  std::vector<model::LiveClient> clients_;
  std::map<std::string, std::vector<model::PublicKey>> keys_;
  std::vector<model::LiveScope> scopes_;
  std::vector<model::ScopeAccess> access_;
  std::vector<model::LiveScope> public_scopes_;
  std::vector<model::ScopeAccess> access_to_us_;
  std::map<std::string, Failure> failures_;
  std::optional<std::pair<model::LiveClient, bool>> also_makes_;
  std::map<std::string, int> calls_;
  int writes_ = 0;
  int next_id_ = 1;
};

}  // namespace mpctl::fakes
