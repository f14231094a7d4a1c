#pragma once

#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "portal/http_transport.h"
#include "portal/retry.h"

namespace mpctl::fakes {

/// An HttpTransport with canned answers that records every request. Answers are matched by
/// method and path-with-query (the URL without scheme and host). Thread-safe.
class FakeHttpTransport final : public portal::HttpTransport {
 public:
  /// Every request for `method` `path_and_query` gets `response` (after queued answers).
  void Set(const std::string& method, const std::string& path_and_query,
           portal::HttpResponse response);
  /// The next request for `method` `path_and_query` gets `result`; queued answers come first,
  /// in order.
  void Push(const std::string& method, const std::string& path_and_query,
            portal::HttpResult result);

  /// Unmatched requests fail with a kRefused TransportError naming them.
  portal::HttpResult Send(const portal::HttpRequest& request) override;

  std::vector<portal::HttpRequest> requests() const;
  /// How many requests were sent for `method` `path_and_query`.
  int Count(const std::string& method, const std::string& path_and_query) const;

 private:
  using Key = std::pair<std::string, std::string>;
  mutable std::mutex mutex_;
  std::map<Key, std::deque<portal::HttpResult>> queued_;
  std::map<Key, portal::HttpResponse> fixed_;
  std::vector<portal::HttpRequest> requests_;
};

/// A response with a JSON (or any) body.
portal::HttpResponse Response(int status, std::string body = "",
                              portal::Headers headers = {});

/// A Sleeper that never sleeps: Sleep() records the duration and advances Now().
/// Jitter() returns `jitter` (default 0.5). Thread-safe.
class FakeSleeper final : public portal::Sleeper {
 public:
  std::chrono::milliseconds Now() override;
  void Sleep(std::chrono::milliseconds duration) override;
  double Jitter() override { return jitter; }
  std::vector<std::chrono::milliseconds> sleeps() const;

  double jitter = 0.5;

 private:
  mutable std::mutex mutex_;
  std::chrono::milliseconds now_{0};
  std::vector<std::chrono::milliseconds> sleeps_;
};

}  // namespace mpctl::fakes
