#include "fakes/fake_http_transport.h"

#include "base/url_parts.h"

namespace mpctl::fakes {

void FakeHttpTransport::Set(const std::string& method, const std::string& path_and_query,
                            portal::HttpResponse response) {
  std::lock_guard<std::mutex> lock(mutex_);
  fixed_[{method, path_and_query}] = std::move(response);
}

void FakeHttpTransport::Push(const std::string& method, const std::string& path_and_query,
                             portal::HttpResult result) {
  std::lock_guard<std::mutex> lock(mutex_);
  queued_[{method, path_and_query}].push_back(std::move(result));
}

portal::HttpResult FakeHttpTransport::Send(const portal::HttpRequest& request) {
  auto url = base::SplitUrl(request.url);
  Key key{request.method, url ? url->PathAndQuery() : request.url};
  std::lock_guard<std::mutex> lock(mutex_);
  requests_.push_back(request);
  if (auto it = queued_.find(key); it != queued_.end() && !it->second.empty()) {
    portal::HttpResult result = std::move(it->second.front());
    it->second.pop_front();
    return result;
  }
  if (auto it = fixed_.find(key); it != fixed_.end()) return it->second;
  return portal::TransportError{portal::TransportErrorKind::kRefused,
                                "fake: no canned answer for " + key.first + " " + key.second};
}

std::vector<portal::HttpRequest> FakeHttpTransport::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

int FakeHttpTransport::Count(const std::string& method, const std::string& path_and_query) const {
  std::lock_guard<std::mutex> lock(mutex_);
  int count = 0;
  for (const auto& request : requests_) {
    auto url = base::SplitUrl(request.url);
    if (request.method == method && url && url->PathAndQuery() == path_and_query) ++count;
  }
  return count;
}

portal::HttpResponse Response(int status, std::string body, portal::Headers headers) {
  return portal::HttpResponse{status, std::move(headers), std::move(body)};
}

std::chrono::milliseconds FakeSleeper::Now() {
  std::lock_guard<std::mutex> lock(mutex_);
  return now_;
}

void FakeSleeper::Sleep(std::chrono::milliseconds duration) {
  std::lock_guard<std::mutex> lock(mutex_);
  sleeps_.push_back(duration);
  now_ += duration;
}

std::vector<std::chrono::milliseconds> FakeSleeper::sleeps() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return sleeps_;
}

}  // namespace mpctl::fakes
