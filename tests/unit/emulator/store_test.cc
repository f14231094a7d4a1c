#include "emulator/store.h"

#include <gtest/gtest.h>

namespace mpctl::emulator {
namespace {

State Populated() {
  State state;
  state.organisations["310000108"] = {"310000108", "Acme AS", {"acme"}};
  Jwk key;
  key.kid = "k1";
  key.n = "AQAB";
  key.e = "AQAB";
  key.exp = 1'800'000'000;
  key.created = 1'700'000'000'123;
  key.usable_from = 1'700'000'060'000;
  state.admin_clients["acme-admin"] = {"acme-admin", "310000108", {"idporten:dcr.read"}, {key}, 599};
  Client c;
  c.client_id = "c1";
  c.client_name = "name";
  c.client_orgno = "310000108";
  c.integration_type = "maskinporten";
  c.scopes = {"a:b"};
  c.active = false;
  c.sequence = 7;
  c.keys = {key};
  c.created = 1'700'000'000'001;
  state.clients["c1"] = std::make_shared<const Client>(c);
  Scope s;
  s.name = "acme:x/y";
  s.prefix = "acme";
  s.subscope = "x/y";
  s.owner_orgno = "310000108";
  s.accessible_for_all = true;
  state.scopes[s.name] = s;
  Access a;
  a.scope = s.name;
  a.consumer_orgno = "974761076";
  a.state = "DENIED";
  state.access[{a.scope, a.consumer_orgno}] = a;
  state.delegation_sources.push_back({"altinn", "https://tt02.altinn.no/"});
  state.next_sequence = 8;
  return state;
}

TEST(StoreTest, NotAStateFileIsRefused) {
  auto parsed = ParseState(R"({"clients":[]})", "state.json");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("state.json: not an emulator state file"),
            std::string::npos);
  EXPECT_FALSE(ParseState("{", "state.json").ok());
}

TEST(StoreTest, RoundTripKeepsEverything) {
  State state = Populated();
  base::Secret pem("-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n");
  std::string json = SerializeState(state, pem);
  auto parsed = ParseState(json, "state.json");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->signing_key_pem.Reveal(), pem.Reveal());
  EXPECT_EQ(SerializeState(parsed->state, parsed->signing_key_pem), json);
  const Client& c = *parsed->state.clients.at("c1");
  EXPECT_FALSE(c.active);
  EXPECT_EQ(c.sequence, 7u);
  EXPECT_EQ(c.keys.at(0).usable_from, 1'700'000'060'000);
  EXPECT_EQ(c.created, 1'700'000'000'001);
  EXPECT_EQ(parsed->state.admin_clients.at("acme-admin").access_token_lifetime, 599);
  EXPECT_EQ(parsed->state.access.begin()->second.state, "DENIED");
  EXPECT_EQ(parsed->state.next_sequence, 8u);
}

}  // namespace
}  // namespace mpctl::emulator
