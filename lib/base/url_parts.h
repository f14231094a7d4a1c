// URL splitting and percent-encoding for the HTTP client, admin authentication and the
// manifest's URL checks. Implemented with libcurl's URL API (url_parts.cc), so a URL is split
// the way curl connects to it; lib/base may use libcurl for this file only (README,
// "Architecture").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mpctl::base {

/// The parts of an absolute URL. `scheme` and `host` are lower case; `host` keeps the
/// brackets of an IPv6 literal; `port` is empty when not given; `path` starts with '/'
/// ("/" when absent) and is kept as written; `query` excludes the '?' and the fragment.
struct UrlParts {
  std::string scheme;
  std::string host;
  std::string port;
  std::string path;
  std::string query;

  /// "scheme://host[:port]", the part two URLs must share to be on the same server.
  std::string Origin() const { return scheme + "://" + host + (port.empty() ? "" : ":" + port); }
  /// The path, plus "?query" when there is one.
  std::string PathAndQuery() const { return query.empty() ? path : path + "?" + query; }
};

/// Splits "scheme://[userinfo@]host[:port][/path][?query][#fragment]"; nullopt when libcurl
/// cannot parse it as an absolute URL with a host.
std::optional<UrlParts> SplitUrl(std::string_view url);

/// Percent-encodes everything but RFC 3986 unreserved characters, so the result is safe as
/// one path segment or one query value ("a:b/c" → "a%3Ab%2Fc").
std::string PercentEncode(std::string_view text);

}  // namespace mpctl::base
