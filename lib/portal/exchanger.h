#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "base/places.h"
#include "base/result.h"
#include "portal/http_transport.h"
#include "portal/log_sink.h"
#include "portal/retry.h"
#include "portal/wait_watch.h"

namespace mpctl::portal {

/// Whether a request may be sent again after it may have reached the server.
enum class Repeat {
  kSafe,       // GET, PUT, DELETE, and POSTs that replace a whole set: repeating is harmless
  kNotIfSent,  // POST that creates: repeated only when it certainly was not handled
               // (no connection, or 429); otherwise the outcome is unknown
};

/// The end of a request's attempts: the last response (any status) or the last transport
/// failure, with how it went.
struct Exchange {
  std::string method;
  std::string path;  // no host, no query: for messages
  HttpResult result;
  int attempts = 0;
  /// A create (Repeat::kNotIfSent) failed in a way that leaves open whether the server made
  /// the resource (timeout, dropped connection, 5xx). Re-check (by ownership tag) before
  /// trying again.
  bool outcome_unknown = false;
  /// Why the retries stopped early when it was not the attempt limit, e.g. a Retry-After
  /// beyond the time limit; "" otherwise.
  std::string gave_up_because;

  const HttpResponse* response() const { return std::get_if<HttpResponse>(&result); }
  /// The error for a failed exchange (transport failure or non-2xx), with "; gave up after N
  /// attempts" or the outcome-unknown note appended when they apply.
  base::Error ToError() const;
};

/// Sends requests with retries (429, 5xx, connection failures, timeouts; exponential backoff
/// with jitter; Retry-After honoured; bounded attempts and total time) and logs one line per
/// attempt. Thread-safe, and the one place that bounds how many requests are in flight at
/// once: every request of a connection, tokens included, goes through it.
class Exchanger {
 public:
  /// `notice` (may be empty) is told what a request waits for once it has waited a while
  /// (WaitWatch). At most `max_in_flight` attempts are sent at once (--parallelism; 0: no
  /// limit); a caller beyond it waits for one to end before it sends, lists first (see
  /// base::Places). Backoff waits hold no place.
  Exchanger(std::shared_ptr<HttpTransport> transport, RetryPolicy policy,
            std::shared_ptr<Sleeper> sleeper, LogSink log, LogSink notice = nullptr,
            int max_in_flight = 0);

  /// Calls `make_request` before every attempt (so each can carry a fresh token or grant)
  /// and sends it. An error from `make_request` ends the exchange with that error.
  base::Result<Exchange> Run(const std::function<base::Result<HttpRequest>()>& make_request,
                             Repeat repeat) const;

 private:
  /// transport_->Send once a place is free; `sent` is when it went out.
  HttpResult SendInPlace(const HttpRequest& request, std::chrono::milliseconds& sent) const;

  std::shared_ptr<HttpTransport> transport_;
  RetryPolicy policy_;
  std::shared_ptr<Sleeper> sleeper_;
  LogSink log_;
  std::shared_ptr<WaitWatch> watch_;
  std::unique_ptr<base::Places> places_;  // max_in_flight; null: no limit
};

}  // namespace mpctl::portal
