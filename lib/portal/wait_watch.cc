#include "portal/wait_watch.h"

namespace mpctl::portal {

WaitWatch::WaitWatch(std::shared_ptr<Sleeper> sleeper, LogSink notice)
    : sleeper_(std::move(sleeper)), notice_(std::move(notice)) {
  if (notice_) thread_ = std::thread([this] { Loop(); });
}

WaitWatch::~WaitWatch() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int WaitWatch::Begin(std::string what, int max_attempts) {
  std::chrono::milliseconds now = sleeper_->Now();
  std::lock_guard<std::mutex> lock(mutex_);
  int handle = next_handle_++;
  waits_[handle] = Wait{std::move(what), 1, max_attempts, now, now + kFirstNotice};
  return handle;
}

void WaitWatch::Attempt(int handle, int attempt) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto it = waits_.find(handle); it != waits_.end()) it->second.attempt = attempt;
}

void WaitWatch::End(int handle) {
  std::lock_guard<std::mutex> lock(mutex_);
  waits_.erase(handle);
}

std::vector<std::string> WaitWatch::Due(std::chrono::milliseconds now) {
  std::lock_guard<std::mutex> lock(mutex_);
  const Wait* longest = nullptr;
  for (auto& [handle, wait] : waits_) {
    if (now < wait.next_notice) continue;
    wait.next_notice = now + kNoticeEvery;
    if (longest == nullptr || wait.start < longest->start) longest = &wait;
  }
  if (longest == nullptr) return {};
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now - longest->start).count();
  return {"waiting for " + longest->what + " (attempt " + std::to_string(longest->attempt) +
          " of " + std::to_string(longest->max_attempts) + ", " + std::to_string(seconds) + " s)"};
}

void WaitWatch::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_) {
    wake_.wait_for(lock, std::chrono::milliseconds(250));
    if (stop_) break;
    lock.unlock();
    for (const std::string& line : Due(sleeper_->Now())) notice_(line);
    lock.lock();
  }
}

}  // namespace mpctl::portal
