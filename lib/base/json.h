// lib/base: the one way the client parses JSON (server responses, plans, JWKs).
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mpctl::base {

/// Deepest nesting of arrays and objects accepted. Nothing mpctl reads nests deeper than 6.
inline constexpr int kMaxJsonDepth = 64;

struct JsonParseError {
  std::size_t offset = 0;  // byte offset in the text
  std::string what;        // lower case, no full stop, e.g. "nested deeper than 64 levels"
};

/// Parses `text` into `doc` with RapidJSON's iterative parser (no recursion, so no stack
/// overflow) after refusing nesting deeper than `max_depth`. nullopt on success.
std::optional<JsonParseError> ParseJson(std::string_view text, rapidjson::Document& doc,
                                        int max_depth = kMaxJsonDepth);

/// "what at offset N".
std::string Describe(const JsonParseError& error);

}  // namespace mpctl::base
