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
/// the same time). Done one list per lookup, 500 creates cost 1,000 lists of the whole
/// organisation. What a lookup needs is weaker: a list *requested after* a moment of its own.
/// Any list that started later serves it just as well, so a caller joins the newest list (in
/// flight or finished) when it started after the caller's moment, and otherwise starts one at
/// once, beside any older list still in flight. The check after a POST asks for a list newer
/// than the POST's answer; the lookup before a POST accepts one up to kRecentEnough old (see
/// perform.cc), so concurrent creates share those.
class SharedClientList {
 public:
  using Clock = std::chrono::steady_clock;
  using Clients = std::shared_ptr<const std::vector<model::LiveClient>>;

  explicit SharedClientList(portal::PortalApi& api) : api_(api) {}

  /// The clients as a GET /clients requested at or after `since` saw them.
  base::Result<Clients> ListedAfter(Clock::time_point since);

 private:
  struct Round {
    Clock::time_point started;
    bool done = false;
    base::Result<Clients> result = base::Error{};
  };

  portal::PortalApi& api_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::shared_ptr<Round> latest_;  // the list started last (in flight or finished)
};

}  // namespace mpctl::applier
