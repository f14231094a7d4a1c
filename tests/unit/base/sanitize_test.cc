#include "base/sanitize.h"

#include <gtest/gtest.h>

namespace mpctl::base {
namespace {

TEST(SanitizeTest, EscapeControlWritesControlCharactersVisibly) {
  EXPECT_EQ(EscapeControl("a\x1b[2J\r\n\tb\x7f"), "a\\x1b[2J\\r\\n\\tb\\x7f");
  EXPECT_EQ(EscapeControl("a\nb", /*keep_newlines=*/true), "a\nb");
  EXPECT_EQ(EscapeControl(std::string("nul\0x", 5)), "nul\\x00x");
}

TEST(SanitizeTest, EscapeControlEscapesC1AndBrokenUtf8ButKeepsLetters) {
  EXPECT_EQ(EscapeControl("\xc2\x9b"
                          "31m"),
            "\\u009b31m");
  EXPECT_EQ(EscapeControl("bl\xe5"), "bl\\xe5");
  EXPECT_EQ(EscapeControl("blåbær Ωμέγα"), "blåbær Ωμέγα");
}

TEST(SanitizeTest, EscapeControlEscapesBidiControls) {
  EXPECT_EQ(EscapeControl("a\xe2\x80\xae"
                          "b"),
            "a\\u202eb");  // RIGHT-TO-LEFT OVERRIDE
  EXPECT_EQ(EscapeControl("\xe2\x81\xa6x\xe2\x81\xa9"), "\\u2066x\\u2069");  // isolates
  EXPECT_EQ(EscapeControl("\xe2\x80\x8f"), "\\u200f");                       // RIGHT-TO-LEFT MARK
  EXPECT_EQ(EscapeControl("\xe2\x80\x94"), "\xe2\x80\x94");                  // an em dash stays
}

TEST(SanitizeTest, TruncateCutsOutsideUtf8Sequences) {
  EXPECT_EQ(Truncate("abc", 3), "abc");
  EXPECT_EQ(Truncate("abcdef", 3), "abc... (3 more bytes)");
  EXPECT_EQ(Truncate("aø", 2), "a... (2 more bytes)");
}

TEST(SanitizeTest, ScrubSecretsRedactsJwtsAndBearerValues) {
  std::string jwt = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJl";
  std::string out = ScrubSecrets("bad grant: assertion=" + jwt + "&x=1, Bearer abc.defghijklmnopqrs");
  EXPECT_EQ(out.find(jwt), std::string::npos) << out;
  EXPECT_EQ(out.find("abc.defghijklmnopqrs"), std::string::npos) << out;
  EXPECT_EQ(ScrubSecrets("a bearer token in prose"), "a bearer token in prose");
  EXPECT_NE(out.find("[redacted]"), std::string::npos);
  EXPECT_EQ(ScrubSecrets("nothing secret here"), "nothing secret here");
}

TEST(SanitizeTest, B64TokenFollowsRfc6750) {
  EXPECT_TRUE(IsB64Token("abc-._~+/XYZ09=="));
  EXPECT_FALSE(IsB64Token(""));
  EXPECT_FALSE(IsB64Token("abc\r\nX-Injected: 1"));
  EXPECT_FALSE(IsB64Token("a b"));
  EXPECT_FALSE(IsB64Token("==abc"));
  EXPECT_FALSE(IsB64Token("ab=c"));
}

}  // namespace
}  // namespace mpctl::base
