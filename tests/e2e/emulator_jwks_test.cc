// /clients/{id}/jwks, single keys and /api/v2/.../key over real HTTP (portal-api.md §4, §9
// item 8), and tokens for a client registered through the API.
#include <chrono>

#include "base/strings.h"
#include "crypto/keys.h"
#include "emulator_e2e.h"
#include "support/test_keys.h"

namespace mpctl::testing {
namespace {

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class EmulatorJwksTest : public EmulatorE2eTest {
 protected:
  // A fresh key pair and its public JWK JSON.
  static std::pair<crypto::PrivateKey, std::string> NewJwk(const std::string& kid,
                                                           const std::string& extra = "") {
    auto key = crypto::PrivateKey::Generate(2048);
    MPCTL_CHECK(key.ok());
    std::string jwk = crypto::PublicJwkJson(key->Public(), kid, "RS256");
    if (!extra.empty()) jwk.insert(jwk.size() - 1, "," + extra);
    return {std::move(key).value(), jwk};
  }
  static std::string Set(const std::vector<std::string>& jwks) {
    return "{\"keys\":[" + base::Join(jwks, ",") + "]}";
  }
  std::string Jwks(const std::string& id) { return "/api/v1/clients/" + id + "/jwks"; }
};

TEST_F(EmulatorJwksTest, PostReplacesTheSetAndGetReturnsIt) {
  Start();
  std::string id = CreateClient("a");
  auto [k1, j1] = NewJwk("k1");
  auto [k2, j2] = NewJwk("k2");
  Reply posted = Call("POST", Jwks(id), Set({j1, j2}));
  ASSERT_EQ(posted.status, 200) << posted.body;
  EXPECT_EQ(posted.json["keys"].Size(), 2u);
  std::int64_t exp = posted.json["keys"][0]["exp"].GetInt64();
  EXPECT_NEAR(static_cast<double>(exp - Now()), 365.0 * 24 * 3600, 60);
  EXPECT_STREQ(posted.json["keys"][0]["use"].GetString(), "sig");
  auto [k3, j3] = NewJwk("k3");
  ASSERT_EQ(Call("POST", Jwks(id), Set({j3})).status, 200);
  Reply got = Call("GET", Jwks(id));
  ASSERT_EQ(got.status, 200);
  ASSERT_EQ(got.json["keys"].Size(), 1u);
  EXPECT_STREQ(got.json["keys"][0]["kid"].GetString(), "k3");
}

TEST_F(EmulatorJwksTest, ExistingKeysKeepTheirExpAndNewOnesAreCappedAtAYear) {
  Start();
  std::string id = CreateClient("a");
  std::int64_t short_exp = Now() + 10 * 24 * 3600;
  auto [k1, j1] = NewJwk("k1", "\"exp\":" + std::to_string(short_exp));
  ASSERT_EQ(Call("POST", Jwks(id), Set({j1})).status, 200);
  auto [k2, j2] = NewJwk("k2", "\"exp\":" + std::to_string(Now() + 5 * 365 * 24 * 3600));
  std::string j1_again = j1.substr(0, j1.rfind(",\"exp\"")) + "}";
  Reply reply = Call("POST", Jwks(id), Set({j1_again, j2}));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json["keys"][0]["exp"].GetInt64(), short_exp);
  EXPECT_LE(reply.json["keys"][1]["exp"].GetInt64(), Now() + 365 * 24 * 3600);
}

TEST_F(EmulatorJwksTest, KeyWithPrivateMembersIs400) {
  Start();
  std::string id = CreateClient("a");
  auto [k, jwk] = NewJwk("k1", R"("d":"AQAB","p":"AQAB")");
  Reply reply = Call("POST", Jwks(id), Set({jwk}));
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(FirstError(reply).find("must not contain private key members"), std::string::npos)
      << reply.body;
  EXPECT_STREQ(reply.json["errors"][0]["fieldIdentifier"].GetString(), "keys[0].d");
}

TEST_F(EmulatorJwksTest, SixKeysAre400) {
  Start();
  std::string id = CreateClient("a");
  std::vector<std::string> six;
  for (int i = 0; i < 6; ++i) six.push_back(NewJwk("k" + std::to_string(i)).second);
  Reply reply = Call("POST", Jwks(id), Set(six));
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(FirstError(reply).find("at most 5 keys"), std::string::npos);
  six.pop_back();
  EXPECT_EQ(Call("POST", Jwks(id), Set(six)).status, 200);
  auto [k, extra] = NewJwk("k-extra");
  EXPECT_EQ(Call("PUT", Jwks(id) + "/k-extra", extra).status, 400);
}

TEST_F(EmulatorJwksTest, EmptyKeySetIs400) {
  Start();
  std::string id = CreateClient("a");
  Reply reply = Call("POST", Jwks(id), R"({"keys":[]})");
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(FirstError(reply).find("use DELETE"), std::string::npos);
}

TEST_F(EmulatorJwksTest, BadKeysAre400WithFieldErrors) {
  Start();
  std::string id = CreateClient("a");
  auto [k, jwk] = NewJwk("bad kid!");
  EXPECT_EQ(Call("POST", Jwks(id), Set({jwk})).status, 400);
  auto [k2, no_use] = NewJwk("k2");
  no_use.replace(no_use.find("\"use\":\"sig\""), 11, "\"use\":\"enc\"");
  Reply reply = Call("POST", Jwks(id), Set({no_use}));
  EXPECT_EQ(reply.status, 400);
  EXPECT_STREQ(reply.json["errors"][0]["fieldIdentifier"].GetString(), "keys[0].use");
  auto [k3, dup] = NewJwk("same");
  EXPECT_EQ(Call("POST", Jwks(id), Set({dup, dup})).status, 400);
  std::string small_pem = SpkiPem(GenerateRsaPem(1024));
  Reply small = Call("POST", "/api/v2/clients/" + id + "/key", small_pem, "\x01", "text/plain");
  EXPECT_EQ(small.status, 400);
  EXPECT_NE(small.body.find("too small"), std::string::npos) << small.body;
}

TEST_F(EmulatorJwksTest, NoKeysIs404OrEmptyBySwitch) {
  Start();
  std::string id = CreateClient("a");
  EXPECT_EQ(Call("GET", Jwks(id)).status, 404);
  emu_.reset();
  std::filesystem::remove(dir_ + "/state.json");  // the state file would win over the new seed
  Start({"--no-keys", "empty"});
  std::string id2 = CreateClient("b");
  Reply reply = Call("GET", Jwks(id2));
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.json["keys"].Size(), 0u);
}

