#include "portal/curl_transport.h"

#include <curl/curl.h>

#include <cctype>
#include <optional>

#include "base/sanitize.h"
#include "base/strings.h"
#include "base/url_parts.h"

#ifndef MPCTL_VERSION_STRING
#error "MPCTL_VERSION_STRING must be defined by the build"
#endif

namespace mpctl::portal {

namespace {

// curl_global_init is not thread-safe; run it once before the first handle.
void GlobalInitOnce() {
  static const bool done = [] {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    return true;
  }();
  (void)done;
}

bool IsLoopbackHost(std::string host) {
  host = base::ToLower(host);
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  // 127.0.0.0/8 as a dotted quad.
  auto parts = base::Split(host, '.');
  if (parts.size() != 4 || parts[0] != "127") return false;
  for (const auto& part : parts) {
    if (part.empty() || part.size() > 3) return false;
    for (char c : part) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    }
    if (std::stoi(part) > 255) return false;
  }
  return true;
}

// Checks the URL with curl's own parser, so the host checked is the host curl connects to.
std::optional<TransportError> CheckUrl(const std::string& url) {
  auto refused = [](std::string message) {
    return TransportError{TransportErrorKind::kRefused, std::move(message)};
  };
  CURLU* parsed = curl_url();
  std::string scheme;
  std::string host;
  if (curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
    char* part = nullptr;
    if (curl_url_get(parsed, CURLUPART_SCHEME, &part, 0) == CURLUE_OK) scheme = part;
    curl_free(part);
    part = nullptr;
    if (curl_url_get(parsed, CURLUPART_HOST, &part, 0) == CURLUE_OK) host = part;
    curl_free(part);
  }
  curl_url_cleanup(parsed);
  if (scheme.empty() || host.empty()) return refused("'" + url + "' is not an absolute URL");
  scheme = base::ToLower(scheme);
  if (scheme == "https") return std::nullopt;
  if (scheme != "http") {
    return refused("scheme '" + scheme + "' of '" + url + "' is not supported; use https://");
  }
  if (!IsLoopbackHost(host)) {
    return refused("refusing plain http:// to '" + host +
                   "': tokens would travel unencrypted; http:// is allowed only for loopback "
                   "hosts (127.0.0.0/8, ::1, localhost), use https://");
  }
  return std::nullopt;
}

// Where the callbacks put the response, and the limits they enforce. Returning a short count
// from a callback makes curl abort the transfer with CURLE_WRITE_ERROR.
struct Sink {
  HttpResponse* response;
  std::size_t max_body;
  std::size_t max_headers;
  std::size_t header_bytes = 0;
  bool body_too_large = false;
  bool headers_too_large = false;
};

std::size_t WriteBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  std::size_t n = size * count;
  if (sink->response->body.size() + n > sink->max_body) {
    sink->body_too_large = true;
    return 0;
  }
  sink->response->body.append(data, n);
  return n;
}

std::size_t WriteHeader(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  Headers* headers = &sink->response->headers;
  std::string_view line(data, size * count);
  sink->header_bytes += line.size();
  if (sink->header_bytes > sink->max_headers) {
    sink->headers_too_large = true;
    return 0;
  }
  // A new status line (after 1xx or a reused handle) starts a new header block.
  if (base::StartsWith(line, "HTTP/")) {
    headers->clear();
    return size * count;
  }
  std::size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    headers->emplace_back(base::ToLower(base::Trim(line.substr(0, colon))),
                          std::string(base::Trim(line.substr(colon + 1))));
  }
  return size * count;
}

// Counts the request header blocks libcurl wrote: more than one in a transfer means libcurl
// re-sent the request itself.
int CountRequests(CURL*, curl_infotype type, char*, std::size_t, void* user) {
  if (type == CURLINFO_HEADER_OUT) ++*static_cast<int*>(user);
  return 0;
}

// `sent`: curl wrote the request; after that a failure leaves the outcome unknown.
TransportErrorKind Classify(CURLcode code, bool sent) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
      return TransportErrorKind::kConnect;
    case CURLE_OPERATION_TIMEDOUT:
      return sent ? TransportErrorKind::kTimeout : TransportErrorKind::kConnect;
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return TransportErrorKind::kDropped;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
      return TransportErrorKind::kTls;
    default:
      return TransportErrorKind::kOther;
  }
}

}  // namespace

struct CurlTransport::Handle {
  CURL* curl = nullptr;
  ~Handle() {
    if (curl != nullptr) curl_easy_cleanup(curl);
  }
};

CurlTransport::CurlTransport(CurlTransportOptions options) : options_(std::move(options)) {
  GlobalInitOnce();
  if (options_.user_agent.empty()) options_.user_agent = DefaultUserAgent();
}

CurlTransport::~CurlTransport() = default;

std::string CurlTransport::DefaultUserAgent() { return "mpctl/" MPCTL_VERSION_STRING; }

