// VerifyCertificateChain: the emulator's business-certificate check.
#include <gtest/gtest.h>

#include <chrono>

#include "crypto/keys.h"
#include "support/test_keys.h"

namespace mpctl::crypto {
namespace {

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class CertificateTest : public ::testing::Test {
 protected:
  std::string ca_key_ = testing::GenerateRsaPem();
  std::string ca_ = testing::CaCertificatePem(ca_key_, "test CA");
  std::string leaf_key_ = testing::GenerateRsaPem();
  std::string Leaf(const std::string& orgno, int days = 365) const {
    testing::CertificateOptions options;
    options.orgno = orgno;
    options.days = days;
    return testing::IssueCertificatePem(leaf_key_, "Acme AS", ca_key_, "test CA", options);
  }
};

TEST_F(CertificateTest, ChainToATrustedCaGivesTheKeyAndOrgno) {
  auto identity = VerifyCertificateChain(
      {testing::PemToDer(Leaf("310000108")), testing::PemToDer(ca_)}, {ca_}, Now());
  ASSERT_TRUE(identity.ok()) << identity.error().message;
  EXPECT_EQ(identity->orgno, "310000108");
  auto expected = ParsePublicKey(testing::SpkiPem(leaf_key_), PrivateKeyPolicy::kReject);
  EXPECT_EQ(identity->key.n, expected->key.n);
  auto without_orgno = VerifyCertificateChain({testing::PemToDer(Leaf(""))}, {ca_}, Now());
  ASSERT_TRUE(without_orgno.ok());
  EXPECT_EQ(without_orgno->orgno, "");
}

TEST_F(CertificateTest, SelfSignedLeafOtherCaAndExpiryAreRefused) {
  testing::CertificateOptions self;
  self.orgno = "310000108";
  std::string self_signed =
      testing::IssueCertificatePem(leaf_key_, "Acme AS", leaf_key_, "Acme AS", self);
  auto refused = VerifyCertificateChain({testing::PemToDer(self_signed)}, {ca_}, Now());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message.rfind(
                "the certificate chain does not lead to a trusted certificate authority: ", 0),
            0u)
      << refused.error().message;

  std::string other_ca = testing::CaCertificatePem(testing::GenerateRsaPem(), "test CA");
  EXPECT_FALSE(
      VerifyCertificateChain({testing::PemToDer(Leaf("310000108"))}, {other_ca}, Now()).ok());
  EXPECT_FALSE(VerifyCertificateChain({testing::PemToDer(Leaf("310000108"))}, {}, Now()).ok());
  // Judged at the given time: a year and a day later it has expired.
  EXPECT_FALSE(
      VerifyCertificateChain({testing::PemToDer(Leaf("310000108"))}, {ca_}, Now() + 366 * 86400)
          .ok());
  auto garbage = VerifyCertificateChain({"not der"}, {ca_}, Now());
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().message, "x5c[0] is not a DER X.509 certificate");
}

}  // namespace
}  // namespace mpctl::crypto
