#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/strings.h"
#include "crypto/keys.h"
#include "support/test_keys.h"

namespace mpctl::crypto {
namespace {

using ::mpctl::testing::GenerateRsaPem;

// One 2048-bit key for the whole suite: generating keys is the slow part.
class PublicKeyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { private_pem_ = new std::string(GenerateRsaPem(2048)); }
  static void TearDownTestSuite() { delete private_pem_; }
  static const std::string& PrivatePem() { return *private_pem_; }

  static ParsedPublicKey Parse(std::string_view data,
                               PrivateKeyPolicy policy = PrivateKeyPolicy::kReject) {
    auto parsed = ParsePublicKey(data, policy);
    EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message);
    return parsed.ok() ? *parsed : ParsedPublicKey{};
  }
  static std::string ErrorOf(std::string_view data,
                             PrivateKeyPolicy policy = PrivateKeyPolicy::kReject) {
    auto parsed = ParsePublicKey(data, policy);
    EXPECT_FALSE(parsed.ok()) << "parsed as " << (parsed.ok() ? Describe(parsed->format) : "");
    return parsed.ok() ? "" : parsed.error().message;
  }

 private:
  static std::string* private_pem_;
};
std::string* PublicKeyTest::private_pem_ = nullptr;

// The lines of a PEM's base64 body, none of which may appear in an error message.
std::vector<std::string> BodyLines(const std::string& pem) {
  std::vector<std::string> lines;
  for (const auto& line : base::Split(pem, '\n')) {
    if (!line.empty() && !base::StartsWith(line, "-----")) lines.push_back(line);
  }
  return lines;
}

TEST_F(PublicKeyTest, EveryAcceptedFormatGivesTheSameKey) {
  const ParsedPublicKey reference = Parse(testing::SpkiPem(PrivatePem()));
  ASSERT_EQ(reference.format, KeyFormat::kPemSpki);
  EXPECT_EQ(reference.key.bits, 2048);
  EXPECT_EQ(reference.key.e, "AQAB");
  EXPECT_FALSE(reference.was_private);

  const std::string cert_pem = testing::SelfSignedCertificatePem(PrivatePem());
  const std::string jwk = PublicJwkJson(reference.key, "k-1", "RS256");
  struct Case {
    std::string name;
    std::string data;
    KeyFormat format;
  };
  const std::vector<Case> cases = {
      {"spki pem", testing::SpkiPem(PrivatePem()), KeyFormat::kPemSpki},
      {"pkcs1 pem", testing::Pkcs1PublicPem(PrivatePem()), KeyFormat::kPemPkcs1},
      {"certificate pem", cert_pem, KeyFormat::kPemCertificate},
      {"spki der", testing::SpkiDer(PrivatePem()), KeyFormat::kDerSpki},
      {"certificate der", testing::PemToDer(cert_pem), KeyFormat::kDerCertificate},
      {"jwk", jwk, KeyFormat::kJwk},
      {"base64 of spki pem", base::Base64Encode(testing::SpkiPem(PrivatePem())),
       KeyFormat::kPemSpki},
      {"base64 of certificate pem", base::Base64Encode(cert_pem), KeyFormat::kPemCertificate},
      {"base64 of spki der", base::Base64Encode(testing::SpkiDer(PrivatePem())),
       KeyFormat::kDerSpki},
      {"base64 of certificate der", base::Base64Encode(testing::PemToDer(cert_pem)),
       KeyFormat::kDerCertificate},
      {"base64 of jwk", base::Base64Encode(jwk), KeyFormat::kJwk},
      {"pem with surrounding text", "subject=CN = x\n" + cert_pem + "\n\n",
       KeyFormat::kPemCertificate},
      {"jwk with byte order mark", "\xEF\xBB\xBF" + jwk + "\r\n", KeyFormat::kJwk},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    ParsedPublicKey parsed = Parse(c.data);
    EXPECT_EQ(parsed.format, c.format);
    EXPECT_EQ(parsed.key.n, reference.key.n);
    EXPECT_EQ(parsed.key.e, reference.key.e);
    EXPECT_EQ(parsed.key.bits, 2048);
    EXPECT_EQ(Thumbprint(parsed.key), Thumbprint(reference.key));
    EXPECT_FALSE(parsed.was_private);
  }
}

