// Places for a bounded number of holders at once, some callers served first: how the portal
// client keeps `--parallelism` requests in flight however many threads want to send.
#pragma once

#include <condition_variable>
#include <mutex>

namespace mpctl::base {

/// At most `count` holders at once (at least 1). A caller that enters with `first` gets the
/// next free place before every caller without it, whenever they came: a list that many
/// others wait for should not queue behind them. Thread-safe.
class Places {
 public:
  explicit Places(int count);
  Places(const Places&) = delete;
  Places& operator=(const Places&) = delete;

  /// Blocks until this caller holds a place.
  void Enter(bool first = false);
  /// Gives back a place taken by Enter().
  void Leave();
  /// Callers blocked in Enter() now; for tests.
  int waiting() const;

  /// A place held for one scope.
  class Held {
   public:
    Held(Places& places, bool first) : places_(places) { places_.Enter(first); }
    ~Held() { places_.Leave(); }
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;

   private:
    Places& places_;
  };

 private:
  mutable std::mutex mutex_;
  std::condition_variable first_freed_;  // a place is free for a caller with `first`
  std::condition_variable freed_;        // a place is free and no caller with `first` waits
  int free_;
  int first_waiting_ = 0;
  int waiting_ = 0;
};

}  // namespace mpctl::base
