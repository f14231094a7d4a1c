#include <gtest/gtest.h>

#include <string>

#include "base/strings.h"
#include "crypto/keys.h"

namespace mpctl::crypto {
namespace {

// RFC 7638 §3.1.
constexpr char kRfcN[] =
    "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECP"
    "ebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2Qvz"
    "qY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6We"
    "Zu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
constexpr char kRfcThumbprint[] = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

std::string RfcJwk(const std::string& extra) {
  return std::string(R"({"kty":"RSA","n":")") + kRfcN + R"(","e":"AQAB")" + extra + "}";
}

std::string ErrorOf(const std::string& json) {
  auto parsed = ParsePublicKey(json, PrivateKeyPolicy::kReject);
  EXPECT_FALSE(parsed.ok());
  return parsed.ok() ? "" : parsed.error().message;
}

TEST(JwkTest, ThumbprintMatchesRfc7638Example) {
  auto parsed =
      ParsePublicKey(RfcJwk(R"(,"alg":"RS256","kid":"2011-04-29")"), PrivateKeyPolicy::kReject);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->format, KeyFormat::kJwk);
  EXPECT_EQ(parsed->key.bits, 2048);
  EXPECT_EQ(parsed->jwk_kid, "2011-04-29");
  EXPECT_EQ(Thumbprint(parsed->key), kRfcThumbprint);
  EXPECT_EQ(Thumbprint(RsaPublicKey{kRfcN, "AQAB", 2048}), kRfcThumbprint);
}

TEST(JwkTest, StripsLeadingZeroBytes) {
  // "AA" + n: one zero byte in front of the modulus (its base64url shifts, so re-encode).
  auto plain = ParsePublicKey(RfcJwk(""), PrivateKeyPolicy::kReject);
  ASSERT_TRUE(plain.ok());
  auto n = base::Base64Decode(kRfcN);
  ASSERT_TRUE(n.has_value());
  std::string padded_n = base::Base64UrlEncode(std::string(1, '\0') + *n);
  std::string padded_e = base::Base64UrlEncode(std::string("\0\0\x01\x00\x01", 5));
  auto parsed =
      ParsePublicKey(R"({"kty":"RSA","n":")" + padded_n + R"(","e":")" + padded_e + R"("})",
                     PrivateKeyPolicy::kReject);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->key.n, kRfcN);
  EXPECT_EQ(parsed->key.e, "AQAB");
  EXPECT_EQ(Thumbprint(parsed->key), kRfcThumbprint);
}

TEST(JwkTest, WritesMembersInOrder) {
  RsaPublicKey key{"bg", "AQAB", 2048};
  EXPECT_EQ(PublicJwkJson(key, "k-1", "RS256"),
            R"({"kty":"RSA","use":"sig","alg":"RS256","kid":"k-1","n":"bg","e":"AQAB"})");
  EXPECT_EQ(PublicJwkJson(key, "", "RS256"),
            R"({"kty":"RSA","use":"sig","alg":"RS256","n":"bg","e":"AQAB"})");
}

TEST(JwkTest, ChecksMembers) {
  EXPECT_EQ(ErrorOf(R"({"kty":"EC","crv":"P-256"})"),
            "JWK member 'kty' is 'EC'; only 'RSA' is supported");
  EXPECT_EQ(ErrorOf(R"({"n":"AQAB","e":"AQAB"})"), "JWK member 'kty' is missing; expected 'RSA'");
  EXPECT_EQ(ErrorOf(RfcJwk(R"(,"use":"enc")")), "JWK member 'use' is 'enc'; it must be 'sig'");
  EXPECT_EQ(ErrorOf(RfcJwk(R"(,"alg":"PS256")")),
            "JWK member 'alg' is 'PS256'; use RS256, RS384 or RS512");
  EXPECT_EQ(ErrorOf(RfcJwk(R"(,"kid":7)")), "JWK member 'kid' is not a string");
  EXPECT_EQ(ErrorOf(R"({"kty":"RSA","e":"AQAB"})"), "JWK member 'n' is missing");
  EXPECT_EQ(ErrorOf(R"({"kty":"RSA","n":"ab+/","e":"AQAB"})"), "JWK member 'n' is not base64url");
  EXPECT_EQ(ErrorOf(R"({"kty":"RSA","n":"abc=","e":"AQAB"})"), "JWK member 'n' is not base64url");
  EXPECT_EQ(ErrorOf(std::string(R"({"kty":"RSA","n":")") + kRfcN + R"(","e":""})"),
            "JWK member 'e' is empty");
  EXPECT_EQ(ErrorOf(R"({"kty":"RSA","n":"AQAB","e":"AQAB"})"),
            "RSA key of 17 bits is too small; use at least 2048");
  EXPECT_EQ(ErrorOf(R"({"keys":[]})"), "is a JWK set; give a single JWK object");
  EXPECT_EQ(ErrorOf(R"({"kty":"RSA",)"),
            "is not valid JSON: missing a name for object member at byte 13");
  EXPECT_EQ(ErrorOf(RfcJwk(R"(,"qi":"AQAB")")), "is a private key; give the public key only");
}

}  // namespace
}  // namespace mpctl::crypto
