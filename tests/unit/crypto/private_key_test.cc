#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/strings.h"
#include "crypto/keys.h"
#include "support/test_keys.h"

namespace mpctl::crypto {
namespace {

class PrivateKeyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto key = PrivateKey::Generate(2048);
    MPCTL_CHECK(key.ok());
    key_ = new PrivateKey(std::move(*key));
  }
  static void TearDownTestSuite() { delete key_; }
  static const PrivateKey& Key() { return *key_; }

 private:
  static PrivateKey* key_;
};
PrivateKey* PrivateKeyTest::key_ = nullptr;

std::string FromPemError(const std::string& pem) {
  auto key = PrivateKey::FromPem(base::Secret(pem), "admin.pem");
  EXPECT_FALSE(key.ok());
  return key.ok() ? "" : key.error().message;
}

TEST_F(PrivateKeyTest, GeneratesTheAskedSize) {
  EXPECT_EQ(Key().Public().bits, 2048);
  EXPECT_EQ(Key().Public().e, "AQAB");
  auto small = PrivateKey::Generate(1024);
  ASSERT_FALSE(small.ok());
  EXPECT_EQ(small.error().message, "RSA key size 1024 is not supported; use 2048, 3072 or 4096");
}

TEST_F(PrivateKeyTest, GeneratesLargerKeys) {
  auto key = PrivateKey::Generate(3072);
  ASSERT_TRUE(key.ok()) << key.error().message;
  EXPECT_EQ(key->Public().bits, 3072);
  auto signature = key->Sign("RS384", "x");
  ASSERT_TRUE(signature.ok());
  EXPECT_EQ(signature->size(), 384u);
  EXPECT_TRUE(VerifySignature(key->Public(), "RS384", "x", *signature));
}

TEST_F(PrivateKeyTest, SignsAndVerifiesEveryAlgorithm) {
  const std::string data = "header.payload";
  for (const char* alg : {"RS256", "RS384", "RS512"}) {
    SCOPED_TRACE(alg);
    auto signature = Key().Sign(alg, data);
    ASSERT_TRUE(signature.ok()) << signature.error().message;
    EXPECT_EQ(signature->size(), 256u);
    EXPECT_TRUE(VerifySignature(Key().Public(), alg, data, *signature));
    EXPECT_FALSE(VerifySignature(Key().Public(), alg, data + "x", *signature));
    std::string tampered = *signature;
    tampered[10] = static_cast<char>(tampered[10] ^ 0x01);
    EXPECT_FALSE(VerifySignature(Key().Public(), alg, data, tampered));
  }
  auto rs256 = Key().Sign("RS256", data);
  ASSERT_TRUE(rs256.ok());
  EXPECT_FALSE(VerifySignature(Key().Public(), "RS512", data, *rs256));
  EXPECT_FALSE(VerifySignature(Key().Public(), "HS256", data, *rs256));
  auto other = PrivateKey::Generate(2048);
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(VerifySignature(other->Public(), "RS256", data, *rs256));
}

TEST_F(PrivateKeyTest, SignatureIsDeterministicPkcs1V15) {
  // PKCS#1 v1.5 has no randomness (PSS would differ each time).
  EXPECT_EQ(*Key().Sign("RS256", "x"), *Key().Sign("RS256", "x"));
}

TEST_F(PrivateKeyTest, RefusesUnknownAlgorithm) {
  auto signature = Key().Sign("PS256", "x");
  ASSERT_FALSE(signature.ok());
  EXPECT_EQ(signature.error().message,
            "signature algorithm 'PS256' is not supported; use RS256, RS384 or RS512");
}

TEST_F(PrivateKeyTest, ReadsPkcs8Pkcs1AndBase64) {
  const std::string pkcs8(Key().ToPem().Reveal());
  ASSERT_TRUE(base::StartsWith(pkcs8, "-----BEGIN PRIVATE KEY-----"));
  const std::vector<std::string> inputs = {pkcs8,
                                           testing::Pkcs1PrivatePem(pkcs8),
                                           base::Base64Encode(pkcs8),
                                           base::Base64Encode(testing::Pkcs1PrivatePem(pkcs8)),
                                           base::Base64Encode(testing::PrivateKeyDer(pkcs8)),
                                           "\n  " + pkcs8 + "\n\n"};
  for (const auto& input : inputs) {
    auto key = PrivateKey::FromPem(base::Secret(input), "admin.pem");
    ASSERT_TRUE(key.ok()) << key.error().message;
    EXPECT_EQ(key->Public().n, Key().Public().n);
    EXPECT_EQ(Thumbprint(key->Public()), Thumbprint(Key().Public()));
    // The key read back signs like the original.
    EXPECT_EQ(*key->Sign("RS256", "x"), *Key().Sign("RS256", "x"));
  }
}

TEST_F(PrivateKeyTest, ErrorsNameTheOriginAndNotTheKey) {
  const std::string pkcs8(Key().ToPem().Reveal());
  EXPECT_EQ(FromPemError(testing::SpkiPem(pkcs8)),
            "admin.pem: holds a public key or certificate, not a private key");
  EXPECT_EQ(FromPemError("garbage!"),
            "admin.pem: is not a private key in PEM, or base64 of PEM or DER");
  EXPECT_EQ(FromPemError(""), "admin.pem: is empty; give a private key in PEM");
  EXPECT_EQ(FromPemError(testing::GenerateEcPem()),
            "admin.pem: key type 'EC' is not supported; use an RSA key of at least 2048 bits");
  EXPECT_EQ(FromPemError(testing::GenerateRsaPem(1024)),
            "admin.pem: RSA key of 1024 bits is too small; use at least 2048");
  // A damaged body: cut a line out of the middle.
  std::vector<std::string> lines = base::Split(pkcs8, '\n');
  lines.erase(lines.begin() + 3);
  const std::string damaged = base::Join(lines, "\n");
  const std::string message = FromPemError(damaged);
  EXPECT_EQ(message, "admin.pem: is not a readable private key");
  for (const auto& line : lines) {
    if (!base::StartsWith(line, "-----") && !line.empty()) {
      EXPECT_EQ(message.find(line), std::string::npos);
    }
  }
  EXPECT_EQ(FromPemError("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n"
                         "-----END ENCRYPTED PRIVATE KEY-----\n"),
            "admin.pem: is an encrypted private key; decrypt it first, e.g. with 'openssl pkey'");
}

}  // namespace
}  // namespace mpctl::crypto