TEST_F(PublicKeyTest, KeepsJwkMembers) {
  ParsedPublicKey spki = Parse(testing::SpkiPem(PrivatePem()));
  ParsedPublicKey jwk = Parse(PublicJwkJson(spki.key, "payments-2026", "RS512"));
  EXPECT_EQ(jwk.jwk_kid, "payments-2026");
  EXPECT_EQ(jwk.jwk_alg, "RS512");
  EXPECT_EQ(jwk.jwk_use, "sig");
  EXPECT_TRUE(Parse(testing::SpkiPem(PrivatePem())).jwk_kid.empty());
}

TEST_F(PublicKeyTest, PublicKeyPemRoundTrips) {
  ParsedPublicKey parsed = Parse(testing::SpkiPem(PrivatePem()));
  auto pem = PublicKeyPem(parsed.key);
  ASSERT_TRUE(pem.ok()) << pem.error().message;
  EXPECT_EQ(*pem, testing::SpkiPem(PrivatePem()));
  EXPECT_FALSE(PublicKeyPem(RsaPublicKey{"", "AQAB", 0}).ok());
}

TEST_F(PublicKeyTest, CertificatePublicKeyReadsDer) {
  const std::string der = testing::PemToDer(testing::SelfSignedCertificatePem(PrivatePem()));
  auto key = CertificatePublicKey(der);
  ASSERT_TRUE(key.ok()) << key.error().message;
  EXPECT_EQ(key->n, Parse(testing::SpkiPem(PrivatePem())).key.n);
  auto bad = CertificatePublicKey("not a certificate");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "is not a DER X.509 certificate");
}

TEST_F(PublicKeyTest, RefusesPrivatePemWithoutEchoingIt) {
  for (const std::string& pem : {PrivatePem(), testing::Pkcs1PrivatePem(PrivatePem())}) {
    for (const std::string& input : {pem, base::Base64Encode(pem)}) {
      const std::string message = ErrorOf(input);
      EXPECT_EQ(message, "is a private key; give the public key only");
      for (const auto& line : BodyLines(pem)) EXPECT_EQ(message.find(line), std::string::npos);
    }
  }
}

TEST_F(PublicKeyTest, RefusesPrivateDerUnderReject) {
  EXPECT_EQ(ErrorOf(base::Base64Encode(testing::PrivateKeyDer(PrivatePem()))),
            "is a private key; give the public key only");
}

TEST_F(PublicKeyTest, DerivesPublicHalfWhenAsked) {
  const ParsedPublicKey reference = Parse(testing::SpkiPem(PrivatePem()));
  struct Case {
    std::string data;
    KeyFormat format;
  };
  const std::vector<Case> cases = {
      {PrivatePem(), KeyFormat::kPrivatePem},
      {testing::Pkcs1PrivatePem(PrivatePem()), KeyFormat::kPrivatePem},
      {base::Base64Encode(PrivatePem()), KeyFormat::kPrivatePem},
      {base::Base64Encode(testing::PrivateKeyDer(PrivatePem())), KeyFormat::kPrivateDer},
  };
  for (const auto& c : cases) {
    ParsedPublicKey parsed = Parse(c.data, PrivateKeyPolicy::kDerivePublic);
    EXPECT_EQ(parsed.format, c.format) << Describe(parsed.format);
    EXPECT_TRUE(parsed.was_private);
    EXPECT_EQ(parsed.key.n, reference.key.n);
    EXPECT_EQ(parsed.key.e, reference.key.e);
  }
}

