#include "applier/client_list.h"

namespace mpctl::applier {

SharedClientList::SharedClientList(portal::PortalApi& api, const model::LiveState* live)
    : api_(api) {
  if (live == nullptr) return;
  auto seed = std::make_shared<Round>();
  seed->started = live->clients_listed_at;
  seed->done = true;
  seed->result = Clients(std::make_shared<const std::vector<model::LiveClient>>(live->clients));
  latest_ = seed;
  finished_ = seed;
}

base::Result<SharedClientList::Clients> SharedClientList::ListedAfter(Clock::time_point since) {
  std::unique_lock<std::mutex> lock(mutex_);
  ++waiting_;
  for (;;) {
    if (finished_ && finished_->started >= since) {
      --waiting_;
      return finished_->result;
    }
    // A list that failed before this call is not shared: this caller lists again.
    bool failed = latest_ && latest_->done && !latest_->result.ok();
    if (latest_ && !failed && latest_->started >= since) {
      // Started after our moment: its answer is as good as one of our own.
      std::shared_ptr<Round> round = latest_;
      changed_.wait(lock, [&] { return round->done; });
      --waiting_;
      return round->result;
    }
    if (!latest_ || latest_->done) break;
    // Too old and still running: the next list starts when it ends, for all who waited.
    std::shared_ptr<Round> running = latest_;
    changed_.wait(lock, [&] { return running->done; });
  }
  --waiting_;
  auto round = std::make_shared<Round>();
  round->started = Clock::now();
  latest_ = round;
  lock.unlock();
  auto listed = api_.ListClients();
  base::Result<Clients> result =
      listed.ok() ? base::Result<Clients>(std::make_shared<const std::vector<model::LiveClient>>(
                        std::move(listed).value()))
                  : base::Result<Clients>(listed.error());
  lock.lock();
  round->result = std::move(result);
  round->done = true;
  if (round->result.ok() && (!finished_ || finished_->started < round->started)) finished_ = round;
  changed_.notify_all();
  return round->result;
}

int SharedClientList::waiting() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return waiting_;
}

}  // namespace mpctl::applier
