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
}

TEST(SharedClientListTest, AFinishedListThatStartedLaterIsReused) {
  fakes::FakePortalApi api;
  SharedClientList list(api);
  Clock::time_point moment = Clock::now();
  ASSERT_TRUE(list.ListedAfter(moment).ok());
  ASSERT_TRUE(list.ListedAfter(moment).ok());
  EXPECT_EQ(api.calls("ListClients"), 1);
}

// Holds the first GET /clients of `api` until Release(); later ones pass.
class HeldFirstList {
 public:
  explicit HeldFirstList(fakes::FakePortalApi& api) {
    api.before_list_clients = [this] {
      if (entered_++ > 0) return;
      std::unique_lock<std::mutex> lock(mutex_);
      held_ = true;
      cv_.notify_all();
      cv_.wait(lock, [&] { return released_; });
    };
  }
  void WaitUntilHeld() {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait(lock, [&] { return held_; });
  }
  void Release() {
    std::lock_guard<std::mutex> lock(mutex_);
    released_ = true;
    cv_.notify_all();
  }
  int entered() const { return entered_.load(); }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool held_ = false, released_ = false;
  std::atomic<int> entered_{0};
};

// A caller whose moment came before a list started shares it (in flight or finished).
TEST(SharedClientListTest, CallersWhoseMomentPrecedesAListShareIt) {
  fakes::FakePortalApi api;
  HeldFirstList hold(api);
  SharedClientList list(api);
  Clock::time_point early = Clock::now();
  std::thread a([&] { EXPECT_TRUE(list.ListedAfter(early).ok()); });
  hold.WaitUntilHeld();
  std::thread b([&] { EXPECT_TRUE(list.ListedAfter(early).ok()); });
  hold.Release();
  a.join();
  b.join();
  EXPECT_EQ(api.calls("ListClients"), 1);
}

// A caller whose moment came after the list in flight started lists at once, without waiting
// for that older list, and sees what was made meanwhile.
TEST(SharedClientListTest, ALaterCallerDoesNotWaitForAnOlderList) {
  fakes::FakePortalApi api;
  HeldFirstList hold(api);
  SharedClientList list(api);
  std::thread a([&] { EXPECT_TRUE(list.ListedAfter(Clock::now()).ok()); });
  hold.WaitUntilHeld();
  api.AddClient(testing::LiveClientOf("c9", "late", {}));
  auto later = list.ListedAfter(Clock::now());  // returns while the first list is held
  ASSERT_TRUE(later.ok());
  EXPECT_EQ((*later)->size(), 1u);
  EXPECT_EQ(hold.entered(), 2);
  hold.Release();
  a.join();
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
