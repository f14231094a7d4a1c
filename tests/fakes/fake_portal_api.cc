#include "fakes/fake_portal_api.h"

namespace mpctl::fakes {

namespace {

base::Error NotFound(const std::string& what) {
  return base::MakeError(base::ErrorCode::kNotFound, "fake portal: no " + what);
}

}  // namespace

FakePortalApi::FakePortalApi(std::string organization) : organization_(std::move(organization)) {}

void FakePortalApi::AddClient(model::LiveClient client, std::vector<model::PublicKey> keys) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!keys.empty()) keys_[client.client_id] = std::move(keys);
  client.keys.reset();
  clients_.push_back(std::move(client));
}

void FakePortalApi::AddScope(model::LiveScope scope) {
  std::lock_guard<std::mutex> lock(mutex_);
  scopes_.push_back(std::move(scope));
}

void FakePortalApi::AddAccess(model::ScopeAccess access) {
  std::lock_guard<std::mutex> lock(mutex_);
  access_.push_back(std::move(access));
}

void FakePortalApi::AddPublicScope(model::LiveScope scope) {
  std::lock_guard<std::mutex> lock(mutex_);
  public_scopes_.push_back(std::move(scope));
}

void FakePortalApi::AddAccessToUs(model::ScopeAccess access) {
  std::lock_guard<std::mutex> lock(mutex_);
  access_to_us_.push_back(std::move(access));
}

void FakePortalApi::FailNext(const std::string& operation, base::Error error, bool outcome_unknown,
                             bool applied, int after_calls) {
  std::lock_guard<std::mutex> lock(mutex_);
  failures_[operation] = Failure{std::move(error), outcome_unknown, applied, after_calls};
}

void FakePortalApi::CreateAlsoMakes(model::LiveClient other, bool before) {
  std::lock_guard<std::mutex> lock(mutex_);
  also_makes_.emplace(std::move(other), before);
}

int FakePortalApi::writes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return writes_;
}

int FakePortalApi::calls(const std::string& operation) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = calls_.find(operation);
  return it == calls_.end() ? 0 : it->second;
}

std::vector<model::LiveClient> FakePortalApi::clients() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return clients_;
}

std::vector<model::PublicKey> FakePortalApi::keys(const std::string& client_id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = keys_.find(client_id);
  return it == keys_.end() ? std::vector<model::PublicKey>{} : it->second;
}

std::vector<model::LiveScope> FakePortalApi::scopes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return scopes_;
}

std::vector<model::ScopeAccess> FakePortalApi::access() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return access_;
}

std::optional<FakePortalApi::Failure> FakePortalApi::Enter(const std::string& operation,
                                                           bool write) {
  ++calls_[operation];
  if (write) ++writes_;
  auto it = failures_.find(operation);
  if (it == failures_.end()) return std::nullopt;
  if (it->second.after_calls > 0) {
    --it->second.after_calls;
    return std::nullopt;
  }
  Failure failure = std::move(it->second);
  failures_.erase(it);
  return failure;
}

model::LiveClient* FakePortalApi::FindClient(const std::string& client_id) {
  for (auto& client : clients_) {
    if (client.client_id == client_id && client.active) return &client;
  }
  return nullptr;
}

model::LiveScope* FakePortalApi::FindScope(const std::string& name) {
  for (auto& scope : scopes_) {
    if (scope.name == name) return &scope;
  }
  return nullptr;
}

model::LiveClient FakePortalApi::MakeClient(const portal::ClientSpec& spec) {
  model::LiveClient client;
  client.created_ms = 1'000'000 + next_id_;  // made in order
  client.client_id = "fake-client-" + std::to_string(next_id_++);
  client.client_name = spec.client_name;
  client.description = spec.description;
  client.scopes = spec.scopes;
  client.integration_type = model::kMaskinporten;
  client.client_orgno = spec.client_orgno.empty() ? organization_ : spec.client_orgno;
  return client;
}

