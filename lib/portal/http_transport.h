// lib/portal: the self-service API client: HTTP over libcurl (curl_transport.cc only), the
// typed PortalApi, retries, and reading the live state. Uses auth, crypto, model and base;
// shares no code with the emulator.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "base/secret.h"

namespace mpctl::portal {

using Headers = std::vector<std::pair<std::string, std::string>>;

/// Lists (all clients, all scopes) may be this many times larger than a transport's limit
/// for one object.
inline constexpr std::size_t kListResponseFactor = 8;

/// One HTTP request. `url` is absolute. The bearer token is kept apart from `headers` so
/// that nothing which logs or records headers can see it.
struct HttpRequest {
  std::string method;  // GET, POST, PUT, DELETE
  std::string url;
  Headers headers;            // never secret
  base::Secret bearer_token;  // sent as "Authorization: Bearer ..." when not empty
  base::Secret body;          // may hold a grant (token requests), so it is wiped after use
  /// A request that creates something (not idempotent): it must leave the process at most
  /// once per Send(). The transport never re-sends it on its own, e.g. after a reused
  /// keep-alive connection closed without answering; only the caller decides to send again.
  bool send_once = false;
  bool list = false;          // the answer is a list: it may be kListResponseFactor times larger
};

/// One HTTP response, whatever its status. Header names are lower case.
struct HttpResponse {
  int status = 0;
  Headers headers;
  std::string body;

  /// The first header named `name` (lower case), or "".
  std::string_view Header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key == name) return value;
    }
    return {};
  }
};

/// Why no response came back.
enum class TransportErrorKind {
  kRefused,   // not attempted: a URL the client will not use (e.g. http:// to a non-loopback host)
  kConnect,   // no connection was made: the request was certainly not sent
  kTimeout,   // connected, then the total timeout ran out: the request may have been handled
  kDropped,   // the connection broke or the server closed it without an answer
  kTls,       // TLS handshake or certificate verification failed
  kTooLarge,  // the response was over a size limit; reading stopped (not retried)
  kOther,
};

struct TransportError {
  TransportErrorKind kind = TransportErrorKind::kOther;
  std::string message;  // lower case, names the host, never headers or bodies
};

using HttpResult = std::variant<HttpResponse, TransportError>;

/// Sends HTTP requests. Implementations are safe to call from several threads at once.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  /// Sends `request` once (no retries here). Any HTTP status is an HttpResponse.
  virtual HttpResult Send(const HttpRequest& request) = 0;
};

}  // namespace mpctl::portal
