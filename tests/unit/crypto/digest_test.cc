#include <gtest/gtest.h>

#include "crypto/keys.h"

namespace mpctl::crypto {
namespace {

TEST(DigestTest, RandomBytesHaveTheLengthAndDiffer) {
  EXPECT_EQ(RandomBytes(0).size(), 0u);
  std::string a = RandomBytes(32);
  std::string b = RandomBytes(32);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);  // equal only with probability 2^-256
}

}  // namespace
}  // namespace mpctl::crypto
