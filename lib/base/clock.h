#pragma once

#include <chrono>
#include <cstdint>

namespace mpctl::base {

/// Source of the current time; tests pass a fake. Pure code takes "now" as a value instead.
class Clock {
 public:
  virtual ~Clock() = default;
  /// Seconds since the Unix epoch (UTC).
  virtual std::int64_t NowSeconds() const = 0;
  /// Milliseconds since the Unix epoch; a clock without finer resolution gives whole seconds.
  virtual std::int64_t NowMillis() const { return NowSeconds() * 1000; }
};

/// The system's wall clock.
class SystemClock final : public Clock {
 public:
  std::int64_t NowSeconds() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  std::int64_t NowMillis() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

/// A clock that returns what it is set to.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::int64_t now) : now_(now) {}
  std::int64_t NowSeconds() const override { return now_; }
  void Set(std::int64_t now) { now_ = now; }

 private:
  std::int64_t now_;
};

}  // namespace mpctl::base
