#include "portal/http_portal_api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "base/strings.h"
#include "crypto/keys.h"
#include "fakes/fake_http_transport.h"

namespace mpctl::portal {
namespace {

using ::testing::HasSubstr;
using fakes::Response;

constexpr char kToken[] = "SENTINEL-BEARER-TOKEN";

class HttpPortalApiTest : public ::testing::Test {
 protected:
  HttpPortalApiTest() { MakeApi(); }
  void MakeApi() {
    auto exchanger = std::make_shared<const Exchanger>(transport_, RetryPolicy{}, sleeper_, nullptr);
    api_ = std::make_unique<HttpPortalApi>(
        "https://api.test.example/api/v1/", exchanger,
        std::make_shared<auth::StaticTokenSource>(base::Secret(kToken)),
        std::vector<std::string>{"idporten:dcr.read"});
  }
  rapidjson::Document LastBody() {
    rapidjson::Document doc;
    std::string body(transport_->requests().back().body.Reveal());
    doc.Parse(body.data(), body.size());
    return doc;
  }
  std::shared_ptr<fakes::FakeHttpTransport> transport_ = std::make_shared<fakes::FakeHttpTransport>();
  std::shared_ptr<fakes::FakeSleeper> sleeper_ = std::make_shared<fakes::FakeSleeper>();
  std::unique_ptr<HttpPortalApi> api_;
};

TEST_F(HttpPortalApiTest, WrongTypeNamesTheFieldAndEndpoint) {
  transport_->Set("GET", "/api/v1/clients",
                  Response(200, R"([{"client_id":"a"},{"client_id":"b"},{"client_id":"c"},)"
                                R"({"client_id":"d","scopes":"x:y"}])"));
  auto clients = api_->ListClients();
  ASSERT_FALSE(clients.ok());
  EXPECT_EQ(clients.error().message,
            "GET /api/v1/clients: response field [3].scopes is a string, expected an array");
}

TEST_F(HttpPortalApiTest, ListClientsDropsInactiveClientsAndSortsById) {
  transport_->Set("GET", "/api/v1/clients",
                  Response(200, R"([{"client_id":"c","active":true},)"
                                R"({"client_id":"a","active":false},{"client_id":"b"},)"
                                R"({"client_id":"0","active":false}])"));
  auto clients = api_->ListClients();
  ASSERT_TRUE(clients.ok()) << clients.error().message;
  std::vector<std::string> ids;
  for (const auto& client : *clients) ids.push_back(client.client_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"b", "c"}));
}

TEST_F(HttpPortalApiTest, WrongTypesInNestedKeysAndRootsAreNamed) {
  transport_->Set("GET", "/api/v1/clients/a/jwks",
                  Response(200, R"({"keys":[{"kid":"k","kty":"RSA","n":"AQAB","e":"AQAB","exp":"soon"}]})"));
  EXPECT_EQ(api_->GetKeys("a").error().message,
            "GET /api/v1/clients/a/jwks: response field keys[0].exp is a string, expected an integer");
  transport_->Set("GET", "/api/v1/clients", Response(200, R"({"clients":[]})"));
  EXPECT_EQ(api_->ListClients().error().message,
            "GET /api/v1/clients: response is an object, expected an array");
  transport_->Set("GET", "/api/v1/scopes/access/all", Response(200, R"([{"scope":"a:b","consumer_orgno":"310000108","state":"MAYBE"}])"));
  EXPECT_EQ(api_->ListAccessToUs().error().message,
            "GET /api/v1/scopes/access/all: response field [0].state is 'MAYBE', expected "
            "REQUESTED, APPROVED or DENIED");
}

