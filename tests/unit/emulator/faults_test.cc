#include "emulator/faults.h"

#include <gtest/gtest.h>

#include <set>
#include <vector>

namespace mpctl::emulator {
namespace {

std::vector<FaultKind> Draw(double rate, std::uint64_t seed, int n) {
  FaultInjector faults(rate, seed);
  std::vector<FaultKind> out;
  for (int i = 0; i < n; ++i) out.push_back(faults.Next());
  return out;
}

TEST(FaultInjectorTest, ZeroRateNeverFaults) {
  for (FaultKind kind : Draw(0.0, 1, 200)) EXPECT_EQ(kind, FaultKind::kNone);
}

TEST(FaultInjectorTest, SameSeedGivesTheSameSequence) {
  EXPECT_EQ(Draw(0.3, 99, 500), Draw(0.3, 99, 500));
  EXPECT_NE(Draw(0.3, 99, 500), Draw(0.3, 100, 500));
}

TEST(FaultInjectorTest, RateOneAlwaysFaultsWithEveryKind) {
  std::set<FaultKind> kinds;
  for (FaultKind kind : Draw(1.0, 5, 200)) {
    EXPECT_NE(kind, FaultKind::kNone);
    kinds.insert(kind);
  }
  EXPECT_EQ(kinds.size(), 4u);
}

TEST(FaultInjectorTest, RateIsRoughlyRespected) {
  int faults = 0;
  for (FaultKind kind : Draw(0.2, 7, 10000)) faults += kind != FaultKind::kNone;
  EXPECT_GT(faults, 1700);
  EXPECT_LT(faults, 2300);
}

TEST(FaultInjectorTest, NamesAreTheStatsKeys) {
  EXPECT_STREQ(FaultName(FaultKind::k500), "500");
  EXPECT_STREQ(FaultName(FaultKind::k503), "503");
  EXPECT_STREQ(FaultName(FaultKind::k429), "429");
  EXPECT_STREQ(FaultName(FaultKind::kDrop), "drop");
}

}  // namespace
}  // namespace mpctl::emulator
