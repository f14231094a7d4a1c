#include "portal/connect.h"

#include "portal/curl_transport.h"
#include "portal/exchanger.h"
#include "portal/http_portal_api.h"
#include "portal/token_http_adapter.h"

namespace mpctl::portal {

base::Result<std::unique_ptr<PortalApi>> Connect(const model::Environment& environment,
                                                 const ConnectOptions& options) {
  auto invalid = [&](const std::string& what) {
    return base::MakeError(base::ErrorCode::kInvalidInput,
                           "environment '" + environment.name + "': " + what);
  };
  if (environment.api_url.empty()) return invalid("api_url is empty");
  if (environment.auth_server.empty()) return invalid("auth_server is empty");

  std::shared_ptr<HttpTransport> transport = options.transport;
  if (!transport) {
    CurlTransportOptions curl{options.ca_file, environment.connect_timeout_seconds * 1000,
                              environment.timeout_seconds * 1000, "", options.log};
    if (options.max_response_bytes > 0) curl.max_response_bytes = options.max_response_bytes;
    transport = std::make_shared<CurlTransport>(curl);
  }
  std::shared_ptr<Sleeper> sleeper = options.sleeper;
  if (!sleeper) sleeper = std::make_shared<RealSleeper>();
  auto exchanger = std::make_shared<const Exchanger>(transport, options.retry, sleeper, options.log,
                                                     options.notice, options.max_in_flight);

  static const base::DiskFileReader kDisk;
  const model::AdminCredentials& admin = environment.admin;
  auth::AdminAuthConfig config{admin.client_id,    environment.auth_server, admin.kid,
                               admin.key_file,     admin.key_env,           admin.certificate_file,
                               admin.password_env, admin.token_env};
  auth::AuthDeps deps{std::make_shared<TokenHttpAdapter>(exchanger),
                      options.clock ? options.clock : std::make_shared<base::SystemClock>(),
                      options.files != nullptr ? options.files : &kDisk,
                      options.env ? options.env : auth::ProcessEnv(), options.discovery};
  auto tokens = auth::MakeTokenSource(config, deps);
  if (!tokens.ok()) return tokens.error().WithContext("environment '" + environment.name + "'");
  return std::unique_ptr<PortalApi>(new HttpPortalApi(
      environment.api_url, exchanger, std::shared_ptr<auth::TokenSource>(std::move(tokens.value())),
      auth::AdminScopes(options.needs)));
}

}  // namespace mpctl::portal
