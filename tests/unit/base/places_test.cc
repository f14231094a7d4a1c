#include "base/places.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mpctl::base {
namespace {

using std::chrono::milliseconds;

// Blocks until `places` has `n` callers waiting (a test of ordering must know who queued).
void AwaitWaiting(const Places& places, int n) {
  while (places.waiting() != n) std::this_thread::sleep_for(milliseconds(1));
}

TEST(PlacesTest, NeverMoreHoldersThanPlaces) {
  Places places(3);
  std::atomic<int> now{0};
  std::atomic<int> most{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 12; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        Places::Held held(places, /*first=*/(t + i) % 4 == 0);
        int n = ++now;
        for (int seen = most; n > seen && !most.compare_exchange_weak(seen, n);) {
        }
        std::this_thread::sleep_for(milliseconds(2));
        --now;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_LE(most, 3);
  EXPECT_GE(most, 2) << "holders went one at a time";
  EXPECT_EQ(places.waiting(), 0);
}

TEST(PlacesTest, ACallerWithFirstGoesBeforeThoseThatCameEarlier) {
  Places places(1);
  places.Enter();  // the only place is taken
  std::mutex mutex;
  std::vector<std::string> order;
  auto enter = [&](std::string name, bool first) {
    return std::thread([&, name, first] {
      places.Enter(first);
      {
        std::lock_guard<std::mutex> lock(mutex);
        order.push_back(name);
      }
      places.Leave();
    });
  };
  std::thread a = enter("a", false);
  AwaitWaiting(places, 1);
  std::thread b = enter("b", false);
  AwaitWaiting(places, 2);
  std::thread list = enter("list", true);
  AwaitWaiting(places, 3);
  places.Leave();
  a.join();
  b.join();
  list.join();
  ASSERT_EQ(order.size(), 3u);
  EXPECT_EQ(order[0], "list");
}

TEST(PlacesTest, OthersGoOnOnceTheFirstCallersHavePlaces) {
  // Two places freed while one caller with `first` waits: it takes one, and a caller without
  // `first` must get the other rather than wait for a third Leave().
  Places places(2);
  places.Enter();
  places.Enter();
  std::atomic<int> entered{0};
  std::thread other([&] {
    places.Enter();
    ++entered;
  });
  AwaitWaiting(places, 1);
  std::thread first([&] {
    places.Enter(true);
    ++entered;
  });
  AwaitWaiting(places, 2);
  places.Leave();
  places.Leave();
  first.join();
  other.join();
  EXPECT_EQ(entered, 2);
}

TEST(PlacesTest, AtLeastOnePlace) {
  Places places(0);
  places.Enter();  // would block forever with no place
  EXPECT_EQ(places.waiting(), 0);
  places.Leave();
}

}  // namespace
}  // namespace mpctl::base
