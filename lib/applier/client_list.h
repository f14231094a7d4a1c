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
/// Any list that started later serves it just as well, so lookups share lists:
/// - the newest successful list that started after the caller's moment is returned at once
///   (the plan's own list counts, see the constructor);
/// - else the caller joins the list in flight if it started after that moment;
/// - else it waits for the list in flight, if any, to end, and then joins or starts the next
///   one. So at most one list is in flight, and every lookup that arrived while it ran shares
///   the one after it: about one list per list duration, however many creates run.
/// Waiting costs a lookup up to two list durations, but no connection: the applier runs more
/// actions than --parallelism, and the transport sends lists before other waiting requests.
/// The check after a POST asks for a list newer than the POST's answer; the lookup before a
/// POST accepts one up to kRecentEnough old (see perform.cc). A failed list is shared only by
/// those who joined it; the next caller lists again.
class SharedClientList {
 public:
  using Clock = std::chrono::steady_clock;
  using Clients = std::shared_ptr<const std::vector<model::LiveClient>>;

  /// `live` (may be null) is the list the plan was made from: it serves the lookups before a
  /// create while it is recent enough (LiveState::clients_listed_at), so the first creates
  /// need no list of their own.
  SharedClientList(portal::PortalApi& api, const model::LiveState* live);

  /// The clients as a GET /clients requested at or after `since` saw them.
  base::Result<Clients> ListedAfter(Clock::time_point since);
  /// Callers inside ListedAfter() that wait for a list (theirs or another's); for tests.
  int waiting() const;

 private:
  struct Round {
    Clock::time_point started;
    bool done = false;
    base::Result<Clients> result = base::Error{};
  };

  portal::PortalApi& api_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  int waiting_ = 0;
  std::shared_ptr<Round> latest_;    // the list started last (in flight or finished)
  std::shared_ptr<Round> finished_;  // the successful list that started last
};

}  // namespace mpctl::applier