TEST_F(PublicKeyTest, EncryptedPrivateKeyCannotGiveItsPublicHalf) {
  const std::string encrypted =
      "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n";
  EXPECT_EQ(ErrorOf(encrypted), "is a private key; give the public key only");
  EXPECT_EQ(ErrorOf(encrypted, PrivateKeyPolicy::kDerivePublic),
            "is an encrypted private key; decrypt it first, e.g. with 'openssl pkey'");
}

TEST_F(PublicKeyTest, RefusesPrivateJwkWithoutEchoingIt) {
  const ParsedPublicKey reference = Parse(testing::SpkiPem(PrivatePem()));
  // A private JWK's members are big numbers; one made-up value is enough to look for.
  const std::string secret_d = base::Base64UrlEncode("private exponent stand-in 0123456789");
  std::string jwk = PublicJwkJson(reference.key, "k", "RS256");
  jwk.insert(jwk.size() - 1, ",\"d\":\"" + secret_d + "\",\"p\":\"AQAB\"");
  const std::string message = ErrorOf(jwk);
  EXPECT_EQ(message, "is a private key; give the public key only");
  EXPECT_EQ(message.find(secret_d), std::string::npos);

  ParsedPublicKey derived = Parse(jwk, PrivateKeyPolicy::kDerivePublic);
  EXPECT_EQ(derived.format, KeyFormat::kPrivateJwk);
  EXPECT_TRUE(derived.was_private);
  EXPECT_EQ(derived.key.n, reference.key.n);
}

TEST_F(PublicKeyTest, RefusesSmallKeysWithTheSize) {
  const std::string small = GenerateRsaPem(1024);
  const std::string expected = "RSA key of 1024 bits is too small; use at least 2048";
  EXPECT_EQ(ErrorOf(testing::SpkiPem(small)), expected);
  EXPECT_EQ(ErrorOf(testing::Pkcs1PublicPem(small)), expected);
  EXPECT_EQ(ErrorOf(testing::SelfSignedCertificatePem(small)), expected);
  EXPECT_EQ(ErrorOf(base::Base64Encode(testing::SpkiDer(small))), expected);
  EXPECT_EQ(ErrorOf(small, PrivateKeyPolicy::kDerivePublic), expected);
}

TEST_F(PublicKeyTest, RefusesKeysThatAreNotRsa) {
  const std::string ec = testing::GenerateEcPem();
  const std::string expected =
      "key type 'EC' is not supported; use an RSA key of at least 2048 bits";
  EXPECT_EQ(ErrorOf(testing::SpkiPem(ec)), expected);
  EXPECT_EQ(ErrorOf(testing::SelfSignedCertificatePem(ec)), expected);
  EXPECT_EQ(ErrorOf(ec), "is a private key; give the public key only");
  EXPECT_EQ(ErrorOf(ec, PrivateKeyPolicy::kDerivePublic), expected);
}

TEST_F(PublicKeyTest, RefusesGarbageWithOneMessage) {
  const std::string expected = "is not a PEM public key, certificate, JWK or base64 of one";
  EXPECT_EQ(ErrorOf("hello, this is not a key"), expected);
  EXPECT_EQ(ErrorOf("QUJDREVGR0g="), expected);  // base64 of "ABCDEFGH"
  EXPECT_EQ(ErrorOf("-----BEGIN nonsense"), expected);
  EXPECT_EQ(ErrorOf("  \n"), "is empty; give a PEM public key, certificate or JWK");
  EXPECT_EQ(ErrorOf("-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n"),
            "is a PEM 'X509 CRL' block; give a public key, certificate or JWK");
  EXPECT_EQ(ErrorOf("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"),
            "is a PEM 'PUBLIC KEY' block that cannot be read");
}

TEST_F(PublicKeyTest, Pkcs1DerIsNotMistakenForAPrivateKey) {
  EXPECT_EQ(ErrorOf(base::Base64Encode(testing::Pkcs1PublicDer(PrivatePem()))),
            "is not a PEM public key, certificate, JWK or base64 of one");
}

}  // namespace
}  // namespace mpctl::crypto
