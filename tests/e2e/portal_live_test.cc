#include <gmock/gmock.h>

#include <regex>

#include "base/strings.h"
#include "portal_e2e.h"

namespace mpctl::portal {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct Profile {
  std::string status_profile;
  std::string no_keys;
};

class PortalLiveProfileTest : public PortalE2eTest, public ::testing::WithParamInterface<Profile> {};

TEST_P(PortalLiveProfileTest, ReadsManagedClientsWithAndWithoutKeys) {
  Start({"--status-profile", GetParam().status_profile, "--no-keys", GetParam().no_keys});
  auto api = Connect(Environment(emu_->base_url()), Options());
  ASSERT_TRUE(api.ok()) << api.error().message;
  auto state = FetchLiveState(**api, ReadOptions());
  ASSERT_TRUE(state.ok()) << state.error().message;
  ExpectSeededState(*state);

  // One list, the key sets of the three managed clients, nothing of the unmanaged two.
  testing::EmulatorStats stats = emu_->Stats();
  EXPECT_EQ(stats.Requests("GET /api/v1/clients"), 1);
  EXPECT_EQ(stats.Requests("GET /api/v1/clients/{id}/jwks"), 3);
  EXPECT_EQ(stats.Requests("GET /api/v1/clients/{id}"), 0);
  EXPECT_EQ(stats.tokens_issued, 1);
  EXPECT_EQ(stats.writes, 0);
}

INSTANTIATE_TEST_SUITE_P(StatusProfiles, PortalLiveProfileTest,
                         ::testing::Values(Profile{"spec", "404"}, Profile{"spec", "empty"},
                                           Profile{"observed", "404"},
                                           Profile{"observed", "empty"}),
                         [](const auto& info) {
                           return info.param.status_profile + "_" + info.param.no_keys;
                         });

TEST_F(PortalE2eTest, ReadsCorrectlyDespiteFaults) {
  Start({"--fault-rate", "0.3", "--fault-seed", "11", "--fault-token"});
  auto api = Connect(Environment(emu_->base_url()), Options());
  ASSERT_TRUE(api.ok()) << api.error().message;
  for (int round = 0; round < 3; ++round) {
    auto state = FetchLiveState(**api, ReadOptions());
    ASSERT_TRUE(state.ok()) << state.error().message;
    ExpectSeededState(*state);
  }
  EXPECT_GT(emu_->Stats().faults_total, 0);
  EXPECT_EQ(emu_->Stats().writes, 0);
}

TEST_F(PortalE2eTest, ReadsScopeDataWithTheReadScopesOnly) {
  Start({"--empty-list-errors"});
  ConnectOptions options = Options();
  options.needs.read_scopes = true;
  auto api = Connect(Environment(emu_->base_url()), options);
  ASSERT_TRUE(api.ok());
  LiveReadOptions read = ReadOptions();
  read.read_scopes = true;
  auto state = FetchLiveState(**api, read);
  ASSERT_TRUE(state.ok()) << state.error().message;
  EXPECT_TRUE(state->owned_scopes.empty());  // "does not have any" in this mode
  bool demo_public = false;
  for (const auto& scope : state->public_scopes) demo_public |= scope.name == "skatt:demo/read";
  EXPECT_TRUE(demo_public);
  bool demo_access = false;
  for (const auto& access : state->access_to_us) {
    demo_access |= access.scope == "skatt:demo/read" && access.state == model::AccessState::kApproved;
  }
  EXPECT_TRUE(demo_access);
}

TEST_F(PortalE2eTest, VerboseLogHasOneLinePerRequestAndNoSecret) {
  Start({"--fault-rate", "0.2", "--fault-seed", "5"});
  auto recorder = std::make_shared<RecordingTransport>(std::make_shared<CurlTransport>(CurlTransportOptions{}));
  ConnectOptions options = Options();
  options.transport = recorder;
  auto api = Connect(Environment(emu_->base_url()), options);
  ASSERT_TRUE(api.ok());
  ASSERT_TRUE(FetchLiveState(**api, ReadOptions()).ok());
  auto missing = (*api)->GetClient("no-such-client");
  ASSERT_FALSE(missing.ok());

  // Secrets that crossed the wire: the grant (request body of /token), the access token
  // (its response), and the admin key's base64 body.
  std::vector<std::string> secrets;
  for (const auto& body : recorder->sent()) {
    if (auto at = body.find("assertion="); at != std::string::npos) {
      std::string grant = body.substr(at + 10);
      for (const auto& part : base::Split(grant, '.')) secrets.push_back(part.substr(0, 40));
    }
  }
  for (const auto& body : recorder->received()) {
    if (auto at = body.find("\"access_token\":\""); at != std::string::npos) {
      secrets.push_back(body.substr(at + 16, 40));
    }
  }
  base::Secret pem = admin_->key().ToPem();
  for (const auto& line : base::Split(pem.Reveal(), '\n')) {
    if (line.size() > 20 && !base::StartsWith(line, "-----")) secrets.push_back(line);
  }
  ASSERT_GE(secrets.size(), 5u);

  std::vector<std::string> log = Log();
  ASSERT_EQ(log.size(), recorder->sent().size());
  const std::regex shape(R"(^(GET|POST) /[^ ]* -> (\d{3}|connection dropped) \(\d+ ms, attempt \d\)$)");
  for (const auto& line : log) {
    EXPECT_TRUE(std::regex_match(line, shape)) << line;
    for (const auto& secret : secrets) EXPECT_THAT(line, Not(HasSubstr(secret)));
  }
  for (const auto& secret : secrets) EXPECT_THAT(missing.error().message, Not(HasSubstr(secret)));
  EXPECT_THAT(missing.error().message, HasSubstr("GET /api/v1/clients/no-such-client: HTTP 404"));
}

TEST_F(PortalE2eTest, PlainHttpToANonLoopbackAddressIsRefusedBeforeConnecting) {
  Start({});
  // 0.0.0.0 reaches this machine's listeners, so a connection would show in the stats.
  std::string url = "http://0.0.0.0:" + std::to_string(emu_->port());
  auto api = Connect(Environment(url), Options());
  ASSERT_TRUE(api.ok());
  auto clients = (*api)->ListClients();
  ASSERT_FALSE(clients.ok());
  EXPECT_THAT(clients.error().message,
              HasSubstr("refusing plain http:// to '0.0.0.0': tokens would travel unencrypted"));
  testing::EmulatorStats stats = emu_->Stats();
  EXPECT_EQ(stats.Requests("GET /.well-known/oauth-authorization-server"), 0);
  EXPECT_EQ(stats.Requests("GET /api/v1/clients"), 0);
}

}  // namespace
}  // namespace mpctl::portal