TEST_F(HttpPortalApiTest, ListIgnoresUnknownFieldsAndSendsTheToken) {
  transport_->Set("GET", "/api/v1/clients",
                  Response(200, R"([{"client_id":"a","client_name":"A","description":"d [mpctl:a]",)"
                                R"("scopes":["x:y"],"integration_type":"maskinporten",)"
                                R"("client_orgno":"310000108","active":true,"whatever":{"x":[1]},)"
                                R"("redirect_uris":null}])"));
  auto clients = api_->ListClients();
  ASSERT_TRUE(clients.ok()) << clients.error().message;
  ASSERT_EQ(clients->size(), 1u);
  EXPECT_EQ((*clients)[0].client_id, "a");
  EXPECT_EQ((*clients)[0].description, "d [mpctl:a]");
  EXPECT_EQ((*clients)[0].scopes, std::vector<std::string>{"x:y"});
  EXPECT_FALSE((*clients)[0].keys.has_value());
  auto request = transport_->requests().back();
  EXPECT_EQ(request.bearer_token.Reveal(), kToken);
  for (const auto& [name, value] : request.headers) EXPECT_THAT(value, ::testing::Not(HasSubstr(kToken)));
}

TEST_F(HttpPortalApiTest, NoKeysIs404OrEmptyOrDoesNotHaveAny) {
  transport_->Set("GET", "/api/v1/clients/a/jwks", Response(404));
  transport_->Set("GET", "/api/v1/clients/b/jwks", Response(200, R"({"keys":[]})"));
  transport_->Set("GET", "/api/v1/clients/c/jwks",
                  Response(400, R"({"error_description":", Client does not have any keys"})"));
  for (const char* id : {"a", "b", "c"}) {
    auto keys = api_->GetKeys(id);
    ASSERT_TRUE(keys.ok()) << id << ": " << keys.error().message;
    EXPECT_TRUE(keys->empty());
  }
}

TEST_F(HttpPortalApiTest, DoesNotHaveAnyIsAnEmptyList) {
  const char* body = R"({"status":404,"errors":[{"errorMessage":"Organization does not have any scopes"}]})";
  transport_->Set("GET", "/api/v1/scopes?inactive=true", Response(404, body));
  transport_->Set("GET", "/api/v1/scopes/access/all", Response(400, body));
  transport_->Set("GET", "/api/v1/scopes/all", Response(404, body));
  EXPECT_TRUE(api_->ListScopes()->empty());
  EXPECT_TRUE(api_->ListAccessToUs()->empty());
  EXPECT_TRUE(api_->ListPublicScopes()->empty());
}

TEST_F(HttpPortalApiTest, KeysGetSizeThumbprintAndUseSig) {
  auto key = crypto::PrivateKey::Generate(2048);
  ASSERT_TRUE(key.ok());
  crypto::RsaPublicKey pub = key->Public();
  std::string padded_n = base::Base64UrlEncode(std::string(1, '\0') + *base::Base64Decode(pub.n));
  transport_->Set("GET", "/api/v1/clients/a/jwks",
                  Response(200, R"({"keys":[{"kid":"k1","kty":"RSA","alg":"RS256","n":")" +
                                    padded_n + R"(","e":")" + pub.e +
                                    R"(","exp":1819900800,"created":"2021-09-16T12:34:17.099+02:00"}]})"));
  auto keys = api_->GetKeys("a");
  ASSERT_TRUE(keys.ok()) << keys.error().message;
  ASSERT_EQ(keys->size(), 1u);
  const model::PublicKey& k = (*keys)[0];
  EXPECT_EQ(k.kid, "k1");
  EXPECT_EQ(k.use, "sig");
  EXPECT_EQ(k.n, pub.n);
  EXPECT_EQ(k.bits, 2048);
  EXPECT_EQ(k.thumbprint, crypto::Thumbprint(pub));
  EXPECT_EQ(k.exp, 1819900800);
  EXPECT_EQ(k.created, 1631788457);
}

