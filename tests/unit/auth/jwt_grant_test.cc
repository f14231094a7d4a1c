#include "auth/jwt_grant.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <set>

#include "base/strings.h"
#include "support/test_keys.h"

namespace mpctl::auth {
namespace {

struct DecodedJwt {
  rapidjson::Document header;
  rapidjson::Document claims;
  std::string signing_input;
  std::string signature;
};

DecodedJwt Decode(std::string_view jwt) {
  auto parts = base::Split(jwt, '.');
  EXPECT_EQ(parts.size(), 3u);
  DecodedJwt out;
  out.header.Parse(base::Base64Decode(parts[0]).value_or("").c_str());
  out.claims.Parse(base::Base64Decode(parts[1]).value_or("").c_str());
  out.signing_input = parts[0] + "." + parts[1];
  out.signature = base::Base64Decode(parts[2]).value_or("");
  EXPECT_TRUE(out.header.IsObject());
  EXPECT_TRUE(out.claims.IsObject());
  return out;
}

crypto::PrivateKey NewKey() {
  auto key = crypto::PrivateKey::Generate(2048);
  EXPECT_TRUE(key.ok());
  return std::move(key.value());
}

GrantClaims Claims() {
  return GrantClaims{"admin-client-id", "https://test.maskinporten.no/",
                     {"idporten:dcr.read", "idporten:scopes.read"}, 1'790'000'000, 300};
}

TEST(JwtGrantTest, KidGrantHasTheClaimsAndAVerifiableSignature) {
  crypto::PrivateKey key = NewKey();
  crypto::RsaPublicKey public_key = key.Public();
  GrantSigner signer = GrantSigner::WithKid(std::move(key), "admin-kid-1");
  auto jwt = signer.Sign(Claims());
  ASSERT_TRUE(jwt.ok()) << jwt.error().message;
  DecodedJwt d = Decode(jwt->Reveal());

  EXPECT_STREQ(d.header["alg"].GetString(), "RS256");
  EXPECT_STREQ(d.header["kid"].GetString(), "admin-kid-1");
  EXPECT_FALSE(d.header.HasMember("x5c"));
  EXPECT_STREQ(d.claims["iss"].GetString(), "admin-client-id");
  EXPECT_STREQ(d.claims["aud"].GetString(), "https://test.maskinporten.no/");
  EXPECT_STREQ(d.claims["scope"].GetString(), "idporten:dcr.read idporten:scopes.read");
  EXPECT_EQ(d.claims["iat"].GetInt64(), 1'790'000'000);
  EXPECT_LE(d.claims["exp"].GetInt64() - d.claims["iat"].GetInt64(), 120);
  EXPECT_GT(d.claims["exp"].GetInt64(), d.claims["iat"].GetInt64());
  EXPECT_GE(d.claims["jti"].GetStringLength(), 16u);
  EXPECT_TRUE(crypto::VerifySignature(public_key, "RS256", d.signing_input, d.signature));
  EXPECT_FALSE(crypto::VerifySignature(public_key, "RS256", d.signing_input + "x", d.signature));
}

TEST(JwtGrantTest, EveryGrantHasAFreshJti) {
  GrantSigner signer = GrantSigner::WithKid(NewKey(), "k");
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    auto jwt = signer.Sign(Claims());
    ASSERT_TRUE(jwt.ok());
    seen.insert(Decode(jwt->Reveal()).claims["jti"].GetString());
  }
  EXPECT_EQ(seen.size(), 20u);
}

TEST(JwtGrantTest, CertificateGrantCarriesTheChainLeafFirstAsStandardBase64) {
  std::string ca_pem = testing::GenerateRsaPem();
  std::string leaf_pem = testing::GenerateRsaPem();
  std::string leaf_cert = testing::IssueCertificatePem(leaf_pem, "business", ca_pem, "test ca");
  std::string ca_cert = testing::SelfSignedCertificatePem(ca_pem, "test ca");
  std::vector<std::string> chain = {testing::PemToDer(leaf_cert), testing::PemToDer(ca_cert)};
  auto key = crypto::PrivateKey::FromPem(base::Secret(leaf_pem), "leaf");
  ASSERT_TRUE(key.ok());
  crypto::RsaPublicKey public_key = key->Public();
  GrantSigner signer = GrantSigner::WithCertificateChain(std::move(key.value()), chain);
  auto jwt = signer.Sign(Claims());
  ASSERT_TRUE(jwt.ok());
  DecodedJwt d = Decode(jwt->Reveal());

  EXPECT_FALSE(d.header.HasMember("kid"));
  ASSERT_TRUE(d.header["x5c"].IsArray());
  ASSERT_EQ(d.header["x5c"].Size(), 2u);
  EXPECT_EQ(d.header["x5c"][0].GetString(), base::Base64Encode(chain[0]));
  EXPECT_EQ(d.header["x5c"][1].GetString(), base::Base64Encode(chain[1]));
  auto cert_key = crypto::CertificatePublicKey(chain[0]);
  ASSERT_TRUE(cert_key.ok());
  EXPECT_EQ(cert_key->n, public_key.n);
  EXPECT_TRUE(crypto::VerifySignature(*cert_key, "RS256", d.signing_input, d.signature));
}

}  // namespace
}  // namespace mpctl::auth
