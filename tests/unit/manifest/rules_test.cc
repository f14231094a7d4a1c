#include "manifest/rules.h"

#include <gtest/gtest.h>

#include <string>

namespace mpctl::manifest {
namespace {

TEST(RulesTest, OrgnoNeedsNineDigitsAndTheMod11CheckDigit) {
  EXPECT_FALSE(IsValidOrgno("310000109"));  // check digit off by one
  EXPECT_FALSE(IsValidOrgno("31000010"));
  EXPECT_FALSE(IsValidOrgno("3100001080"));
  EXPECT_FALSE(IsValidOrgno("31000010x"));
  EXPECT_FALSE(IsValidOrgno(""));
  EXPECT_FALSE(IsValidOrgno("910000001"));  // remainder 1: check digit would be 10
  EXPECT_TRUE(IsValidOrgno("310000108"));
  EXPECT_TRUE(IsValidOrgno("987654325"));
  EXPECT_TRUE(IsValidOrgno("912345602"));
  EXPECT_TRUE(IsValidOrgno("974760673"));  // Brønnøysundregistrene itself
}

TEST(RulesTest, OrgnoWithRemainderZeroHasCheckDigitZero) {
  // 3*3+1*2 = 11: remainder 0 gives check digit 0, not 11.
  EXPECT_TRUE(IsValidOrgno("310000000"));
  EXPECT_FALSE(IsValidOrgno("310000001"));
}

TEST(RulesTest, ClientNames) {
  EXPECT_FALSE(IsValidClientName(""));
  EXPECT_FALSE(IsValidClientName("Invoice"));
  EXPECT_FALSE(IsValidClientName("invoice_sync"));
  EXPECT_FALSE(IsValidClientName(std::string(64, 'a')));
  EXPECT_TRUE(IsValidClientName(std::string(63, 'a')));
  EXPECT_TRUE(IsValidClientName("invoice-sync-2"));
}

TEST(RulesTest, ScopeNames) {
  EXPECT_FALSE(IsValidScopeName("invoices"));
  EXPECT_FALSE(IsValidScopeName(":read"));
  EXPECT_FALSE(IsValidScopeName("payments:"));
  EXPECT_FALSE(IsValidScopeName("Payments:read"));
  EXPECT_FALSE(IsValidScopeName("payments:in voices"));
  EXPECT_TRUE(IsValidScopeName("skatteetaten:mvameldingvalidering"));
  EXPECT_TRUE(IsValidScopeName("nav:arbeid/test/scope"));
  EXPECT_TRUE(IsValidScopeName("payments:invoices.read"));
  EXPECT_TRUE(IsValidScopeName("acme:product:name"));
}

TEST(RulesTest, KidsAndVariableNames) {
  EXPECT_FALSE(IsValidKid(""));
  EXPECT_FALSE(IsValidKid("a b"));
  EXPECT_FALSE(IsValidKid("a/b"));
  EXPECT_TRUE(IsValidKid("Acme.batch_test-2026"));
  EXPECT_FALSE(IsValidVariableName("1VAR"));
  EXPECT_FALSE(IsValidVariableName("MY-VAR"));
  EXPECT_TRUE(IsValidVariableName("_MY_VAR2"));
}

}  // namespace
}  // namespace mpctl::manifest
