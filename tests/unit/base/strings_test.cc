#include "base/strings.h"

#include <gtest/gtest.h>

namespace mpctl::base {
namespace {

TEST(Base64Test, RejectsCharactersOutsideTheAlphabet) {
  EXPECT_FALSE(Base64Decode("ab$d").has_value());
  EXPECT_FALSE(Base64Decode("a").has_value());
}

TEST(Base64Test, RoundTripsBothAlphabets) {
  std::string bytes = "\xfb\xff\x00\x01 binary";
  bytes.push_back('\0');
  EXPECT_EQ(*Base64Decode(Base64Encode(bytes)), bytes);
  EXPECT_EQ(*Base64Decode(Base64UrlEncode(bytes)), bytes);
  EXPECT_EQ(Base64Encode("ab"), "YWI=");
  EXPECT_EQ(Base64UrlEncode("ab"), "YWI");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
}

TEST(Base64Test, StandardVariantTakesOnlyThePaddedStandardAlphabet) {
  std::string bytes = "\xfb\xff";
  EXPECT_EQ(Base64Encode(bytes), "+/8=");
  EXPECT_EQ(Base64DecodeStandard("+/8="), bytes);
  EXPECT_EQ(Base64DecodeStandard("YQ=="), "a");
  EXPECT_EQ(Base64DecodeStandard(""), "");
  EXPECT_FALSE(Base64DecodeStandard("-_8=").has_value());  // URL-safe alphabet
  EXPECT_FALSE(Base64DecodeStandard("+/8").has_value());   // padding missing
  EXPECT_FALSE(Base64DecodeStandard("Y===").has_value());
  EXPECT_FALSE(Base64DecodeStandard("YQ==\n").has_value());
  EXPECT_FALSE(Base64DecodeStandard("Y Q=").has_value());
}

TEST(Base64Test, UrlVariantTakesOnlyTheUnpaddedUrlAlphabet) {
  std::string bytes = "\xfb\xff";
  EXPECT_EQ(Base64UrlDecode("-_8"), bytes);
  EXPECT_EQ(Base64UrlDecode("YQ"), "a");
  EXPECT_FALSE(Base64UrlDecode("+/8").has_value());   // standard alphabet
  EXPECT_FALSE(Base64UrlDecode("YQ==").has_value());  // padding
  EXPECT_FALSE(Base64UrlDecode("Y Q").has_value());
  EXPECT_FALSE(Base64UrlDecode("Y").has_value());  // impossible length
  // The lenient decoder still takes both, for pasted input.
  EXPECT_EQ(Base64Decode("+/8="), bytes);
  EXPECT_EQ(Base64Decode("-_8"), bytes);
}

TEST(ClosestMatchTest, SuggestsOnlyLikelyTypos) {
  std::vector<std::string> fields = {"display_name", "description", "scopes", "keys"};
  EXPECT_EQ(ClosestMatch("dispaly_name", fields), "display_name");
  EXPECT_EQ(ClosestMatch("scope", fields), "scopes");
  EXPECT_FALSE(ClosestMatch("zzzzzzzz", fields).has_value());
}

TEST(TimestampTest, ParsesOffsetsAndFractions) {
  EXPECT_EQ(ParseTimestamp("2021-09-15T10:20:43.354+02:00"), 1631694043);
  EXPECT_EQ(ParseTimestamp("2021-09-15T08:20:43Z"), 1631694043);
  EXPECT_FALSE(ParseTimestamp("2021-09-15").has_value());
  EXPECT_EQ(FormatTimestamp(1631694043), "2021-09-15T08:20:43Z");
  EXPECT_EQ(FormatDate(1631694043), "2021-09-15");
}

TEST(JsonQuoteTest, EscapesControlCharacters) {
  EXPECT_EQ(JsonQuote("a\"b\\\n\x01"), "\"a\\\"b\\\\\\n\\u0001\"");
}

}  // namespace
}  // namespace mpctl::base