std::unique_ptr<CurlTransport::Handle> CurlTransport::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      auto handle = std::move(idle_.back());
      idle_.pop_back();
      return handle;
    }
  }
  auto handle = std::make_unique<Handle>();
  handle->curl = curl_easy_init();
  return handle;
}

void CurlTransport::Release(std::unique_ptr<Handle> handle) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(handle));
}

HttpResult CurlTransport::Send(const HttpRequest& request) {
  if (auto refused = CheckUrl(request.url)) return *refused;
  auto handle = Acquire();
  if (handle->curl == nullptr) {
    return TransportError{TransportErrorKind::kOther, "could not create a curl handle"};
  }
  CURL* curl = handle->curl;
  // Reset clears per-request options but keeps the handle's connection cache (keep-alive).
  curl_easy_reset(curl);

  HttpResponse response;
  Sink sink{&response, options_.max_response_bytes * (request.list ? kListResponseFactor : 1),
            options_.max_header_bytes};
  curl_slist* header_list = nullptr;
  for (const auto& [name, value] : request.headers) {
    header_list = curl_slist_append(header_list, (name + ": " + value).c_str());
  }
  if (!request.bearer_token.empty() && !base::IsB64Token(request.bearer_token.Reveal())) {
    // A token with CR LF or spaces would add headers of the server's choosing.
    curl_slist_free_all(header_list);
    Release(std::move(handle));
    return TransportError{TransportErrorKind::kRefused,
                          "the access token is not an RFC 6750 bearer token; not sent"};
  }
  if (!request.bearer_token.empty()) {
    base::Secret line("Authorization: Bearer " + std::string(request.bearer_token.Reveal()));
    header_list = curl_slist_append(header_list, line.Reveal().data());
  }
  // No "Expect: 100-continue" round trip before bodies.
  header_list = curl_slist_append(header_list, "Expect:");

  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, options_.ca_file.c_str());
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout_ms));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout_ms));
  curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, WriteBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, WriteHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &sink);
  // Refuse early when the server announces a body over the limit.
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(sink.max_body));
    int requests_sent = 0;
  if (options_.log) {
    // The debug callback sees every request libcurl writes (it needs VERBOSE; with a
    // DEBUGFUNCTION nothing is printed). Only counted: the header block holds the token.
    curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, CountRequests);
    curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &requests_sent);
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
  }
  if (request.send_once) {
    // A new connection: libcurl re-sends only what it sent on a reused one.
    // The new connection stays in the handle's cache for later requests (FORBID_REUSE would
    // close it and cost one more connect; no measurable difference, see README Benchmarks).
    curl_easy_setopt(curl, CURLOPT_FRESH_CONNECT, 1L);
  }
  // One cached connection per handle: a fresh connect (above) closes the one it replaces
  // instead of leaving it idle. Idle keep-alive connections hold a server worker each; with
  // 16 handles and libcurl's default of 5 each, a 500-client apply left the emulator's 64
  // workers busy with idle connections and new ones queued for its keep-alive timeout.
  curl_easy_setopt(curl, CURLOPT_MAXCONNECTS, 1L);
  if (request.method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.Reveal().data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.Reveal().size()));
  }

  CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(header_list);
  if (options_.log && requests_sent > 1) {
    auto parts = base::SplitUrl(request.url);
    std::string target = parts ? parts->PathAndQuery() : request.url;
    for (int extra = 1; extra < requests_sent; ++extra) {
      options_.log(request.method + " " + target +
                   " sent again by libcurl on a new connection (the reused one closed before "
                   "answering)");
    }
  }
  if (code != CURLE_OK) {
    auto parts = base::SplitUrl(request.url);
    std::string where = parts ? parts->host : request.url;
    if (sink.body_too_large || code == CURLE_FILESIZE_EXCEEDED) {
      // Not retried (kTooLarge): the same request would get the same answer.
      return TransportError{TransportErrorKind::kTooLarge,
                            "response body from '" + where + "' is larger than " +
                                std::to_string(sink.max_body >> 20) +
                                " MiB; stopped reading (raise the limit with "
                                "--max-response-mib if the answer is genuine)"};
    }
    if (sink.headers_too_large) {
      return TransportError{TransportErrorKind::kTooLarge,
                            "response headers from '" + where + "' are larger than " +
                                std::to_string(sink.max_headers >> 10) + " KiB; stopped reading"};
    }
    long request_size = 0;
    curl_easy_getinfo(curl, CURLINFO_REQUEST_SIZE, &request_size);
    const std::string& host = where;
    TransportErrorKind kind = Classify(code, request_size > 0);
    std::string message = std::string(curl_easy_strerror(code));
    message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    if (kind == TransportErrorKind::kTls) {
      message += " (TLS to '" + host + "'; if it uses a private CA, pass it with --ca-file)";
    } else {
      message += " ('" + host + "')";
    }
    // A handle that failed mid-exchange may hold a broken connection; do not reuse it.
    return TransportError{kind, message};
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  Release(std::move(handle));
  return response;
}

}  // namespace mpctl::portal