model::LiveScope FakePortalApi::MakeScope(const model::DesiredScope& desired) const {
  model::LiveScope scope;
  scope.name = desired.prefix + ":" + desired.subscope;
  scope.prefix = desired.prefix;
  scope.subscope = desired.subscope;
  scope.description = desired.description;
  scope.long_description = desired.long_description;
  scope.visibility = model::ToApiString(desired.visibility);
  scope.allowed_integration_types = desired.allowed_integration_types;
  scope.at_max_age = desired.token_lifetime_seconds.value_or(0);
  scope.accessible_for_all = desired.accessible_for_all;
  scope.owner_orgno = organization_;
  return scope;
}

void FakePortalApi::SetAccess(const std::string& scope, const std::string& orgno,
                              model::AccessState state) {
  for (auto& entry : access_) {
    if (entry.scope == scope && entry.consumer_orgno == orgno) {
      entry.state = state;
      return;
    }
  }
  access_.push_back(model::ScopeAccess{scope, organization_, orgno, state});
}

base::Result<std::vector<model::LiveClient>> FakePortalApi::ListClients() {
  if (before_list_clients) before_list_clients();
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto failure = Enter("ListClients", false)) return failure->error;
  // As the HTTP implementation: active clients only, sorted by client_id.
  std::vector<model::LiveClient> out = clients_;
  portal::NormalizeClientList(out);
  return out;
}

base::Result<model::LiveClient> FakePortalApi::GetClient(const std::string& client_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto failure = Enter("GetClient", false)) return failure->error;
  model::LiveClient* client = FindClient(client_id);
  if (client == nullptr) return NotFound("client '" + client_id + "'");
  return *client;
}

portal::CreateResult<model::LiveClient> FakePortalApi::CreateClient(
    const portal::ClientSpec& spec) {
  if (before_create_client) before_create_client(spec);
  std::lock_guard<std::mutex> lock(mutex_);
  if (also_makes_ && also_makes_->second) clients_.push_back(also_makes_->first);
  struct AfterOwn {
    FakePortalApi* api;
    ~AfterOwn() {
      if (api->also_makes_ && !api->also_makes_->second) {
        api->clients_.push_back(api->also_makes_->first);
      }
      api->also_makes_.reset();
    }
  } after_own{this};
  if (auto failure = Enter("CreateClient", true)) {
    if (failure->applied) clients_.push_back(MakeClient(spec));
    return {failure->error, failure->outcome_unknown};
  }
  clients_.push_back(MakeClient(spec));
  model::LiveClient made = clients_.back();
  return made;
}

base::Status FakePortalApi::UpdateClient(const std::string& client_id,
                                         const portal::ClientSpec& spec) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto failure = Enter("UpdateClient", true)) return failure->error;
  model::LiveClient* client = FindClient(client_id);
  if (client == nullptr) return NotFound("client '" + client_id + "'");
  client->client_name = spec.client_name;
  client->description = spec.description;
  client->scopes = spec.scopes;
  return base::OkStatus();
}

base::Status FakePortalApi::DeleteClient(const std::string& client_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto failure = Enter("DeleteClient", true)) return failure->error;
  model::LiveClient* client = FindClient(client_id);
  if (client == nullptr) return NotFound("client '" + client_id + "'");
  client->active = false;
  return base::OkStatus();
}

base::Result<std::vector<model::PublicKey>> FakePortalApi::GetKeys(const std::string& client_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto failure = Enter("GetKeys", false)) return failure->error;
  if (FindClient(client_id) == nullptr) return NotFound("client '" + client_id + "'");
  auto it = keys_.find(client_id);
  return it == keys_.end() ? std::vector<model::PublicKey>{} : it->second;
}

