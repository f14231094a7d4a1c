#include "auth/token_claims.h"

#include <gtest/gtest.h>

#include "base/strings.h"

namespace mpctl::auth {
namespace {

std::string Jwt(const std::string& claims) {
  return base::Base64UrlEncode(R"({"alg":"RS256"})") + "." + base::Base64UrlEncode(claims) +
         ".c2ln";
}

TEST(TokenClaimsTest, NoOrganisationUnlessTheConsumerClaimSaysSo) {
  EXPECT_EQ(ConsumerOrgno("opaque-token"), std::nullopt);
  EXPECT_EQ(ConsumerOrgno("a.b"), std::nullopt);
  EXPECT_EQ(ConsumerOrgno(Jwt("not json")), std::nullopt);
  EXPECT_EQ(ConsumerOrgno(Jwt(R"({"scope":"x"})")), std::nullopt);
  EXPECT_EQ(ConsumerOrgno(Jwt(R"({"consumer":"0192:310000108"})")), std::nullopt);
  EXPECT_EQ(ConsumerOrgno(Jwt(R"({"consumer":{"ID":"9908:310000108"}})")), std::nullopt);
  EXPECT_EQ(ConsumerOrgno(Jwt(R"({"consumer":{"ID":"0192:"}})")), std::nullopt);
}

TEST(TokenClaimsTest, ReadsTheOrgnoOfTheConsumerClaim) {
  EXPECT_EQ(ConsumerOrgno(
                Jwt(R"({"consumer":{"authority":"iso6523-actorid-upis","ID":"0192:974761076"}})")),
            "974761076");
}

}  // namespace
}  // namespace mpctl::auth
