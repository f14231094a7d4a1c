#include "model/ownership.h"

#include <gtest/gtest.h>

namespace mpctl::model {
namespace {

TEST(OwnershipTest, ForeignNamespaceIsNotOurs) {
  EXPECT_FALSE(ParseOwnershipTag("x [mpctl:other/sync]", "payments").has_value());
  EXPECT_FALSE(ParseOwnershipTag("x [mpctl:other/sync]", "").has_value());
  EXPECT_FALSE(ParseOwnershipTag("x [mpctl:sync]", "payments").has_value());
  EXPECT_FALSE(ParseOwnershipTag("no tag", "").has_value());
  EXPECT_FALSE(ParseOwnershipTag("[mpctl:sync] then text", "").has_value());
}

TEST(OwnershipTest, TagRoundTrips) {
  std::string d = WithOwnershipTag("Sends invoices", "payments", "invoice-sync");
  EXPECT_EQ(d, "Sends invoices [mpctl:payments/invoice-sync]");
  EXPECT_EQ(ParseOwnershipTag(d, "payments"), "invoice-sync");
  EXPECT_EQ(StripOwnershipTag(d), "Sends invoices");
  EXPECT_EQ(WithOwnershipTag("", "", "a"), "[mpctl:a]");
  EXPECT_EQ(StripOwnershipTag("[mpctl:a]"), "");
}

}  // namespace
}  // namespace mpctl::model
