#pragma once

#include <atomic>
#include <cstdint>

#include "base/clock.h"
#include "emulator/types.h"

namespace mpctl::emulator {

/// The emulator's notion of "now": a base clock plus a settable offset, so tests can move the
/// emulator in time (POST /__emulator/clock, --now). Thread-safe.
class EmulatorClock {
 public:
  explicit EmulatorClock(const base::Clock& base) : base_(base) {}
  std::int64_t NowSeconds() const { return base_.NowSeconds() + offset_.load(); }
  Millis NowMillis() const { return NowSeconds() * 1000; }
  /// With the milliseconds of the base clock: a client's `created` (the real API's have them,
  /// and ordering clients made within one second depends on it).
  Millis NowMillisPrecise() const { return base_.NowMillis() + offset_.load() * 1000; }
  /// From now on NowSeconds() starts at `epoch_seconds`.
  void SetNow(std::int64_t epoch_seconds) { offset_.store(epoch_seconds - base_.NowSeconds()); }

 private:
  const base::Clock& base_;
  std::atomic<std::int64_t> offset_{0};
};

}  // namespace mpctl::emulator
