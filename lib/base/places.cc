#include "base/places.h"

#include <algorithm>

namespace mpctl::base {

Places::Places(int count) : free_(std::max(1, count)) {}

void Places::Enter(bool first) {
  std::unique_lock<std::mutex> lock(mutex_);
  ++waiting_;
  if (first) {
    ++first_waiting_;
    first_freed_.wait(lock, [&] { return free_ > 0; });
    --first_waiting_;
  } else {
    freed_.wait(lock, [&] { return free_ > 0 && first_waiting_ == 0; });
  }
  --waiting_;
  --free_;
  // Leave() told only the callers with `first` while one waited; when the last of them got
  // its place and more are free, the others may go now.
  if (first && first_waiting_ == 0 && free_ > 0) freed_.notify_all();
}

void Places::Leave() {
  bool to_first = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++free_;
    to_first = first_waiting_ > 0;
  }
  (to_first ? first_freed_ : freed_).notify_one();
}

int Places::waiting() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return waiting_;
}

}  // namespace mpctl::base