TEST_F(EmulatorJwksTest, DeleteAllAndSingleKeyOperations) {
  Start();
  std::string id = CreateClient("a");
  auto [k1, j1] = NewJwk("k1");
  auto [k2, j2] = NewJwk("k2");
  ASSERT_EQ(Call("POST", Jwks(id), Set({j1})).status, 200);
  Reply put = Call("PUT", Jwks(id) + "/k2", j2);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_STREQ(put.json["kid"].GetString(), "k2");
  Reply one = Call("GET", Jwks(id) + "/k2");
  EXPECT_EQ(one.status, 200);
  EXPECT_EQ(Call("PUT", Jwks(id) + "/other", j2).status, 400);  // kid differs from the path
  EXPECT_EQ(Call("GET", Jwks(id) + "/missing").status, 404);
  EXPECT_EQ(Call("DELETE", Jwks(id) + "/k1").status, 200);
  EXPECT_EQ(Call("DELETE", Jwks(id) + "/k1").status, 404);
  EXPECT_EQ(Call("GET", Jwks(id)).json["keys"].Size(), 1u);
  Reply cleared = Call("DELETE", Jwks(id));
  EXPECT_EQ(cleared.status, 200);
  EXPECT_EQ(Call("GET", Jwks(id)).status, 404);
}

