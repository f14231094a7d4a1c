#include <gtest/gtest.h>

#include "crypto/keys.h"

namespace mpctl::crypto {
namespace {

TEST(DigestTest, Sha256MatchesFips180Vectors) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256("abc").size(), 32u);
}

TEST(DigestTest, RandomBytesHaveTheLengthAndDiffer) {
  EXPECT_EQ(RandomBytes(0).size(), 0u);
  std::string a = RandomBytes(32);
  std::string b = RandomBytes(32);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);  // equal only with probability 2^-256
}

}  // namespace
}  // namespace mpctl::crypto
