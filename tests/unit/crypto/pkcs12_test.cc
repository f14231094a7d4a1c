#include <gtest/gtest.h>

#include <string>

#include "crypto/keys.h"
#include "support/test_keys.h"

namespace mpctl::crypto {
namespace {

using ::mpctl::testing::Pkcs12Cipher;

// A leaf key with a certificate issued by a CA, as business certificates come.
class Pkcs12Test : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto* f = new Fixture;
    f->leaf_key = testing::GenerateRsaPem(2048);
    f->ca_key = testing::GenerateRsaPem(2048);
    f->ca_cert = testing::SelfSignedCertificatePem(f->ca_key, "mpctl test CA");
    f->leaf_cert =
        testing::IssueCertificatePem(f->leaf_key, "mpctl test org", f->ca_key, "mpctl test CA");
    fixture_ = f;
  }
  static void TearDownTestSuite() { delete fixture_; }

  struct Fixture {
    std::string leaf_key, ca_key, ca_cert, leaf_cert;
  };
  static const Fixture& F() { return *fixture_; }

  static std::string P12(std::string_view password, Pkcs12Cipher cipher = Pkcs12Cipher::kDefault) {
    return testing::MakePkcs12(F().leaf_key, F().leaf_cert, {F().ca_cert}, password, cipher);
  }

  static void ExpectBundle(const base::Result<CertificateBundle>& bundle) {
    ASSERT_TRUE(bundle.ok()) << bundle.error().message;
    ASSERT_EQ(bundle->chain_der.size(), 2u);
    EXPECT_EQ(bundle->chain_der[0], testing::PemToDer(F().leaf_cert));
    EXPECT_EQ(bundle->chain_der[1], testing::PemToDer(F().ca_cert));
    auto leaf_public = CertificatePublicKey(bundle->chain_der[0]);
    ASSERT_TRUE(leaf_public.ok()) << leaf_public.error().message;
    EXPECT_EQ(bundle->key.Public().n, leaf_public->n);
    auto signature = bundle->key.Sign("RS256", "data");
    ASSERT_TRUE(signature.ok());
    EXPECT_TRUE(VerifySignature(*leaf_public, "RS256", "data", *signature));
  }

 private:
  static Fixture* fixture_;
};
Pkcs12Test::Fixture* Pkcs12Test::fixture_ = nullptr;

TEST_F(Pkcs12Test, ReadsKeyAndChainLeafFirst) {
  ExpectBundle(LoadPkcs12(P12("s3cret-pass"), base::Secret("s3cret-pass"), "cert.p12"));
}

TEST_F(Pkcs12Test, ReadsAnEmptyPassword) {
  ExpectBundle(LoadPkcs12(P12(""), base::Secret(""), "cert.p12"));
}

TEST_F(Pkcs12Test, ReadsLegacyRc2Bundles) {
  ExpectBundle(
      LoadPkcs12(P12("old-pass", Pkcs12Cipher::kLegacyRc2), base::Secret("old-pass"), "old.pfx"));
}

TEST_F(Pkcs12Test, WrongPasswordNamesTheOriginOnly) {
  auto bundle = LoadPkcs12(P12("s3cret-pass"), base::Secret("guessed-pass"), "cert.p12");
  ASSERT_FALSE(bundle.ok());
  EXPECT_EQ(bundle.error().message, "cert.p12: wrong password for this PKCS#12 file");
  EXPECT_EQ(bundle.error().message.find("guessed-pass"), std::string::npos);
}

TEST_F(Pkcs12Test, RefusesWhatIsNotPkcs12) {
  auto bundle = LoadPkcs12(testing::PemToDer(F().leaf_cert), base::Secret("x"), "cert.p12");
  ASSERT_FALSE(bundle.ok());
  EXPECT_EQ(bundle.error().message, "cert.p12: is not a PKCS#12 file (.p12 or .pfx)");
}

TEST_F(Pkcs12Test, RefusesSmallKeys) {
  const std::string small = testing::GenerateRsaPem(1024);
  const std::string p12 =
      testing::MakePkcs12(small, testing::SelfSignedCertificatePem(small), {}, "pw");
  auto bundle = LoadPkcs12(p12, base::Secret("pw"), "cert.p12");
  ASSERT_FALSE(bundle.ok());
  EXPECT_EQ(bundle.error().message,
            "cert.p12: RSA key of 1024 bits is too small; use at least 2048");
}

}  // namespace
}  // namespace mpctl::crypto
