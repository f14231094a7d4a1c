#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mpctl::manifest {

/// `path` extended by the member `name`: ".name" when it is a plain name ([A-Za-z0-9_-]+),
/// else a bracket-quoted JSON string, e.g. scopes["payments:invoices.read"]. An empty
/// `path` is the root, so the first plain segment has no dot.
std::string JsonPathMember(std::string_view path, std::string_view name);

/// `path` extended by the list index `index`, e.g. keys[1].
std::string JsonPathIndex(std::string_view path, std::size_t index);

}  // namespace mpctl::manifest