base::Status FakePortalApi::ReplaceKeys(const std::string& client_id,
                                        const std::vector<model::PublicKey>& keys) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto failure = Enter("ReplaceKeys", true)) return failure->error;
  if (FindClient(client_id) == nullptr) return NotFound("client '" + client_id + "'");
  if (keys.empty()) {
    return base::MakeError(base::ErrorCode::kInvalidInput, "fake portal: empty key set");
  }
  keys_[client_id] = keys;
  return base::OkStatus();
}

base::Status FakePortalApi::DeleteKeys(const std::string& client_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto failure = Enter("DeleteKeys", true)) return failure->error;
  if (FindClient(client_id) == nullptr) return NotFound("client '" + client_id + "'");
  keys_.erase(client_id);
  return base::OkStatus();
}

base::Result<std::vector<model::LiveScope>> FakePortalApi::ListScopes() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto failure = Enter("ListScopes", false)) return failure->error;
  return scopes_;
}

base::Result<model::LiveScope> FakePortalApi::GetScope(const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto failure = Enter("GetScope", false)) return failure->error;
  model::LiveScope* scope = FindScope(name);
  if (scope == nullptr) return NotFound("scope '" + name + "'");
  return *scope;
}

portal::CreateResult<model::LiveScope> FakePortalApi::CreateScope(
    const model::DesiredScope& desired) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto failure = Enter("CreateScope", true)) {
    if (failure->applied) scopes_.push_back(MakeScope(desired));
    return {failure->error, failure->outcome_unknown};
  }
  model::LiveScope scope = MakeScope(desired);
  if (FindScope(scope.name) != nullptr) {
    return base::MakeError(base::ErrorCode::kConflict,
                           "fake portal: scope '" + scope.name + "' exists");
  }
  scopes_.push_back(scope);
  return scope;
}

base::Status FakePortalApi::UpdateScope(const model::DesiredScope& desired) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto failure = Enter("UpdateScope", true)) return failure->error;
  model::LiveScope* scope = FindScope(desired.name);
  if (scope == nullptr) return NotFound("scope '" + desired.name + "'");
  *scope = MakeScope(desired);
  return base::OkStatus();
}

base::Status FakePortalApi::DeactivateScope(const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto failure = Enter("DeactivateScope", true)) return failure->error;
  model::LiveScope* scope = FindScope(name);
  if (scope == nullptr) return NotFound("scope '" + name + "'");
  scope->active = false;
  return base::OkStatus();
}

base::Result<std::vector<model::ScopeAccess>> FakePortalApi::ListAccess(const std::string& scope) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto failure = Enter("ListAccess", false)) return failure->error;
  std::vector<model::ScopeAccess> out;
  for (const auto& entry : access_) {
    if (entry.scope == scope) out.push_back(entry);
  }
  return out;
}

base::Status FakePortalApi::GrantAccess(const std::string& scope,
                                        const std::string& consumer_orgno) {
  MPCTL_RETURN_IF_ERROR(portal::CheckOrgno(consumer_orgno));
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto failure = Enter("GrantAccess", true)) return failure->error;
  SetAccess(scope, consumer_orgno, model::AccessState::kApproved);
  return base::OkStatus();
}

base::Status FakePortalApi::RevokeAccess(const std::string& scope,
                                         const std::string& consumer_orgno) {
  MPCTL_RETURN_IF_ERROR(portal::CheckOrgno(consumer_orgno));
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto failure = Enter("RevokeAccess", true)) return failure->error;
  SetAccess(scope, consumer_orgno, model::AccessState::kDenied);
  return base::OkStatus();
}

base::Result<std::vector<model::LiveScope>> FakePortalApi::ListPublicScopes() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto failure = Enter("ListPublicScopes", false)) return failure->error;
  return public_scopes_;
}

base::Result<std::vector<model::ScopeAccess>> FakePortalApi::ListAccessToUs() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto failure = Enter("ListAccessToUs", false)) return failure->error;
  return access_to_us_;
}

}  // namespace mpctl::fakes
