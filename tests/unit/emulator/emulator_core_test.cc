// The emulator's core without sockets: Emulator::Handle(Request) with a fixed clock.
#include "emulator/emulator.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "base/strings.h"
#include "crypto/keys.h"
#include "support/admin_fixture.h"

namespace mpctl::emulator {
namespace {

constexpr std::int64_t kNow = 1'780'000'000;

class EmulatorCoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto key = crypto::PrivateKey::Generate(2048);
    ASSERT_TRUE(key.ok());
    key_ = std::make_unique<crypto::PrivateKey>(std::move(key).value());
    State seed;
    seed.organisations["310000108"] = {"310000108", "Acme AS", {"acme"}};
    Jwk admin_key;
    admin_key.kid = "admin";
    admin_key.n = key_->Public().n;
    admin_key.e = key_->Public().e;
    seed.admin_clients["acme-admin"] = {
        "acme-admin", "310000108", {"idporten:dcr.read", "idporten:dcr.write"}, {admin_key}, 120};
    Scope open;
    open.name = "acme:open";
    open.prefix = "acme";
    open.subscope = "open";
    open.owner_orgno = "310000108";
    open.allowed_integration_types = {"maskinporten"};
    seed.scopes[open.name] = open;
    options_.propagation_delay_seconds = 60;
    auto emulator = Emulator::Create(options_, seed, clock_);
    ASSERT_TRUE(emulator.ok()) << emulator.error().message;
    emulator_ = std::move(emulator).value();
    emulator_->SetBaseUrl("http://emulator.test");
  }

  std::string Grant(const crypto::PrivateKey& key, const std::string& iss, const std::string& kid,
                    const std::string& scope) {
    std::int64_t now = clock_.NowSeconds();
    std::string claims = "{\"aud\":\"http://emulator.test/\",\"iss\":\"" + iss +
                         "\",\"scope\":\"" + scope + "\",\"iat\":" + std::to_string(now) +
                         ",\"exp\":" + std::to_string(now + 60) + ",\"jti\":\"" +
                         base::HexEncode(crypto::RandomBytes(8)) + "\"}";
    return testing::SignJwt(key, "RS256", "{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}", claims);
  }

  Response Token(const std::string& assertion) {
    Request request;
    request.method = "POST";
    request.path = "/token";
    request.body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" +
                   assertion;
    return emulator_->Handle(request);
  }

  std::string AdminToken() {
    Response response = Token(Grant(*key_, "acme-admin", "admin",
                                    "idporten:dcr.read idporten:dcr.write"));
    rapidjson::Document doc;
    doc.Parse(response.body.c_str());
    EXPECT_EQ(response.status, 200) << response.body;
    return doc.IsObject() && doc.HasMember("access_token") ? doc["access_token"].GetString() : "";
  }

  Response Api(const std::string& method, const std::string& path, const std::string& body,
               const std::string& token) {
    Request request;
    request.method = method;
    request.path = path;
    request.body = body;
    request.headers["authorization"] = "Bearer " + token;
    if (!body.empty()) request.headers["content-type"] = "application/json";  // as clients do
    return emulator_->Handle(request);
  }

  base::FixedClock clock_{kNow};
  Options options_;
  std::unique_ptr<crypto::PrivateKey> key_;
  std::unique_ptr<Emulator> emulator_;
};

TEST_F(EmulatorCoreTest, TokenFromTheFuturesClockIsExpired) {
  std::string token = AdminToken();
  EXPECT_EQ(Api("GET", "/api/v1/clients", "", token).status, 200);
  clock_.Set(kNow + 121);
  EXPECT_EQ(Api("GET", "/api/v1/clients", "", token).status, 401);
}

