#include "model/ownership.h"

namespace mpctl::model {

namespace {
constexpr std::string_view kTagOpen = "[mpctl:";

// Position of a trailing tag's '[' or npos.
std::size_t TagStart(std::string_view description) {
  if (description.empty() || description.back() != ']') return std::string_view::npos;
  std::size_t start = description.rfind(kTagOpen);
  if (start == std::string_view::npos) return start;
  std::string_view body = description.substr(start + kTagOpen.size());
  body.remove_suffix(1);
  if (body.empty() || body.find_first_of("[] ") != std::string_view::npos) {
    return std::string_view::npos;
  }
  return start;
}
}  // namespace

std::string OwnershipTag(std::string_view owner, std::string_view name) {
  std::string tag(kTagOpen);
  if (!owner.empty()) {
    tag += owner;
    tag += '/';
  }
  tag += name;
  tag += ']';
  return tag;
}

std::string WithOwnershipTag(std::string_view description, std::string_view owner,
                             std::string_view name) {
  std::string out(description);
  if (!out.empty()) out += ' ';
  out += OwnershipTag(owner, name);
  return out;
}

std::optional<std::string> ParseOwnershipTag(std::string_view description,
                                             std::string_view owner) {
  std::size_t start = TagStart(description);
  if (start == std::string_view::npos) return std::nullopt;
  std::string_view body = description.substr(start + kTagOpen.size());
  body.remove_suffix(1);
  std::size_t slash = body.find('/');
  if (owner.empty()) {
    if (slash != std::string_view::npos) return std::nullopt;
    return std::string(body);
  }
  if (slash == std::string_view::npos || body.substr(0, slash) != owner) return std::nullopt;
  std::string_view name = body.substr(slash + 1);
  if (name.empty()) return std::nullopt;
  return std::string(name);
}

std::string StripOwnershipTag(std::string_view description) {
  std::size_t start = TagStart(description);
  if (start == std::string_view::npos) return std::string(description);
  std::string_view rest = description.substr(0, start);
  if (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
  return std::string(rest);
}

bool KeptBefore(const LiveClient& a, const LiveClient& b) {
  if (a.created_ms.has_value() != b.created_ms.has_value()) return a.created_ms.has_value();
  if (a.created_ms && *a.created_ms != *b.created_ms) return *a.created_ms < *b.created_ms;
  return a.client_id < b.client_id;
}

}  // namespace mpctl::model
