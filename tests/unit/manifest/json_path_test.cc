#include "manifest/json_path.h"

#include <gtest/gtest.h>

namespace mpctl::manifest {
namespace {

TEST(JsonPathTest, QuotesSegmentsThatAreNotPlainNames) {
  EXPECT_EQ(JsonPathMember("", "scopes"), "scopes");
  EXPECT_EQ(JsonPathMember("scopes", "payments:invoices.read"),
            "scopes[\"payments:invoices.read\"]");
  EXPECT_EQ(JsonPathIndex(JsonPathMember("scopes[\"a:b\"]", "consumers"), 0),
            "scopes[\"a:b\"].consumers[0]");
  EXPECT_EQ(JsonPathMember("clients", "invoice-sync_2"), "clients.invoice-sync_2");
  EXPECT_EQ(JsonPathMember("clients", "has space"), "clients[\"has space\"]");
  EXPECT_EQ(JsonPathMember("", "a\"b"), "[\"a\\\"b\"]");
}

}  // namespace
}  // namespace mpctl::manifest