TEST_F(HttpPortalApiTest, BothStatusProfilesSucceed) {
  const char* created = R"({"client_id":"new-id","client_name":"n","scopes":["x:y"]})";
  model::PublicKey key;
  key.kid = "k";
  key.n = "AQAB";
  key.e = "AQAB";
  ClientSpec spec{"n", "d [mpctl:n]", {"x:y"}, "310000108"};
  for (int profile : {0, 1}) {
    bool observed = profile == 1;
    transport_ = std::make_shared<fakes::FakeHttpTransport>();
    MakeApi();
    auto& t = *transport_;
    t.Set("POST", "/api/v1/clients", Response(observed ? 201 : 200, created));
    t.Set("PUT", "/api/v1/clients/new-id", Response(200, created));
    t.Set("DELETE", "/api/v1/clients/new-id", Response(observed ? 204 : 200));
    t.Set("POST", "/api/v1/clients/new-id/jwks", Response(observed ? 201 : 200, R"({"keys":[]})"));
    t.Set("DELETE", "/api/v1/clients/new-id/jwks", Response(200));
    auto client = api_->CreateClient(spec);
    ASSERT_TRUE(client.ok()) << client.error().message;
    EXPECT_EQ(client->client_id, "new-id");
    EXPECT_TRUE(api_->UpdateClient("new-id", spec).ok());
    EXPECT_TRUE(api_->ReplaceKeys("new-id", {key}).ok());
    EXPECT_TRUE(api_->DeleteKeys("new-id").ok());
    EXPECT_TRUE(api_->DeleteClient("new-id").ok());
  }
}

TEST_F(HttpPortalApiTest, ClientBodyIsTheFullMaskinportenFieldSet) {
  transport_->Set("PUT", "/api/v1/clients/id-1", Response(200));
  ASSERT_TRUE(api_->UpdateClient("id-1", {"name", "desc [mpctl:x]", {"a:b", "c:d"}, "310000108"}).ok());
  rapidjson::Document body = LastBody();
  EXPECT_STREQ(body["integration_type"].GetString(), "maskinporten");
  EXPECT_STREQ(body["application_type"].GetString(), "web");
  EXPECT_STREQ(body["client_name"].GetString(), "name");
  EXPECT_STREQ(body["description"].GetString(), "desc [mpctl:x]");
  EXPECT_STREQ(body["token_endpoint_auth_method"].GetString(), "private_key_jwt");
  ASSERT_EQ(body["grant_types"].Size(), 1u);
  EXPECT_STREQ(body["grant_types"][0].GetString(), "urn:ietf:params:oauth:grant-type:jwt-bearer");
  EXPECT_EQ(body["scopes"].Size(), 2u);
  EXPECT_STREQ(body["client_orgno"].GetString(), "310000108");
}

TEST_F(HttpPortalApiTest, JwksBodySendsEveryKeyWithUseSigAndNoExp) {
  transport_->Set("POST", "/api/v1/clients/id-1/jwks", Response(200));
  model::PublicKey key;
  key.kid = "k";
  key.use = "";
  key.n = "AQAB";
  key.e = "AQAB";
  key.exp = 5;
  ASSERT_TRUE(api_->ReplaceKeys("id-1", {key, key}).ok());
  rapidjson::Document body = LastBody();
  ASSERT_EQ(body["keys"].Size(), 2u);
  for (const auto& k : body["keys"].GetArray()) {
    EXPECT_STREQ(k["use"].GetString(), "sig");
    EXPECT_STREQ(k["kty"].GetString(), "RSA");
    EXPECT_FALSE(k.HasMember("exp"));
  }
}

TEST_F(HttpPortalApiTest, EmptyKeySetIsRefusedWithoutARequest) {
  auto status = api_->ReplaceKeys("id-1", {});
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.error().message, HasSubstr("delete the keys instead"));
  EXPECT_TRUE(transport_->requests().empty());
}

TEST_F(HttpPortalApiTest, OrgnosAreCheckedBeforeAnyPathIsBuilt) {
  auto status = api_->GrantAccess("a:b", "..");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message, "'..' is not a 9-digit orgno");
  EXPECT_FALSE(api_->RevokeAccess("a:b", "12345678").ok());
  EXPECT_FALSE(api_->GrantAccess("a:b", "1234567890").ok());
  EXPECT_TRUE(transport_->requests().empty());
}

