#include "portal/retry.h"

#include <algorithm>
#include <ctime>
#include <string>
#include <thread>

#include "base/strings.h"

namespace mpctl::portal {

RealSleeper::RealSleeper() : generator_(std::random_device{}()) {}

std::chrono::milliseconds RealSleeper::Now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now().time_since_epoch());
}

void RealSleeper::Sleep(std::chrono::milliseconds duration) {
  std::this_thread::sleep_for(duration);
}

double RealSleeper::Jitter() {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::uniform_real_distribution<double>(0.0, 1.0)(generator_);
}

std::chrono::milliseconds BackoffDelay(const RetryPolicy& policy, int attempt, double jitter) {
  std::int64_t delay = policy.base_delay.count();
  for (int i = 1; i < attempt && delay < policy.max_delay.count(); ++i) delay *= 2;
  delay = std::min<std::int64_t>(delay, policy.max_delay.count());
  jitter = std::clamp(jitter, 0.0, 1.0);
  return std::chrono::milliseconds(delay / 2 + static_cast<std::int64_t>(jitter * (delay / 2)));
}

std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view value,
                                                         std::int64_t now_epoch_seconds) {
  value = base::Trim(value);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (value.size() > 9) return std::nullopt;
    return std::chrono::seconds(std::stoll(std::string(value)));
  }
  std::tm tm{};
  std::string text(value);
  const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  std::int64_t at = timegm(&tm);
  return std::chrono::seconds(std::max<std::int64_t>(0, at - now_epoch_seconds));
}

}  // namespace mpctl::portal
