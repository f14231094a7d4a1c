#include "base/url_parts.h"

#include <gtest/gtest.h>

namespace mpctl::base {
namespace {

TEST(UrlPartsTest, SplitsEveryPart) {
  auto parts = SplitUrl("HTTPS://user:pw@API.Example.no:8443/a/../b?x=1&y=2#frag");
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->scheme, "https");
  EXPECT_EQ(parts->host, "api.example.no");
  EXPECT_EQ(parts->port, "8443");
  EXPECT_EQ(parts->path, "/a/../b");
  EXPECT_EQ(parts->query, "x=1&y=2");
  EXPECT_EQ(parts->Origin(), "https://api.example.no:8443");
  EXPECT_EQ(parts->PathAndQuery(), "/a/../b?x=1&y=2");
}

TEST(UrlPartsTest, DefaultsAndIpv6) {
  auto plain = SplitUrl("http://LOCALHOST");
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(plain->host, "localhost");
  EXPECT_EQ(plain->port, "");
  EXPECT_EQ(plain->path, "/");
  EXPECT_EQ(plain->Origin(), "http://localhost");
  auto v6 = SplitUrl("http://[::1]:9000/token");
  ASSERT_TRUE(v6.has_value());
  EXPECT_EQ(v6->host, "[::1]");
  EXPECT_EQ(v6->port, "9000");
  EXPECT_EQ(v6->PathAndQuery(), "/token");
}

TEST(UrlPartsTest, RefusesTextWithoutSchemeOrHost) {
  EXPECT_FALSE(SplitUrl("").has_value());
  EXPECT_FALSE(SplitUrl("example.no/path").has_value());
  EXPECT_FALSE(SplitUrl("://example.no").has_value());
  EXPECT_FALSE(SplitUrl("https://").has_value());
}

TEST(UrlPartsTest, SplitsAsCurlConnects) {
  // curl skips surplus slashes: "https:///path" connects to host "path", so that is its host.
  auto parts = SplitUrl("https:///path");
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->host, "path");
  EXPECT_EQ(parts->path, "/");
}

TEST(UrlPartsTest, PercentEncodesAllButUnreserved) {
  EXPECT_EQ(PercentEncode("a:b/c"), "a%3Ab%2Fc");
  EXPECT_EQ(PercentEncode("digdir:scope.v1_x~-"), "digdir%3Ascope.v1_x~-");
  EXPECT_EQ(PercentEncode("æ ?&"), "%C3%A6%20%3F%26");
  EXPECT_EQ(PercentEncode(""), "");
}

}  // namespace
}  // namespace mpctl::base
