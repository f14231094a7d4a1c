#include "applier/client_list.h"

namespace mpctl::applier {

base::Result<SharedClientList::Clients> SharedClientList::ListedAfter(Clock::time_point since) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (latest_ && latest_->started >= since) {
    // Started after our moment: its answer is as good as one of our own.
    std::shared_ptr<Round> round = latest_;
    changed_.wait(lock, [&] { return round->done; });
    return round->result;
  }
  // Nothing new enough: list now, beside any older list still in flight (waiting for it to
  // end first would add its latency to every create).
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
  changed_.notify_all();
  return round->result;
}

}  // namespace mpctl::applier
