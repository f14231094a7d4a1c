// Test support: validates plan JSON against schemas/plan.schema.json with RapidJSON.
#pragma once

#include <optional>
#include <string>

namespace mpctl::testing {

/// nullopt when `json` is valid; otherwise where and which keyword it violates.
std::optional<std::string> PlanSchemaViolation(const std::string& json);

}  // namespace mpctl::testing
