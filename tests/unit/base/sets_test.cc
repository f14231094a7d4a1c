#include "base/sets.h"

#include <gtest/gtest.h>

namespace mpctl::base {
namespace {

using List = std::vector<std::string>;

TEST(SetsTest, SortedSetSortsAndDropsDuplicates) {
  EXPECT_EQ(SortedSet({"b:x", "a:y", "b:x", "a:y", "c"}), (List{"a:y", "b:x", "c"}));
  EXPECT_EQ(SortedSet({}), List{});
}

TEST(SetsTest, MinusKeepsWhatOnlyTheFirstHas) {
  EXPECT_EQ(Minus({"a", "b", "c"}, {"b", "d"}), (List{"a", "c"}));
  EXPECT_EQ(Minus({"a"}, {"a"}), List{});
  EXPECT_EQ(Minus({}, {"a"}), List{});
}

}  // namespace
}  // namespace mpctl::base
