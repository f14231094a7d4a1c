// URL splitting and percent-encoding for the HTTP client and admin authentication.
// Header-only so that it adds no source file to lib/base's build.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/strings.h"

namespace mpctl::base {

/// The parts of an absolute http(s) URL. `scheme` and `host` are lower case; `host` keeps
/// the brackets of an IPv6 literal; `port` is empty when not given; `path` starts with '/'
/// ("/" when absent); `query` excludes the '?' and the fragment.
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

/// Splits "scheme://[userinfo@]host[:port][/path][?query][#fragment]"; nullopt when the
/// text has no scheme or no host.
inline std::optional<UrlParts> SplitUrl(std::string_view url) {
  std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return std::nullopt;
  UrlParts parts;
  parts.scheme = ToLower(url.substr(0, scheme_end));
  std::string_view rest = url.substr(scheme_end + 3);
  if (std::size_t hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  std::size_t authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  rest = authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority = authority.substr(at + 1);
  }
  std::size_t port_colon = authority.rfind(':');
  std::size_t bracket = authority.rfind(']');
  if (port_colon != std::string_view::npos &&
      (bracket == std::string_view::npos || port_colon > bracket)) {
    parts.port = std::string(authority.substr(port_colon + 1));
    authority = authority.substr(0, port_colon);
  }
  if (authority.empty()) return std::nullopt;
  parts.host = ToLower(authority);
  std::size_t question = rest.find('?');
  parts.path = std::string(rest.substr(0, question));
  // push_back, not = "/": g++ 12 misreports the literal assignment here (-Wrestrict, GCC bug
  // 105329).
  if (parts.path.empty()) parts.path.push_back('/');
  if (question != std::string_view::npos) parts.query = std::string(rest.substr(question + 1));
  return parts;
}

/// Percent-encodes everything but RFC 3986 unreserved characters, so the result is safe as
/// one path segment or one query value ("a:b/c" → "a%3Ab%2Fc").
inline std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0x0F];
    }
  }
  return out;
}

}  // namespace mpctl::base
