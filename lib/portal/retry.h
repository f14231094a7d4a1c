#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string_view>

namespace mpctl::portal {

/// When and how often a request is tried again (design.md §6, §10).
struct RetryPolicy {
  int max_attempts = 5;                         // --retry-max
  std::chrono::milliseconds total{60'000};      // --retry-timeout: all attempts and waits
  std::chrono::milliseconds base_delay{250};    // first backoff, doubled per attempt
  std::chrono::milliseconds max_delay{8'000};   // backoff ceiling (Retry-After may exceed it)
};

/// Time for the retry loop: a monotonic clock, sleeping and jitter. Tests pass a fake that
/// records sleeps and advances its clock instead of sleeping.
class Sleeper {
 public:
  virtual ~Sleeper() = default;
  /// Monotonic time since an arbitrary start.
  virtual std::chrono::milliseconds Now() = 0;
  virtual void Sleep(std::chrono::milliseconds duration) = 0;
  /// A uniform random number in [0, 1) for jitter.
  virtual double Jitter() = 0;
};

/// The real thing: steady_clock, this_thread::sleep_for and a seeded generator. Thread-safe.
class RealSleeper final : public Sleeper {
 public:
  RealSleeper();
  std::chrono::milliseconds Now() override;
  void Sleep(std::chrono::milliseconds duration) override;
  double Jitter() override;

 private:
  std::mutex mutex_;
  std::mt19937_64 generator_;
};

/// The wait before attempt `attempt + 1` (attempt ≥ 1): base_delay × 2^(attempt−1), capped at
/// max_delay, then "equal jitter": half of it fixed, half scaled by `jitter` in [0, 1).
std::chrono::milliseconds BackoffDelay(const RetryPolicy& policy, int attempt, double jitter);

/// A Retry-After header value: delta-seconds, or an HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT")
/// measured from `now_epoch_seconds`. nullopt when it is neither; a date in the past is 0.
std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view value,
                                                         std::int64_t now_epoch_seconds);

}  // namespace mpctl::portal
