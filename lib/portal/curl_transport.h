#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "portal/http_transport.h"
#include "portal/log_sink.h"

namespace mpctl::portal {

/// 4 MiB: far more than any single object, token or discovery document.
inline constexpr std::size_t kDefaultMaxResponseBytes = 4 << 20;

struct CurlTransportOptions {
  /// Extra CA bundle (PEM) trusted for TLS, e.g. a local emulator's self-signed certificate.
  /// Verification itself is always on; there is no way to switch it off.
  std::string ca_file;
  int connect_timeout_ms = 10'000;
  int timeout_ms = 30'000;  // the whole exchange
  std::string user_agent;   // default "mpctl/<version>"
  /// When set, a line for every extra time libcurl itself sent a request again (it re-sends
  /// a request whose reused connection closed before any byte of an answer), so that the
  /// log shows every request that left the process.
  LogSink log;
  /// Largest response body read (kListResponseFactor times more for lists); a larger one
  /// aborts the transfer with kTooLarge. --max-response-mib.
  std::size_t max_response_bytes = kDefaultMaxResponseBytes;
  std::size_t max_header_bytes = 64 << 10;  // all header lines of one response
};

/// HttpTransport on libcurl. Keeps a pool of easy handles, each with its own keep-alive
/// connection, so concurrent callers each reuse a connection. A send_once request goes on a
/// new connection, because libcurl silently re-sends a request whose reused connection
/// closed before answering (lib/transfer.c Curl_retry_request), and on a new connection it
/// never does. Refuses, before connecting,
/// any scheme but https, and http:// to hosts other than loopback (127.0.0.0/8, ::1,
/// localhost).
class CurlTransport final : public HttpTransport {
 public:
  explicit CurlTransport(CurlTransportOptions options);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  HttpResult Send(const HttpRequest& request) override;

  /// "mpctl/<version>".
  static std::string DefaultUserAgent();

 private:
  struct Handle;
  std::unique_ptr<Handle> Acquire();
  void Release(std::unique_ptr<Handle> handle);

  CurlTransportOptions options_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Handle>> idle_;
};

}  // namespace mpctl::portal
