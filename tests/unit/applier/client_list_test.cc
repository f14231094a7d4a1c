#include "applier/client_list.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "fakes/fake_portal_api.h"
#include "support/plan_builders.h"

namespace mpctl::applier {
namespace {

using Clock = SharedClientList::Clock;

TEST(SharedClientListTest, ACallAfterAFinishedListListsAgain) {
  fakes::FakePortalApi api;
  api.AddClient(testing::LiveClientOf("c1", "sync", {}));
  SharedClientList list(api, nullptr);
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
  SharedClientList list(api, nullptr);
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
  SharedClientList list(api, nullptr);
  Clock::time_point early = Clock::now();
  std::thread a([&] { EXPECT_TRUE(list.ListedAfter(early).ok()); });
  hold.WaitUntilHeld();
  std::thread b([&] { EXPECT_TRUE(list.ListedAfter(early).ok()); });
  hold.Release();
  a.join();
  b.join();
  EXPECT_EQ(api.calls("ListClients"), 1);
}

// Blocks until `list` has `n` callers waiting.
void AwaitWaiting(const SharedClientList& list, int n) {
  while (list.waiting() != n) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

// A caller whose moment came after the list in flight started waits for it to end, then
// lists again and sees what was made meanwhile; callers that came while it waited share
// that one list.
TEST(SharedClientListTest, LaterCallersWaitForTheListInFlightAndShareTheNext) {
  fakes::FakePortalApi api;
  HeldFirstList hold(api);
  SharedClientList list(api, nullptr);
  std::thread a([&] { EXPECT_TRUE(list.ListedAfter(Clock::now()).ok()); });
  hold.WaitUntilHeld();
  api.AddClient(testing::LiveClientOf("c9", "late", {}));
  std::vector<std::size_t> seen(3);
  std::vector<std::thread> later;
  for (int i = 0; i < 3; ++i) {
    later.emplace_back([&, i] {
      auto listed = list.ListedAfter(Clock::now());
      ASSERT_TRUE(listed.ok());
      seen[i] = (*listed)->size();
    });
  }
  AwaitWaiting(list, 3);
  EXPECT_EQ(hold.entered(), 1) << "a second list went out beside the one in flight";
  hold.Release();
  a.join();
  for (auto& thread : later) thread.join();
  EXPECT_EQ(api.calls("ListClients"), 2) << "the callers that waited did not share one list";
  for (std::size_t size : seen) EXPECT_EQ(size, 1u) << "a caller got the list older than it";
}

TEST(SharedClientListTest, ThePlansOwnListServesLookupsFromItsMomentOn) {
  fakes::FakePortalApi api;
  model::LiveState live;
  live.clients = {testing::LiveClientOf("c1", "sync", {})};
  live.clients_listed_at = Clock::now();
  SharedClientList list(api, &live);
  auto early = list.ListedAfter(live.clients_listed_at - std::chrono::seconds(1));
  ASSERT_TRUE(early.ok());
  ASSERT_EQ((*early)->size(), 1u);
  EXPECT_EQ((*early)->front().client_id, "c1");
  EXPECT_EQ(api.calls("ListClients"), 0);
  // A moment after it needs a list of its own.
  ASSERT_TRUE(list.ListedAfter(Clock::now()).ok());
  EXPECT_EQ(api.calls("ListClients"), 1);
}

TEST(SharedClientListTest, ALiveStateWithoutAListMomentIsNeverUsed) {
  fakes::FakePortalApi api;
  model::LiveState live;  // clients_listed_at: the clock's epoch
  live.clients = {testing::LiveClientOf("gone", "sync", {})};
  SharedClientList list(api, &live);
  auto listed = list.ListedAfter(Clock::now() - std::chrono::seconds(1));
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE((*listed)->empty());
  EXPECT_EQ(api.calls("ListClients"), 1);
}

TEST(SharedClientListTest, AFailedListFailsItsCallersAndTheNextCallListsAgain) {
  fakes::FakePortalApi api;
  api.FailNext("ListClients", base::Error{base::ErrorCode::kUnavailable, "HTTP 503"});
  SharedClientList list(api, nullptr);
  Clock::time_point moment = Clock::now();
  auto failed = list.ListedAfter(moment);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().message.find("HTTP 503"), std::string::npos);
  // The same moment again: the failed list started after it, but is not handed out twice.
  EXPECT_TRUE(list.ListedAfter(moment).ok());
  EXPECT_EQ(api.calls("ListClients"), 2);
}

}  // namespace
}  // namespace mpctl::applier
