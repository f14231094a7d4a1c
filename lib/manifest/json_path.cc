#include "manifest/json_path.h"

#include <algorithm>

#include "base/strings.h"

namespace mpctl::manifest {
namespace {

bool IsPlainName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

}  // namespace

std::string JsonPathMember(std::string_view path, std::string_view name) {
  std::string out(path);
  if (IsPlainName(name)) {
    if (!out.empty()) out += '.';
    out += name;
  } else {
    out += '[' + base::JsonQuote(name) + ']';
  }
  return out;
}

std::string JsonPathIndex(std::string_view path, std::size_t index) {
  return std::string(path) + '[' + std::to_string(index) + ']';
}

}  // namespace mpctl::manifest
