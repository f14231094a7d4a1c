// The Maskinporten side over real HTTP with real signed grants (portal-api.md §9 items 1–4).
#include "base/strings.h"
#include "crypto/keys.h"
#include "emulator_e2e.h"
#include "support/test_keys.h"

namespace mpctl::testing {
namespace {

class EmulatorTokenTest : public EmulatorE2eTest {
 protected:
  void SetUp() override {
    EmulatorE2eTest::SetUp();
    Start();
  }
  // POSTs a grant built from `spec`; returns status and parsed body.
  Reply Post(const GrantSpec& spec) {
    auto [status, body] = PostGrant(emu_->base_url(), admin_->Grant(emu_->base_url(), spec));
    Reply reply;
    reply.status = status;
    reply.body = body;
    reply.json.Parse(body.c_str());
    return reply;
  }
  static std::string Description(const Reply& reply) {
    return reply.json.IsObject() && reply.json.HasMember("error_description")
               ? reply.json["error_description"].GetString()
               : "";
  }
};

TEST_F(EmulatorTokenTest, WrongAudienceIsRefused) {
  GrantSpec spec;
  spec.aud = "https://test.maskinporten.no/";
  Reply reply = Post(spec);
  EXPECT_EQ(reply.status, 400);
  EXPECT_STREQ(reply.json["error"].GetString(), "invalid_grant");
  EXPECT_NE(Description(reply).find("MP-110"), std::string::npos) << reply.body;
  EXPECT_NE(Description(reply).find("(correlation id: "), std::string::npos);
}

TEST_F(EmulatorTokenTest, AudienceWithoutTrailingSlashIsRefused) {
  GrantSpec spec;
  spec.aud = emu_->base_url();
  EXPECT_EQ(Post(spec).status, 400);
}

TEST_F(EmulatorTokenTest, IatThirtySecondsOldIsRefused) {
  GrantSpec spec;
  spec.iat_offset = -30;
  Reply reply = Post(spec);
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(Description(reply).find("iat is more than 10 seconds before now"), std::string::npos)
      << reply.body;
}

TEST_F(EmulatorTokenTest, IatInTheFutureIsRefused) {
  GrantSpec spec;
  spec.iat_offset = 30;
  Reply reply = Post(spec);
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(Description(reply).find("Issue time is after now"), std::string::npos);
}

TEST_F(EmulatorTokenTest, LifetimeOverTwoMinutesIsRefused) {
  GrantSpec spec;
  spec.lifetime = 121;
  Reply reply = Post(spec);
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(Description(reply).find("exp - iat exceeds 120 seconds"), std::string::npos);
  spec.lifetime = 120;
  EXPECT_EQ(Post(spec).status, 200);
}

TEST_F(EmulatorTokenTest, ReusedJtiIsRefused) {
  GrantSpec spec;
  spec.jti = "same-jti";
  EXPECT_EQ(Post(spec).status, 200);
  Reply reply = Post(spec);
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(Description(reply).find("Grant is used before (MP-012)"), std::string::npos);
}

TEST_F(EmulatorTokenTest, ScopeNotGrantedToTheAdminClientIsRefused) {
  GrantSpec spec;
  spec.scope = "idporten:dcr.read idporten:dcr.supplier";
  Reply reply = Post(spec);
  EXPECT_EQ(reply.status, 400);
  EXPECT_STREQ(reply.json["error"].GetString(), "invalid_scope");
  EXPECT_NE(Description(reply).find("'idporten:dcr.supplier'"), std::string::npos);
}

TEST_F(EmulatorTokenTest, MissingScopeIsRefused) {
  GrantSpec spec;
  spec.scope = "";
  EXPECT_EQ(Post(spec).status, 400);
}

TEST_F(EmulatorTokenTest, UnknownClientIsRefused) {
  GrantSpec spec;
  spec.client_id = "nobody";
  Reply reply = Post(spec);
  EXPECT_EQ(reply.status, 400);
  EXPECT_STREQ(reply.json["error"].GetString(), "invalid_client");
}

TEST_F(EmulatorTokenTest, UnknownKidIsRefused) {
  GrantSpec spec;
  spec.kid = "other-kid";
  Reply reply = Post(spec);
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(Description(reply).find("Unknown key identifier (kid) for client"),
            std::string::npos);
}

TEST_F(EmulatorTokenTest, SignatureByAnotherKeyIsRefused) {
  auto other = crypto::PrivateKey::Generate(2048);
  ASSERT_TRUE(other.ok());
  std::string grant = admin_->Grant(emu_->base_url(), GrantSpec{});
  std::string input = grant.substr(0, grant.rfind('.'));
  std::string forged = input + "." + base::Base64UrlEncode(*other->Sign("RS256", input));
  auto [status, body] = PostGrant(emu_->base_url(), forged);
  EXPECT_EQ(status, 400);
  EXPECT_NE(body.find("MP-124"), std::string::npos) << body;
}

TEST_F(EmulatorTokenTest, UnsupportedAlgorithmIsRefused) {
  std::string header = R"({"alg":"HS256","kid":"acme-admin-key"})";
  std::string claims = R"({"iss":"acme-admin"})";
  auto [status, body] = PostGrant(emu_->base_url(), SignJwt(admin_->key(), "RS256", header, claims));
  EXPECT_EQ(status, 400);
  EXPECT_NE(body.find("Unsupported signing algorithm 'HS256'"), std::string::npos) << body;
}

TEST_F(EmulatorTokenTest, Rs384AndRs512AreAccepted) {
  for (const char* alg : {"RS384", "RS512"}) {
    GrantSpec spec;
    spec.alg = alg;
    EXPECT_EQ(Post(spec).status, 200) << alg;
  }
}

TEST_F(EmulatorTokenTest, KidAndX5cTogetherAreRefused) {
  std::string cert = SelfSignedCertificatePem(std::string(admin_->key().ToPem().Reveal()));
  GrantSpec spec;
  spec.x5c = {base::Base64Encode(PemToDer(cert))};
  Reply reply = Post(spec);
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(Description(reply).find("Exactly one of kid and x5c"), std::string::npos);
}

TEST_F(EmulatorTokenTest, X5cLeafCertificateOfARegisteredKeyIsAccepted) {
  std::string cert = SelfSignedCertificatePem(std::string(admin_->key().ToPem().Reveal()));
  GrantSpec spec;
  spec.kid = "";
  spec.x5c = {base::Base64Encode(PemToDer(cert))};
  Reply reply = Post(spec);
  EXPECT_EQ(reply.status, 200) << reply.body;
}

TEST_F(EmulatorTokenTest, X5cOfAnUnregisteredKeyIsRefused) {
  std::string other = GenerateRsaPem();
  GrantSpec spec;
  spec.kid = "";
  spec.x5c = {base::Base64Encode(PemToDer(SelfSignedCertificatePem(other)))};
  Reply reply = Post(spec);
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(Description(reply).find("MP-122"), std::string::npos) << reply.body;
}

TEST_F(EmulatorTokenTest, X5cAsAStringIsRefused) {
  std::string header = R"({"alg":"RS256","x5c":"MIIB"})";
  auto [status, body] = PostGrant(emu_->base_url(),
                                  SignJwt(admin_->key(), "RS256", header, R"({"iss":"acme-admin"})"));
  EXPECT_EQ(status, 400);
  EXPECT_NE(body.find("MP-123"), std::string::npos) << body;
}

TEST_F(EmulatorTokenTest, WrongGrantTypeAndMissingAssertionAreRefused) {
  httplib::Client http(emu_->base_url());
  auto wrong = http.Post("/token", httplib::Params{{"grant_type", "client_credentials"}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 400);
  EXPECT_NE(wrong->body.find("unsupported_grant_type"), std::string::npos);
  auto missing = http.Post(
      "/token", httplib::Params{{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"}});
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 400);
  EXPECT_NE(missing->body.find("Missing assertion"), std::string::npos);
  auto garbage = http.Post("/token", httplib::Params{{"grant_type",
                                                      "urn:ietf:params:oauth:grant-type:jwt-bearer"},
                                                     {"assertion", "not.a.jwt"}});
  ASSERT_TRUE(garbage);
  EXPECT_EQ(garbage->status, 400);
}

TEST_F(EmulatorTokenTest, GrantInTheQueryStringIsAccepted) {
  std::string grant = admin_->Grant(emu_->base_url(), GrantSpec{});
  httplib::Client http(emu_->base_url());
  std::string path = "/token?grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"
                     "&assertion=" + grant;
  auto response = http.Post(path.c_str(), "", "application/x-www-form-urlencoded");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200) << response->body;
}

TEST_F(EmulatorTokenTest, AccessTokenIsAnRs256JwtSignedByAKeyAtJwk) {
  GrantSpec spec;
  spec.scope = "idporten:dcr.read idporten:scopes.read";
  Reply reply = Post(spec);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_STREQ(reply.json["token_type"].GetString(), "Bearer");
  EXPECT_EQ(reply.json["expires_in"].GetInt(), 120);
  EXPECT_STREQ(reply.json["scope"].GetString(), "idporten:dcr.read idporten:scopes.read");

  std::string token = reply.json["access_token"].GetString();
  auto parts = base::Split(token, '.');
  ASSERT_EQ(parts.size(), 3u);
  rapidjson::Document header, claims;
  header.Parse(base::Base64Decode(parts[0])->c_str());
  claims.Parse(base::Base64Decode(parts[1])->c_str());
  EXPECT_STREQ(header["alg"].GetString(), "RS256");
  EXPECT_EQ(claims["iss"].GetString(), emu_->base_url() + "/");
  EXPECT_STREQ(claims["client_id"].GetString(), "acme-admin");
  EXPECT_STREQ(claims["consumer"]["ID"].GetString(), "0192:310000108");
  EXPECT_STREQ(claims["consumer"]["authority"].GetString(), "iso6523-actorid-upis");
  EXPECT_EQ(claims["exp"].GetInt64() - claims["iat"].GetInt64(), 120);
  EXPECT_TRUE(claims.HasMember("jti"));

  Reply jwks = Call("GET", "/jwk", "", "");
  ASSERT_EQ(jwks.status, 200);
  const auto& key = jwks.json["keys"][0];
  EXPECT_STREQ(key["kid"].GetString(), header["kid"].GetString());
  crypto::RsaPublicKey public_key{key["n"].GetString(), key["e"].GetString(), 0};
  EXPECT_TRUE(crypto::VerifySignature(public_key, "RS256", parts[0] + "." + parts[1],
                                      *base::Base64Decode(parts[2])));
}

TEST_F(EmulatorTokenTest, WellKnownMetadataNamesTheIssuerAndEndpoints) {
  Reply reply = Call("GET", "/.well-known/oauth-authorization-server", "", "");
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.json["issuer"].GetString(), emu_->base_url() + "/");
  EXPECT_EQ(reply.json["token_endpoint"].GetString(), emu_->base_url() + "/token");
  EXPECT_EQ(reply.json["jwks_uri"].GetString(), emu_->base_url() + "/jwk");
  EXPECT_STREQ(reply.json["token_endpoint_auth_methods_supported"][0].GetString(),
               "private_key_jwt");
  EXPECT_STREQ(reply.json["grant_types_supported"][0].GetString(),
               "urn:ietf:params:oauth:grant-type:jwt-bearer");
  EXPECT_EQ(reply.json["token_endpoint_auth_signing_alg_values_supported"].Size(), 3u);
}

TEST_F(EmulatorTokenTest, TokensIssuedAreCounted) {
  EXPECT_EQ(Post(GrantSpec{}).status, 200);
  EXPECT_EQ(emu_->Stats().tokens_issued, 2);  // the fixture's token and this one
}

}  // namespace
}  // namespace mpctl::testing
