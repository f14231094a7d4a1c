#include "applier/client_list.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "fakes/fake_portal_api.h"
#include "support/plan_builders.h"

namespace mpctl::applier {
namespace {

using Clock = SharedClientList::Clock;

TEST(SharedClientListTest, ACallAfterAFinishedListListsAgain) {
  fakes::FakePortalApi api;
  api.AddClient(testing::LiveClientOf("c1", "sync", {}));
  SharedClientList list(api);
  auto first = list.ListedAfter(Clock::now());
  ASSERT_TRUE(first.ok());
  EXPECT_EQ((*first)->size(), 1u);
  api.AddClient(testing::LiveClientOf("c2", "other", {}));
  auto second = list.ListedAfter(Clock::now());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ((*second)->size(), 2u) << "a list older than the caller's moment was reused";
  EXPECT_EQ(api.calls("ListClients"), 2);
  EXPECT_EQ(list.lists(), 2);
}

TEST(SharedClientListTest, AFinishedListThatStartedLaterIsReused) {
  fakes::FakePortalApi api;
  SharedClientList list(api);
  Clock::time_point moment = Clock::now();
  ASSERT_TRUE(list.ListedAfter(moment).ok());
  ASSERT_TRUE(list.ListedAfter(moment).ok());
  EXPECT_EQ(api.calls("ListClients"), 1);
}

// A list in flight serves a caller whose moment came before it started, and not one whose
// moment came after: that one waits and starts the next list, with what was made meanwhile.
TEST(SharedClientListTest, ConcurrentCallersShareAListOnlyWhenItIsNewEnough) {
  fakes::FakePortalApi api;
  std::mutex mutex;
  std::condition_variable cv;
  bool held = false, release = false;
  std::atomic<int> entered{0};
  api.before_list_clients = [&] {
    if (entered++ > 0) return;  // only the first list is held
    std::unique_lock<std::mutex> lock(mutex);
    held = true;
    cv.notify_all();
    cv.wait(lock, [&] { return release; });
  };
  SharedClientList list(api);
  Clock::time_point early = Clock::now();
  std::size_t a_size = 0, b_size = 0, c_size = 0;
  std::thread a([&] { a_size = (*list.ListedAfter(early))->size(); });
  {
    std::unique_lock<std::mutex> lock(mutex);
    cv.wait(lock, [&] { return held; });
  }
  // B's moment is before the held list started: it joins it.
  std::thread b([&] { b_size = (*list.ListedAfter(early))->size(); });
  // C's moment is after: a client made now must be in what C gets.
  api.AddClient(testing::LiveClientOf("c9", "late", {}));
  Clock::time_point late = Clock::now();
  std::thread c([&] { c_size = (*list.ListedAfter(late))->size(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(entered.load(), 1) << "C started a list while an older one was in flight";
  {
    std::lock_guard<std::mutex> lock(mutex);
    release = true;
  }
  cv.notify_all();
  a.join();
  b.join();
  c.join();
  EXPECT_EQ(api.calls("ListClients"), 2);
  EXPECT_EQ(c_size, 1u);
  EXPECT_EQ(a_size, b_size);
}

TEST(SharedClientListTest, AFailedListFailsItsCallersAndTheNextCallListsAgain) {
  fakes::FakePortalApi api;
  api.FailNext("ListClients", base::Error{base::ErrorCode::kUnavailable, "HTTP 503"});
  SharedClientList list(api);
  Clock::time_point moment = Clock::now();
  auto failed = list.ListedAfter(moment);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().message.find("HTTP 503"), std::string::npos);
  EXPECT_TRUE(list.ListedAfter(Clock::now()).ok());
  EXPECT_EQ(api.calls("ListClients"), 2);
}

}  // namespace
}  // namespace mpctl::applier
