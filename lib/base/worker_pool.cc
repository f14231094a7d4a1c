#include "base/worker_pool.h"

#include <algorithm>

namespace mpctl::base {

WorkerPool::WorkerPool(int max_threads)
    : max_threads_(static_cast<std::size_t>(std::max(1, max_threads))) {}

WorkerPool::~WorkerPool() {
  Wait();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
  }
  wake_.notify_all();
  for (auto& thread : threads_) thread.join();
}

void WorkerPool::Submit(std::function<void()> task) {
  std::lock_guard<std::mutex> lock(mutex_);
  queue_.push_back(std::move(task));
  // A waiting thread takes it; otherwise start one while under the bound. When every thread
  // is busy and the bound is reached, the task waits for the first thread to finish.
  if (waiting_threads_ > queue_.size() - 1) {
    wake_.notify_one();
  } else if (threads_.size() < max_threads_) {
    threads_.emplace_back([this] { Work(); });
  }
}

void WorkerPool::Wait() {
  std::unique_lock<std::mutex> lock(mutex_);
  idle_.wait(lock, [this] { return queue_.empty() && running_ == 0; });
}

void WorkerPool::Work() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    ++waiting_threads_;
    wake_.wait(lock, [this] { return closing_ || !queue_.empty(); });
    --waiting_threads_;
    if (queue_.empty()) return;  // closing
    std::function<void()> task = std::move(queue_.front());
    queue_.pop_front();
    ++running_;
    lock.unlock();
    task();
    lock.lock();
    --running_;
    if (running_ == 0 && queue_.empty()) idle_.notify_all();
  }
}

void ParallelFor(std::size_t count, int parallelism, const std::function<void(std::size_t)>& body) {
  if (count == 0) return;
  if (parallelism <= 1 || count == 1) {
    for (std::size_t i = 0; i < count; ++i) body(i);
    return;
  }
  WorkerPool pool(static_cast<int>(std::min<std::size_t>(count, parallelism)));
  for (std::size_t i = 0; i < count; ++i) pool.Submit([&body, i] { body(i); });
  pool.Wait();
}

}  // namespace mpctl::base
