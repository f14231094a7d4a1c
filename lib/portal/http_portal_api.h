#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/token_source.h"
#include "portal/exchanger.h"
#include "portal/portal_api.h"

namespace mpctl::portal {

/// PortalApi over HTTP: every call sends a bearer token for `token_scopes` (least
/// privilege: the caller decides which), goes through the Exchanger (retries, logging), and
/// accepts any 2xx whatever the status profile (200, 201, 204, empty bodies on DELETE).
class HttpPortalApi final : public PortalApi {
 public:
  /// `api_url` is the base including the path prefix, e.g.
  /// https://api.test.samarbeid.digdir.no/api/v1.
  HttpPortalApi(std::string api_url, std::shared_ptr<const Exchanger> exchanger,
                std::shared_ptr<auth::TokenSource> tokens, std::vector<std::string> token_scopes);

  base::Result<std::optional<std::string>> ActingOrganization() override;
  base::Result<std::vector<model::LiveClient>> ListClients() override;
  base::Result<model::LiveClient> GetClient(const std::string& client_id) override;
  CreateResult<model::LiveClient> CreateClient(const ClientSpec& spec) override;
  base::Status UpdateClient(const std::string& client_id, const ClientSpec& spec) override;
  base::Status DeleteClient(const std::string& client_id) override;

  base::Result<std::vector<model::PublicKey>> GetKeys(const std::string& client_id) override;
  base::Status ReplaceKeys(const std::string& client_id,
                           const std::vector<model::PublicKey>& keys) override;
  base::Status DeleteKeys(const std::string& client_id) override;

  base::Result<std::vector<model::LiveScope>> ListScopes() override;
  base::Result<model::LiveScope> GetScope(const std::string& name) override;
  CreateResult<model::LiveScope> CreateScope(const model::DesiredScope& scope) override;
  base::Status UpdateScope(const model::DesiredScope& scope) override;
  base::Status DeactivateScope(const std::string& name) override;

  base::Result<std::vector<model::ScopeAccess>> ListAccess(const std::string& scope) override;
  base::Status GrantAccess(const std::string& scope, const std::string& consumer_orgno) override;
  base::Status RevokeAccess(const std::string& scope, const std::string& consumer_orgno) override;

  base::Result<std::vector<model::LiveScope>> ListPublicScopes() override;
  base::Result<std::vector<model::ScopeAccess>> ListAccessToUs() override;

 private:
  // Which error answers mean "nothing there" for a read.
  enum class Nothing { kNever, kSaysNothingToList, kAlso404 };
  struct Call {
    Call(std::string m, std::string p, std::string b = "", Repeat r = Repeat::kSafe,
         Nothing n = Nothing::kNever)
        : method(std::move(m)),
          path_and_query(std::move(p)),
          body(std::move(b)),
          repeat(r),
          nothing(n) {}
    std::string method;
    std::string path_and_query;  // after api_url, starting with '/'
    std::string body;
    Repeat repeat = Repeat::kSafe;
    Nothing nothing = Nothing::kNever;
  };
  struct Answer {
    std::string endpoint;  // "GET /api/v1/clients", for decoding errors
    std::string body;
    bool nothing = false;  // the API said there is nothing (body is then meaningless)
  };
  // The 2xx answer, or the error; `outcome_unknown` is set for failed creates.
  base::Result<Answer> Send(const Call& call, bool* outcome_unknown = nullptr);
  base::Result<std::string> ClientPath(const std::string& client_id) const;

  std::string api_url_;
  std::shared_ptr<const Exchanger> exchanger_;
  std::shared_ptr<auth::TokenSource> tokens_;
  std::vector<std::string> token_scopes_;
};

}  // namespace mpctl::portal
