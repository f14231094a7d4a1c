#include "portal/live_state.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fakes/fake_portal_api.h"

namespace mpctl::portal {
namespace {

using ::testing::HasSubstr;

model::LiveClient Client(std::string id, std::string description) {
  model::LiveClient client;
  client.client_id = std::move(id);
  client.description = std::move(description);
  client.integration_type = "maskinporten";
  return client;
}

model::PublicKey Key(std::string kid) {
  model::PublicKey key;
  key.kid = std::move(kid);
  return key;
}

class LiveStateTest : public ::testing::Test {
 protected:
  LiveStateTest() {
    api_.AddClient(Client("c1", "Ours [mpctl:payments/sync]"), {Key("k1"), Key("k2")});
    api_.AddClient(Client("c2", "Ours, no keys [mpctl:payments/report]"));
    api_.AddClient(Client("c3", "Someone else's [mpctl:other/sync]"), {Key("x")});
    api_.AddClient(Client("c4", "Hand-made, pinned"), {Key("p")});
    api_.AddClient(Client("c5", "Hand-made"), {Key("h")});
    options_.organization = "310000108";
    options_.owner = "payments";
    options_.pinned_ids = {"c4"};
  }
  fakes::FakePortalApi api_;
  LiveReadOptions options_;
};

// A deleted (inactive) client is nobody's, also when it carries our tag or is pinned: it is
// not in the live state and its keys are not read. The fake lists clients as the HTTP
// implementation does (NormalizeClientList), in client_id order.
TEST_F(LiveStateTest, InactiveClientsAreLeftOutAndListIsSortedById) {
  fakes::FakePortalApi api;
  api.AddClient(Client("c9", "Ours [mpctl:payments/sync]"), {Key("k")});
  api.AddClient(Client("c0", "Ours, deleted [mpctl:payments/old]"), {Key("k")});
  api.AddClient(Client("c4", "Pinned, deleted"), {Key("p")});
  ASSERT_TRUE(api.DeleteClient("c0").ok());
  ASSERT_TRUE(api.DeleteClient("c4").ok());
  auto state = FetchLiveState(api, options_);
  ASSERT_TRUE(state.ok()) << state.error().message;
  ASSERT_EQ(state->clients.size(), 1u);
  EXPECT_EQ(state->clients[0].client_id, "c9");
  EXPECT_EQ(api.calls("GetKeys"), 1);
  api_.AddClient(Client("c0", "First by id"));
  auto listed = api_.ListClients();
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  std::vector<std::string> sorted;
  for (const auto& client : *listed) sorted.push_back(client.client_id);
  EXPECT_EQ(sorted, (std::vector<std::string>{"c0", "c1", "c2", "c3", "c4", "c5"}));
}

TEST_F(LiveStateTest, ReadsKeysOfManagedClientsOnly) {
  for (int parallelism : {1, 16}) {
    options_.parallelism = parallelism;
    fakes::FakePortalApi& api = api_;
    int before = api.calls("GetKeys");
    auto state = FetchLiveState(api, options_);
    ASSERT_TRUE(state.ok()) << state.error().message;
    EXPECT_EQ(api.calls("GetKeys") - before, 3);
    ASSERT_EQ(state->clients.size(), 5u);
    EXPECT_EQ(state->clients[0].keys->size(), 2u);
    EXPECT_TRUE(state->clients[1].keys.has_value());
    EXPECT_TRUE(state->clients[1].keys->empty());
    EXPECT_FALSE(state->clients[2].keys.has_value());
    EXPECT_EQ(state->clients[3].keys->size(), 1u);
    EXPECT_FALSE(state->clients[4].keys.has_value());
    EXPECT_EQ(state->organization, "310000108");
    EXPECT_FALSE(state->scopes_read);
  }
  EXPECT_EQ(api_.calls("ListClients"), 2);
  EXPECT_EQ(api_.calls("ListScopes"), 0);
  EXPECT_EQ(api_.writes(), 0);
}

TEST_F(LiveStateTest, ReadsScopeDataWhenAsked) {
  model::LiveScope owned;
  owned.name = "payments:invoices";
  api_.AddScope(owned);
  api_.AddAccess({"payments:invoices", "310000108", "912345602", model::AccessState::kApproved});
  model::LiveScope open;
  open.name = "other:open";
  api_.AddPublicScope(open);
  api_.AddAccessToUs({"other:closed", "912345602", "310000108", model::AccessState::kApproved});
  options_.read_scopes = true;
  auto state = FetchLiveState(api_, options_);
  ASSERT_TRUE(state.ok()) << state.error().message;
  EXPECT_TRUE(state->scopes_read);
  ASSERT_EQ(state->owned_scopes.size(), 1u);
  ASSERT_EQ(state->granted_access.size(), 1u);
  EXPECT_EQ(state->granted_access[0].consumer_orgno, "912345602");
  ASSERT_EQ(state->public_scopes.size(), 1u);
  ASSERT_EQ(state->access_to_us.size(), 1u);
  EXPECT_EQ(api_.calls("ListAccess"), 1);
}

TEST_F(LiveStateTest, AFailedKeyReadFailsTheWholeRead) {
  api_.FailNext("GetKeys", base::MakeError(base::ErrorCode::kUnavailable,
                                           "GET /api/v1/clients/c1/jwks: HTTP 503"));
  auto state = FetchLiveState(api_, options_);
  ASSERT_FALSE(state.ok());
  EXPECT_THAT(state.error().message, HasSubstr("HTTP 503"));
}

TEST(IsManagedTest, PinOrOwnTagOnly) {
  LiveReadOptions options;
  options.owner = "";
  options.pinned_ids = {"p"};
  EXPECT_TRUE(IsManaged(Client("x", "a [mpctl:sync]"), options));
  EXPECT_FALSE(IsManaged(Client("x", "a [mpctl:team/sync]"), options));
  EXPECT_TRUE(IsManaged(Client("p", "hand-made"), options));
  EXPECT_FALSE(IsManaged(Client("q", "hand-made"), options));
}

TEST_F(LiveStateTest, AnAdminTokenOfAnotherOrganisationIsRefusedNamingBoth) {
  api_.acting_organization = "974761076";
  auto live = FetchLiveState(api_, options_);
  ASSERT_FALSE(live.ok());
  EXPECT_EQ(live.error().code, base::ErrorCode::kDenied);
  EXPECT_EQ(live.error().message,
            "the admin client acts for organisation '974761076' (the 'consumer' claim of its "
            "token), but the manifest says organization '310000108'; fix organization, or use an "
            "admin client of '310000108'");
}

TEST_F(LiveStateTest, ATokenThatDoesNotSayIsToldToTheLogAndRead) {
  std::vector<std::string> log;
  options_.log = [&](std::string_view line) { log.emplace_back(line); };
  ASSERT_TRUE(FetchLiveState(api_, options_).ok());
  ASSERT_EQ(log.size(), 1u);
  EXPECT_THAT(log[0], HasSubstr("does not say which organisation it acts for"));
  api_.acting_organization = "310000108";
  log.clear();
  ASSERT_TRUE(FetchLiveState(api_, options_).ok());
  EXPECT_TRUE(log.empty());
}

}  // namespace
}  // namespace mpctl::portal