TEST_F(EmulatorCoreTest, NewKeyWorksAtTokenOnlyAfterThePropagationDelay) {
  std::string token = AdminToken();
  Response created = Api("POST", "/api/v1/clients",
                         R"({"integration_type":"maskinporten","application_type":"web",)"
                         R"("client_name":"c","description":"d","scopes":["acme:open"],)"
                         R"("token_endpoint_auth_method":"private_key_jwt",)"
                         R"("grant_types":["urn:ietf:params:oauth:grant-type:jwt-bearer"]})",
                         token);
  ASSERT_EQ(created.status, 200) << created.body;
  rapidjson::Document doc;
  doc.Parse(created.body.c_str());
  std::string id = doc["client_id"].GetString();
  std::string jwk = crypto::PublicJwkJson(key_->Public(), "client-key", "RS256");
  ASSERT_EQ(Api("POST", "/api/v1/clients/" + id + "/jwks", "{\"keys\":[" + jwk + "]}", token)
                .status,
            200);
  Response early = Token(Grant(*key_, id, "client-key", "acme:open"));
  EXPECT_EQ(early.status, 400);
  EXPECT_NE(early.body.find("Unknown key identifier"), std::string::npos);
  clock_.Set(kNow + 60);
  Response later = Token(Grant(*key_, id, "client-key", "acme:open"));
  EXPECT_EQ(later.status, 200) << later.body;
}

TEST_F(EmulatorCoreTest, FailedWritesLeaveTheStateUnchanged) {
  std::string token = AdminToken();
  EXPECT_EQ(Api("POST", "/api/v1/clients", R"({"integration_type":"maskinporten"})", token)
                .status,
            400);
  EXPECT_TRUE(emulator_->Snapshot().clients.empty());
  rapidjson::Document stats;
  stats.Parse(emulator_->stats().ToJson().c_str());
  EXPECT_EQ(stats["writes"].GetInt(), 0);
}

// Clients are shared between the state and copies of it (the write path's rollback copy, a
// Snapshot): a write must put a changed copy in place, never change the shared client.
TEST_F(EmulatorCoreTest, AWriteLeavesEarlierCopiesOfTheStateAsTheyWere) {
  std::string token = AdminToken();
  const std::string client = R"({"integration_type":"maskinporten","application_type":"web",)"
                             R"("description":"d","scopes":["acme:open"],)"
                             R"("token_endpoint_auth_method":"private_key_jwt",)"
                             R"("grant_types":["urn:ietf:params:oauth:grant-type:jwt-bearer"],)";
  Response created = Api("POST", "/api/v1/clients", client + R"("client_name":"before"})", token);
  ASSERT_EQ(created.status, 200) << created.body;
  rapidjson::Document doc;
  doc.Parse(created.body.c_str());
  const std::string id = doc["client_id"].GetString();
  State before = emulator_->Snapshot();

  ASSERT_EQ(Api("PUT", "/api/v1/clients/" + id, client + R"("client_name":"after"})", token).status,
            200);
  std::string jwk = crypto::PublicJwkJson(key_->Public(), "k1", "RS256");
  ASSERT_EQ(Api("POST", "/api/v1/clients/" + id + "/jwks", "{\"keys\":[" + jwk + "]}", token)
                .status,
            200);
  EXPECT_EQ(before.clients.at(id)->client_name, "before");
  EXPECT_TRUE(before.clients.at(id)->keys.empty());
  State after = emulator_->Snapshot();
  EXPECT_EQ(after.clients.at(id)->client_name, "after");
  ASSERT_EQ(after.clients.at(id)->keys.size(), 1u);

  // A write that fails after the client was copied for it leaves the state's client as it was.
  EXPECT_EQ(Api("DELETE", "/api/v1/clients/" + id + "/jwks/no-such-kid", "", token).status, 404);
  State failed = emulator_->Snapshot();
  EXPECT_EQ(failed.clients.at(id), after.clients.at(id)) << "the failed write's copy stayed";
  EXPECT_EQ(failed.clients.at(id)->keys.size(), 1u);
}

TEST_F(EmulatorCoreTest, SettableClockMovesTimestamps) {
  emulator_->clock().SetNow(kNow + 3600);
  EXPECT_EQ(emulator_->clock().NowSeconds(), kNow + 3600);
  clock_.Set(kNow + 10);
  EXPECT_EQ(emulator_->clock().NowSeconds(), kNow + 3610);
}

TEST_F(EmulatorCoreTest, FormBodyIsDecoded) {
  auto form = ParseForm("a=1+2&b=%2Fx%3A&c&=z");
  EXPECT_EQ(form.find("a")->second, "1 2");
  EXPECT_EQ(form.find("b")->second, "/x:");
  EXPECT_EQ(form.find("c")->second, "");
}

}  // namespace
}  // namespace mpctl::emulator
