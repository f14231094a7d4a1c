#include "base/json.h"

#include <rapidjson/error/en.h>

#include "base/strings.h"

namespace mpctl::base {

namespace {

// Offset of the first bracket deeper than `max_depth`, outside strings; npos when none.
std::size_t TooDeepAt(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<JsonParseError> ParseJson(std::string_view text, rapidjson::Document& doc,
                                        int max_depth) {
  if (std::size_t at = TooDeepAt(text, max_depth); at != std::string_view::npos) {
    doc.SetNull();
    return JsonParseError{at, "nested deeper than " + std::to_string(max_depth) + " levels"};
  }
  doc.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
  if (!doc.HasParseError()) return std::nullopt;
  std::string what = rapidjson::GetParseError_En(doc.GetParseError());
  if (!what.empty() && what.back() == '.') what.pop_back();
  return JsonParseError{doc.GetErrorOffset(), ToLower(what)};
}

std::string Describe(const JsonParseError& error) {
  return error.what + " at offset " + std::to_string(error.offset);
}

}  // namespace mpctl::base
