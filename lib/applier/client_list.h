// Internal to lib/applier: one GET /clients shared by the creates that run at the same time.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "base/result.h"
#include "model/state.h"
#include "portal/portal_api.h"

namespace mpctl::applier {

/// Every client create lists the clients twice: right before its POST (another apply may have
/// made the client since the plan) and right after it (a concurrent apply may have made one at
/// the same time). Done one list per create, 500 creates cost 1,000 lists of the whole
/// organisation. What a create needs is weaker: a list *requested after* a moment of its own
/// (when it is about to POST, or when its POST has returned). Any list that started later
/// serves it just as well, so concurrent creates share one: a caller joins the list in flight
/// or the last finished one when it started after the caller's moment, and otherwise waits
/// for the list in flight to end and starts the next one, which the other waiters then join.
class SharedClientList {
 public:
  using Clock = std::chrono::steady_clock;
  using Clients = std::shared_ptr<const std::vector<model::LiveClient>>;

  explicit SharedClientList(portal::PortalApi& api) : api_(api) {}

  /// The clients as a GET /clients requested at or after `since` saw them.
  base::Result<Clients> ListedAfter(Clock::time_point since);

  /// How many GET /clients this object sent (for tests and -v).
  int lists() const;

 private:
  struct Round {
    Clock::time_point started;
    bool done = false;
    base::Result<Clients> result = base::Error{};
  };

  portal::PortalApi& api_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::shared_ptr<Round> latest_;  // the list in flight, or the last one that finished
  int lists_ = 0;
};

}  // namespace mpctl::applier
