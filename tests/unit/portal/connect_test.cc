#include "portal/connect.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "base/strings.h"
#include "fakes/fake_http_transport.h"
#include "portal/live_state.h"
#include "support/test_keys.h"

namespace mpctl::portal {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using fakes::Response;

constexpr char kToken[] = "SENTINEL-ACCESS-TOKEN-4f1c";

class ConnectTest : public ::testing::Test {
 protected:
  ConnectTest() {
    key_pem_ = testing::GenerateRsaPem();
    env_["ADMIN_KEY"] = key_pem_;
    environment_.name = "test";
    environment_.organization = "310000108";
    environment_.api_url = "https://api.test.example/api/v1";
    environment_.auth_server = "https://auth.test.example/";
    environment_.admin.client_id = "admin-client";
    environment_.admin.kid = "admin-kid";
    environment_.admin.key_env = "ADMIN_KEY";
    transport_->Set("GET", "/.well-known/oauth-authorization-server",
                    Response(200, R"({"issuer":"https://auth.test.example/",)"
                                  R"("token_endpoint":"https://auth.test.example/token"})"));
    transport_->Set("POST", "/token",
                    Response(200, std::string(R"({"access_token":")") + kToken +
                                      R"(","token_type":"Bearer","expires_in":120})"));
  }
  ConnectOptions Options() {
    ConnectOptions options;
    options.transport = transport_;
    options.sleeper = std::make_shared<fakes::FakeSleeper>();
    options.clock = std::make_shared<base::FixedClock>(1'790'000'000);
    options.env = [this](const std::string& name) -> std::optional<base::Secret> {
      auto it = env_.find(name);
      if (it == env_.end()) return std::nullopt;
      return base::Secret(it->second);
    };
    options.log = [this](std::string_view line) { log_.emplace_back(line); };
    return options;
  }
  // Every string that must never be shown: the token, the grant, the key's base64 body.
  std::vector<std::string> Secrets() {
    std::vector<std::string> secrets = {kToken};
    for (const auto& request : transport_->requests()) {
      std::string body(request.body.Reveal());
      if (auto at = body.find("assertion="); at != std::string::npos) {
        secrets.push_back(body.substr(at + 10, 40));
        secrets.push_back(body.substr(body.size() - 40));
      }
    }
    for (const auto& line : base::Split(key_pem_, '\n')) {
      if (line.size() > 40 && !base::StartsWith(line, "-----")) secrets.push_back(line);
    }
    return secrets;
  }

  std::string key_pem_;
  std::map<std::string, std::string> env_;
  model::Environment environment_;
  std::shared_ptr<fakes::FakeHttpTransport> transport_ = std::make_shared<fakes::FakeHttpTransport>();
  std::vector<std::string> log_;
};

TEST_F(ConnectTest, MissingCredentialFailsBeforeAnyRequest) {
  env_.clear();
  auto api = Connect(environment_, Options());
  ASSERT_FALSE(api.ok());
  EXPECT_EQ(api.error().message,
            "environment 'test': environment variable 'ADMIN_KEY' (key_env) is not set");
  EXPECT_TRUE(transport_->requests().empty());
}

TEST_F(ConnectTest, ReadingAsksForReadScopesOnlyAndLogsWithoutSecrets) {
  transport_->Set("GET", "/api/v1/clients", Response(200, R"([{"client_id":"c1","description":"x [mpctl:a]"}])"));
  transport_->Set("GET", "/api/v1/clients/c1/jwks", Response(404));
  transport_->Set("GET", "/api/v1/scopes?inactive=true", Response(200, "[]"));
  transport_->Set("GET", "/api/v1/scopes/all", Response(200, "[]"));
  transport_->Set("GET", "/api/v1/scopes/access/all", Response(200, "[]"));
  ConnectOptions options = Options();
  options.needs.read_scopes = true;
  auto api = Connect(environment_, options);
  ASSERT_TRUE(api.ok()) << api.error().message;
  LiveReadOptions read;
  read.read_scopes = true;
  auto state = FetchLiveState(**api, read);
  ASSERT_TRUE(state.ok()) << state.error().message;
  EXPECT_EQ(transport_->Count("POST", "/token"), 1);
  EXPECT_EQ(transport_->Count("GET", "/.well-known/oauth-authorization-server"), 1);

  // The grant asked for exactly the read scopes.
  std::string body;
  for (const auto& request : transport_->requests()) {
    if (request.method == "POST") body = std::string(request.body.Reveal());
  }
  auto jwt = base::Split(body.substr(body.find("assertion=") + 10), '.');
  ASSERT_EQ(jwt.size(), 3u);
  EXPECT_THAT(*base::Base64Decode(jwt[1]),
              HasSubstr(R"("scope":"idporten:dcr.read idporten:scopes.read")"));

  const std::regex line_shape(R"(^(GET|POST) /[^ ]* -> \d{3} \(\d+ ms, attempt \d+\)$)");
  ASSERT_EQ(log_.size(), transport_->requests().size());
  for (const auto& line : log_) {
    EXPECT_TRUE(std::regex_match(line, line_shape)) << line;
    for (const auto& secret : Secrets()) EXPECT_THAT(line, Not(HasSubstr(secret)));
  }
  EXPECT_THAT(log_, ::testing::Contains("GET /api/v1/clients -> 200 (0 ms, attempt 1)"));
}

TEST_F(ConnectTest, ErrorsNeverHoldTheTokenOrGrant) {
  transport_->Set("GET", "/api/v1/clients",
                  Response(401, std::string("{\"error\":\"bad token\"}")));
  transport_->Set("POST", "/token", Response(400, R"({"error":"invalid_grant","error_description":"Invalid assertion"})"));
  auto api = Connect(environment_, Options());
  ASSERT_TRUE(api.ok());
  auto clients = (*api)->ListClients();
  ASSERT_FALSE(clients.ok());
  for (const auto& secret : Secrets()) EXPECT_THAT(clients.error().message, Not(HasSubstr(secret)));
  EXPECT_THAT(clients.error().message, HasSubstr("getting an admin token"));
}

TEST_F(ConnectTest, NonLoopbackHttpApiIsRefusedWithoutAnyConnection) {
  environment_.api_url = "http://api.test.example/api/v1";
  environment_.auth_server = "http://auth.test.example/";
  ConnectOptions options = Options();
  options.transport = nullptr;  // the real CurlTransport
  auto api = Connect(environment_, options);
  ASSERT_TRUE(api.ok());
  auto clients = (*api)->ListClients();
  ASSERT_FALSE(clients.ok());
  EXPECT_THAT(clients.error().message, HasSubstr("refusing plain http:// to 'auth.test.example'"));
  ASSERT_EQ(log_.size(), 1u);
  EXPECT_EQ(log_[0], "GET /.well-known/oauth-authorization-server -> refused (0 ms, attempt 1)");
}

}  // namespace
}  // namespace mpctl::portal
