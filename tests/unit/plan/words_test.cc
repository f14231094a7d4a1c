#include "plan/words.h"

#include <gtest/gtest.h>

namespace mpctl::plan {
namespace {

TEST(WordsTest, SymbolsAndParticiples) {
  EXPECT_STREQ(Symbol(ActionKind::kCreate), "+");
  EXPECT_STREQ(Symbol(ActionKind::kUpdate), "~");
  EXPECT_STREQ(Symbol(ActionKind::kDelete), "-");
  EXPECT_STREQ(Participle(ResourceType::kClient, ActionKind::kCreate), "created");
  EXPECT_STREQ(Participle(ResourceType::kClientKeys, ActionKind::kUpdate), "updated");
  EXPECT_STREQ(Participle(ResourceType::kClient, ActionKind::kDelete), "deleted");
  EXPECT_STREQ(Participle(ResourceType::kScope, ActionKind::kDelete), "deactivated");
  EXPECT_STREQ(Participle(ResourceType::kScopeAccess, ActionKind::kCreate), "granted");
  EXPECT_STREQ(Participle(ResourceType::kScopeAccess, ActionKind::kDelete), "revoked");
}

TEST(WordsTest, DayCountRoundsDown) {
  EXPECT_EQ(DayCount(0), "0 days");
  EXPECT_EQ(DayCount(86399), "0 days");
  EXPECT_EQ(DayCount(86400), "1 day");
  EXPECT_EQ(DayCount(2 * 86400 + 5), "2 days");
}

}  // namespace
}  // namespace mpctl::plan
