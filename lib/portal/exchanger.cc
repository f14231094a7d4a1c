#include "portal/exchanger.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include "base/url_parts.h"
#include "portal/api_error.h"

namespace mpctl::portal {

namespace {

using std::chrono::milliseconds;

const char* KindName(TransportErrorKind kind) {
  switch (kind) {
    case TransportErrorKind::kRefused: return "refused";
    case TransportErrorKind::kConnect: return "connect failed";
    case TransportErrorKind::kTimeout: return "timeout";
    case TransportErrorKind::kDropped: return "connection dropped";
    case TransportErrorKind::kTls: return "tls error";
    case TransportErrorKind::kOther: return "failed";
    case TransportErrorKind::kTooLarge: return "too large";
  }
  return "failed";
}

struct Verdict {
  bool retry = false;
  bool outcome_unknown = false;
};

// What to do after one attempt, before counting attempts and time. The question behind every
// verdict is "could the server have acted on the request?":
// - 429 and a failed connect: no, the request was turned away unread, so it is always safe to
//   send again, even a POST.
// - 5xx, a timeout or a dropped connection: maybe. A GET, PUT or DELETE (Repeat::kSafe) is
//   repeated because doing it twice is the same as once. A POST is not: it may already have
//   made a client, and a second POST would make a duplicate. It is reported with
//   outcome_unknown, and the applier looks the client up by its ownership tag before it ever
//   sends the create again.
// - Any other response (2xx, 4xx) is the server's answer; repeating it would not change it.
// - kRefused (our own URL policy) and TLS errors fail the same way every time.
Verdict Judge(const HttpResult& result, Repeat repeat) {
  bool safe = repeat == Repeat::kSafe;
  if (const auto* response = std::get_if<HttpResponse>(&result)) {
    if (response->status == 429) return {true, false};  // refused unhandled
    if (response->status >= 500) return {safe, !safe};
    return {};
  }
  switch (std::get<TransportError>(result).kind) {
    case TransportErrorKind::kConnect:
      return {true, false};  // never reached the server
    case TransportErrorKind::kTimeout:
    case TransportErrorKind::kDropped: return {safe, !safe};
    case TransportErrorKind::kTooLarge: return {false, !safe};  // handled, answer unread
    default: return {};
  }
}

}  // namespace

base::Error Exchange::ToError() const {
  base::Error error = response() != nullptr
                          ? HttpError(method, path, *response())
                          : TransportFailure(method, path, std::get<TransportError>(result));
  if (!gave_up_because.empty()) {
    error.message += "; gave up after " + std::to_string(attempts) +
                     (attempts == 1 ? " attempt" : " attempts") + " because " + gave_up_because;
  } else if (attempts > 1) {
    error.message += "; gave up after " + std::to_string(attempts) + " attempts";
  }
  if (outcome_unknown) {
    error.message += "; the outcome is unknown (the server may have applied it)";
  }
  return error;
}

Exchanger::Exchanger(std::shared_ptr<HttpTransport> transport, RetryPolicy policy,
                     std::shared_ptr<Sleeper> sleeper, LogSink log, LogSink notice,
                     int max_in_flight)
    : transport_(std::move(transport)),
      policy_(policy),
      sleeper_(std::move(sleeper)),
      log_(std::move(log)),
      watch_(std::make_shared<WaitWatch>(sleeper_, std::move(notice))),
      places_(max_in_flight > 0 ? std::make_unique<base::Places>(max_in_flight) : nullptr) {}

HttpResult Exchanger::SendInPlace(const HttpRequest& request, milliseconds& sent) const {
  // A list goes first: the applier's creates share lists of clients and wait for them, and
  // there are few; queued behind every waiting write, one took 150 ms instead of 25.
  std::optional<base::Places::Held> place;
  if (places_) place.emplace(*places_, request.list);
  sent = sleeper_->Now();  // after the wait for a place: the log times the exchange only
  return transport_->Send(request);
}

base::Result<Exchange> Exchanger::Run(
    const std::function<base::Result<HttpRequest>()>& make_request, Repeat repeat) const {
  const milliseconds start = sleeper_->Now();
  Exchange exchange;
  std::optional<int> watched;
  struct Unwatch {
    WaitWatch& watch;
    std::optional<int>& handle;
    ~Unwatch() {
      if (handle) watch.End(*handle);
    }
  } unwatch{*watch_, watched};
  for (int attempt = 1;; ++attempt) {
    auto request = make_request();
    if (!request.ok()) return request.error();
    request->send_once = repeat == Repeat::kNotIfSent;
    auto url = base::SplitUrl(request->url);
    exchange.method = request->method;
    exchange.path = url ? url->path : request->url;
    if (!watched) {
      watched = watch_->Begin(url ? url->Origin() + url->path : request->url,
                              std::max(1, policy_.max_attempts));
    }
    watch_->Attempt(*watched, attempt);
    milliseconds sent{};
    exchange.result = SendInPlace(*request, sent);
    exchange.attempts = attempt;
    const milliseconds now = sleeper_->Now();
    if (log_) {
      const auto* response = exchange.response();
      std::string outcome = response != nullptr
                                ? std::to_string(response->status)
                                : KindName(std::get<TransportError>(exchange.result).kind);
      log_(request->method + " " + (url ? url->PathAndQuery() : request->url) + " -> " + outcome +
           " (" + std::to_string((now - sent).count()) + " ms, attempt " + std::to_string(attempt) +
           ")");
    }
    Verdict verdict = Judge(exchange.result, repeat);
    exchange.outcome_unknown = verdict.outcome_unknown;
    if (!verdict.retry || attempt >= policy_.max_attempts) return exchange;

    milliseconds delay = BackoffDelay(policy_, attempt, sleeper_->Jitter());
    bool server_asked = false;
    if (const auto* response = exchange.response()) {
      auto retry_after = ParseRetryAfter(response->Header("retry-after"),
                                         std::chrono::duration_cast<std::chrono::seconds>(
                                             std::chrono::system_clock::now().time_since_epoch())
                                             .count());
      if (retry_after && *retry_after > delay) {
        delay = *retry_after;
        server_asked = true;
      }
    }
    if (now - start + delay > policy_.total) {
      if (server_asked) {
        auto seconds = [](milliseconds ms) {
          return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(ms).count());
        };
        exchange.gave_up_because = "the server asked to retry after " + seconds(delay) +
                                   " s (Retry-After), beyond the time limit for all attempts "
                                   "(--retry-timeout " +
                                   seconds(policy_.total) + "s)";
      }
      return exchange;
    }
    sleeper_->Sleep(delay);
  }
}

}  // namespace mpctl::portal
