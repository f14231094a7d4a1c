// Plain request/response values: the emulator's core works on these, without sockets, so
// handlers are unit-testable; server.cc converts to and from cpp-httplib.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mpctl::emulator {

/// One HTTP request as the core sees it.
struct Request {
  std::string method;                           // "GET", "POST", ...
  std::string path;                             // URL-decoded, without the query string
  std::multimap<std::string, std::string> query;  // URL-decoded query parameters
  std::map<std::string, std::string> headers;   // names in lower case
  std::string body;
  /// The request came on a keep-alive connection that had carried an earlier request.
  bool reused_connection = false;

  /// The first query parameter `name`, if any.
  std::optional<std::string> Query(const std::string& name) const;
  /// The header `name` (lower case), or "".
  std::string Header(const std::string& name) const;
};

/// One HTTP response. `drop_connection` asks the server to cut the connection instead of
/// sending the body, `lose_answer` to close it before sending any byte (injected faults).
struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  bool drop_connection = false;
  bool lose_answer = false;
};

/// A JSON response with `status`.
Response JsonResponse(int status, std::string body);
/// A response with no body (e.g. DELETE).
Response EmptyResponse(int status);

/// Decodes application/x-www-form-urlencoded text ('+' is a space).
std::multimap<std::string, std::string> ParseForm(std::string_view text);

}  // namespace mpctl::emulator