TEST_F(EmulatorJwksTest, V2KeyAcceptsPemPublicKeyCertificateAndJwk) {
  Start();
  std::string id = CreateClient("a");
  std::string path = "/api/v2/clients/" + id + "/key";
  std::string private_pem = GenerateRsaPem();
  Reply pem = Call("POST", path, SpkiPem(private_pem), "\x01", "text/plain");
  ASSERT_EQ(pem.status, 200) << pem.body;
  EXPECT_EQ(std::string(pem.json["kid"].GetString()).size(), 36u);  // generated
  Reply cert = Call("POST", path, SelfSignedCertificatePem(GenerateRsaPem()), "\x01",
                    "text/plain");
  EXPECT_EQ(cert.status, 200) << cert.body;
  auto [k, jwk] = NewJwk("from-jwk");
  Reply from_jwk = Call("POST", path, jwk, "\x01", "text/plain");
  EXPECT_EQ(from_jwk.status, 200);
  EXPECT_STREQ(from_jwk.json["kid"].GetString(), "from-jwk");
  EXPECT_EQ(Call("POST", path, private_pem, "\x01", "text/plain").status, 400);
  EXPECT_EQ(Call("GET", Jwks(id)).json["keys"].Size(), 3u);
}

TEST_F(EmulatorJwksTest, RegisteredClientGetsATokenWithItsKey) {
  Start();
  std::string id = CreateClient("consumer");
  auto [key, jwk] = NewJwk("ck1");
  ASSERT_EQ(Call("POST", Jwks(id), Set({jwk})).status, 200);
  std::string base = emu_->base_url();
  auto grant = [&](const std::string& scope) {
    std::string claims = "{\"aud\":\"" + base + "/\",\"iss\":\"" + id + "\",\"scope\":\"" +
                         scope + "\",\"iat\":" + std::to_string(Now()) +
                         ",\"exp\":" + std::to_string(Now() + 60) + ",\"jti\":\"" +
                         base::HexEncode(crypto::RandomBytes(8)) + "\"}";
    return SignJwt(key, "RS256", R"({"alg":"RS256","kid":"ck1"})", claims);
  };
  auto [ok_status, ok_body] = PostGrant(base, grant("skatt:demo/read"));
  EXPECT_EQ(ok_status, 200) << ok_body;
  auto [bad_status, bad_body] = PostGrant(base, grant("difi:open"));
  EXPECT_EQ(bad_status, 400);
  EXPECT_NE(bad_body.find("MP-200"), std::string::npos);
  // Access revoked by the owner: forbidden (MP-250).
  std::string owner = admin_->Token(base, AdminFixture::kAllAdminScopes,
                                    AdminFixture::kOtherClientId);
  ASSERT_EQ(Call("DELETE", "/api/v1/scopes/access/310000108?scope=skatt%3Ademo%2Fread", "", owner)
                .status,
            200);
  auto [denied_status, denied_body] = PostGrant(base, grant("skatt:demo/read"));
  EXPECT_EQ(denied_status, 403);
  EXPECT_NE(denied_body.find("MP-250"), std::string::npos) << denied_body;
}

TEST_F(EmulatorJwksTest, PropagationDelayHoldsBackANewKey) {
  Start({"--propagation-delay", "3600"});
  std::string id = CreateClient("consumer");
  auto [key, jwk] = NewJwk("late");
  ASSERT_EQ(Call("POST", Jwks(id), Set({jwk})).status, 200);
  std::string base = emu_->base_url();
  std::string claims = "{\"aud\":\"" + base + "/\",\"iss\":\"" + id +
                       "\",\"scope\":\"skatt:demo/read\",\"iat\":" + std::to_string(Now()) +
                       ",\"exp\":" + std::to_string(Now() + 60) + "}";
  auto [status, body] =
      PostGrant(base, SignJwt(key, "RS256", R"({"alg":"RS256","kid":"late"})", claims));
  EXPECT_EQ(status, 400);
  EXPECT_NE(body.find("Unknown key identifier (kid) for client"), std::string::npos) << body;
}

}  // namespace
}  // namespace mpctl::testing