TEST_F(HttpPortalApiTest, ScopeNamesAreUrlEncoded) {
  transport_->Set("PUT", "/api/v1/scopes/access/310000108?scope=acme%3Aapi%2Fv1%20x",
                  Response(200, R"({"state":"APPROVED"})"));
  transport_->Set("GET", "/api/v1/scopes/access?scope=acme%3Aapi%2Fv1%20x&inactive=true",
                  Response(200, "[]"));
  EXPECT_TRUE(api_->GrantAccess("acme:api/v1 x", "310000108").ok());
  EXPECT_TRUE(api_->ListAccess("acme:api/v1 x").ok());
}

TEST_F(HttpPortalApiTest, ClientIdsAreOneEncodedSegment) {
  transport_->Set("GET", "/api/v1/clients/a%2F..%2Fb", Response(404));
  auto client = api_->GetClient("a/../b");
  EXPECT_EQ(client.error().code, base::ErrorCode::kNotFound);
  EXPECT_FALSE(api_->GetClient("..").ok());
  EXPECT_EQ(transport_->requests().size(), 1u);
}

TEST_F(HttpPortalApiTest, ErrorsCarryMethodPathStatusCorrelationAndMessage) {
  transport_->Set("PUT", "/api/v1/clients/0b6c1a2e",
                  Response(403, R"({"status":403,"correlation_id":"b496e785","errors":[)"
                                R"({"errorMessage":"insufficient scope"}],"error":", insufficient scope"})"));
  auto status = api_->UpdateClient("0b6c1a2e", {"n", "d", {"a:b"}, "310000108"});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, base::ErrorCode::kDenied);
  EXPECT_EQ(status.error().message,
            "PUT /api/v1/clients/0b6c1a2e: HTTP 403 (correlation_id b496e785): insufficient scope");
}

// Counts Forget() calls; gives "token-N" for the N-th token.
class CountingTokenSource final : public auth::TokenSource {
 public:
  base::Result<base::Secret> Token(const std::vector<std::string>&) override {
    return base::Secret("token-" + std::to_string(forgotten));
  }
  void Forget(const std::vector<std::string>&) override { ++forgotten; }
  int forgotten = 0;
};

TEST_F(HttpPortalApiTest, RefusedTokenIsReplacedOnce) {
  auto tokens = std::make_shared<CountingTokenSource>();
  auto exchanger = std::make_shared<const Exchanger>(transport_, RetryPolicy{}, sleeper_, nullptr);
  HttpPortalApi api("https://api.test.example/api/v1", exchanger, tokens, {"idporten:dcr.read"});
  transport_->Push("GET", "/api/v1/clients", Response(401));
  transport_->Set("GET", "/api/v1/clients", Response(200, "[]"));
  ASSERT_TRUE(api.ListClients().ok());
  EXPECT_EQ(tokens->forgotten, 1);
  EXPECT_EQ(transport_->requests().back().bearer_token.Reveal(), "token-1");
  transport_->Set("GET", "/api/v1/clients", Response(401));
  auto refused = api.ListClients();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message, "GET /api/v1/clients: HTTP 401");
  EXPECT_EQ(tokens->forgotten, 2);
  EXPECT_EQ(transport_->Count("GET", "/api/v1/clients"), 4);
}

TEST_F(HttpPortalApiTest, FailedCreateReportsUnknownOutcome) {
  transport_->Push("POST", "/api/v1/clients",
                   TransportError{TransportErrorKind::kTimeout, "operation timed out"});
  auto client = api_->CreateClient({"n", "d [mpctl:n]", {"a:b"}, "310000108"});
  ASSERT_FALSE(client.ok());
  EXPECT_TRUE(client.outcome_unknown());
  EXPECT_EQ(transport_->Count("POST", "/api/v1/clients"), 1);
  transport_->Set("POST", "/api/v1/clients", Response(400, R"({"errors":[{"errorMessage":"bad"}]})"));
  auto refused = api_->CreateClient({"n", "d [mpctl:n]", {"a:b"}, "310000108"});
  ASSERT_FALSE(refused.ok());
  EXPECT_FALSE(refused.outcome_unknown());
}

}  // namespace
}  // namespace mpctl::portal
