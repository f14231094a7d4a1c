// Test support: validates JSON against the schemas under schemas/ with RapidJSON.
#pragma once

#include <optional>
#include <string>

namespace mpctl::testing {

/// nullopt when `json` follows `schema_file` (relative to the source tree); otherwise where and
/// which keyword it violates.
std::optional<std::string> SchemaViolation(const std::string& schema_file, const std::string& json);

/// nullopt when `json` is valid; otherwise where and which keyword it violates.
std::optional<std::string> PlanSchemaViolation(const std::string& json);

}  // namespace mpctl::testing
