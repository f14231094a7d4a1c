#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "portal/log_sink.h"
#include "portal/retry.h"

namespace mpctl::portal {

/// Makes long waits visible: once a request has waited kFirstNotice (all attempts and backoff
/// included) it says on `notice` what it waits for, "waiting for https://host/token (attempt 2
/// of 5, 12 s)", and again every kNoticeEvery. With many requests waiting at once only the
/// longest wait is named, so a slow API does not flood stderr. Thread-safe.
class WaitWatch {
 public:
  static constexpr std::chrono::milliseconds kFirstNotice{5'000};
  static constexpr std::chrono::milliseconds kNoticeEvery{10'000};

  /// Reads time from `sleeper`. With a non-empty `notice`, a thread checks the waits four
  /// times a second until the watch is destroyed; with an empty one, only Due() reports.
  WaitWatch(std::shared_ptr<Sleeper> sleeper, LogSink notice);
  ~WaitWatch();
  WaitWatch(const WaitWatch&) = delete;
  WaitWatch& operator=(const WaitWatch&) = delete;

  /// Starts watching a request to `what` (a URL without its query) that may take
  /// `max_attempts`; returns its handle for Attempt() and End().
  int Begin(std::string what, int max_attempts);
  /// The request is on attempt `attempt` now.
  void Attempt(int handle, int attempt);
  void End(int handle);

  /// The notice due at `now`, if any: the longest of the waits that passed their next notice
  /// time (each of them is then due again kNoticeEvery later).
  std::vector<std::string> Due(std::chrono::milliseconds now);

 private:
  struct Wait {
    std::string what;
    int attempt = 1;
    int max_attempts = 1;
    std::chrono::milliseconds start{0};
    std::chrono::milliseconds next_notice{0};
  };
  void Loop();

  std::shared_ptr<Sleeper> sleeper_;
  LogSink notice_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  int next_handle_ = 0;
  std::map<int, Wait> waits_;
  std::thread thread_;
};

}  // namespace mpctl::portal
