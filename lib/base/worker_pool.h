// The one bounded worker pool: live reads and the applier's writes both run on it, so the
// `--parallelism` bound is kept in one place.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace mpctl::base {

/// Requests in flight per environment when `--parallelism` is not given.
inline constexpr int kDefaultParallelism = 16;

/// Runs submitted tasks on at most `max_threads` threads (at least 1). Threads are started
/// only when a task waits and every running thread is busy, so a pool that only ever sees one
/// task at a time uses one thread. Tasks may submit more tasks. The destructor waits for every
/// task, like Wait().
class WorkerPool {
 public:
  explicit WorkerPool(int max_threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  /// Queues `task`; safe from any thread, including from inside a task.
  void Submit(std::function<void()> task);
  /// Returns once the queue is empty and no task is running. Must not be called from a task.
  void Wait();

 private:
  void Work();

  const std::size_t max_threads_;
  std::mutex mutex_;
  std::condition_variable wake_;  // a task was queued, or the pool is closing
  std::condition_variable idle_;  // the last running task finished with nothing queued
  std::deque<std::function<void()>> queue_;
  std::vector<std::thread> threads_;
  std::size_t waiting_threads_ = 0;
  std::size_t running_ = 0;
  bool closing_ = false;
};

/// Calls `body(i)` for every i in [0, count) on a pool of at most `parallelism` threads and
/// returns when all calls have returned. `body` must be safe to call concurrently.
void ParallelFor(std::size_t count, int parallelism, const std::function<void(std::size_t)>& body);

}  // namespace mpctl::base
