#include "base/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace mpctl::base {
namespace {

// Counts how many calls are inside at once.
struct Concurrency {
  std::atomic<int> now{0};
  std::atomic<int> most{0};
  void Enter() {
    int n = ++now;
    for (int seen = most; n > seen && !most.compare_exchange_weak(seen, n);) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    --now;
  }
};

TEST(WorkerPoolTest, RunsEveryTaskWithinTheBound) {
  Concurrency c;
  std::atomic<int> ran{0};
  {
    WorkerPool pool(3);
    for (int i = 0; i < 20; ++i)
      pool.Submit([&] {
        c.Enter();
        ++ran;
      });
    pool.Wait();
    EXPECT_EQ(ran, 20);
  }
  EXPECT_LE(c.most, 3);
  EXPECT_GE(c.most, 2) << "tasks ran one at a time";
}

TEST(WorkerPoolTest, TasksMaySubmitTasksAndWaitSeesThem) {
  WorkerPool pool(2);
  std::atomic<int> ran{0};
  std::function<void(int)> chain = [&](int left) {
    ++ran;
    if (left > 0) pool.Submit([&chain, left] { chain(left - 1); });
  };
  pool.Submit([&] { chain(9); });
  pool.Wait();
  EXPECT_EQ(ran, 10);
}

TEST(WorkerPoolTest, AtLeastOneThread) {
  WorkerPool pool(0);
  std::atomic<bool> ran{false};
  pool.Submit([&] { ran = true; });
  pool.Wait();
  EXPECT_TRUE(ran);
}

TEST(ParallelForTest, CallsEachIndexOnceWithinTheBound) {
  Concurrency c;
  std::vector<std::atomic<int>> calls(40);
  ParallelFor(calls.size(), 4, [&](std::size_t i) {
    c.Enter();
    ++calls[i];
  });
  for (auto& n : calls) EXPECT_EQ(n, 1);
  EXPECT_LE(c.most, 4);
  EXPECT_GE(c.most, 2);
  int serial_calls = 0;
  ParallelFor(5, 1, [&](std::size_t) { c.Enter(), ++serial_calls; });
  EXPECT_EQ(serial_calls, 5);
}

}  // namespace
}  // namespace mpctl::base
