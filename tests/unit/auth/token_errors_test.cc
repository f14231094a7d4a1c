#include "auth/token_errors.h"

#include <gmock/gmock.h>

namespace mpctl::auth {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The facts of a grant signed with kid 'k1', or with a business certificate.
TokenRequestFacts Facts(bool certificate = false) {
  return {"/token",
          "admin",
          "https://test.maskinporten.no/",
          certificate ? "business certificate" : "kid 'k1'",
          certificate,
          {"idporten:dcr.read"}};
}

std::string Describe(std::string_view description, const TokenRequestFacts& facts) {
  std::string body =
      "{\"error\":\"invalid_grant\",\"error_description\":\"" + std::string(description) + "\"}";
  return DescribeTokenError(400, body, facts).message;
}

TEST(TokenErrorsTest, UnknownKidAsksToRegisterTheKey) {
  std::string message = Describe("Unknown key identifier (kid) for client", Facts());
  EXPECT_THAT(message, HasSubstr("register the public key of kid 'k1' on client 'admin'"));
}

TEST(TokenErrorsTest, KeyRefusedWhereACertificateIsRequiredSaysToUseTheCertificate) {
  std::string message = Describe(
      "admin client 'admin' must sign in with a business certificate (x5c), not a registered "
      "key (kid)",
      Facts());
  EXPECT_THAT(message, HasSubstr("may not sign in with kid 'k1'"));
  EXPECT_THAT(message, HasSubstr("certificate_file and password_env"));
  EXPECT_THAT(message, Not(HasSubstr("register the public key")));
}

TEST(TokenErrorsTest, CertificateRefusedWhereAKeyIsRequiredSaysToUseAKey) {
  std::string message = Describe(
      "admin client 'admin' must sign in with a registered key (kid), not a certificate (x5c)",
      Facts(/*certificate=*/true));
  EXPECT_THAT(message, HasSubstr("may not sign in with business certificate"));
  EXPECT_THAT(message, HasSubstr("key_file or key_env, and kid"));
}

TEST(TokenErrorsTest, ClockAndAudienceHints) {
  EXPECT_THAT(Describe("Invalid assertion. Issue time is not within the allowed window", Facts()),
              HasSubstr("check the machine's clock"));
  EXPECT_THAT(Describe("Invalid audience", Facts()),
              HasSubstr("wrong aud 'https://test.maskinporten.no/'"));
}

}  // namespace
}  // namespace mpctl::auth
