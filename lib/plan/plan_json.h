#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "plan/plan.h"

namespace mpctl::plan {

/// The plan as JSON (schemas/plan.schema.json), two-space indented, ending in a newline.
/// Keys appear as kid, thumbprint, bits and alg only: never n, e or any other key material.
std::string WritePlanJson(const Plan& plan);

/// Parses a saved plan. Fails (kInvalidInput) on malformed JSON, an unknown format_version,
/// or a missing or mistyped field, naming its JSON path. Keys come back without material;
/// call ReattachKeyMaterial() before applying.
base::Result<Plan> ReadPlanJson(std::string_view text);

}  // namespace mpctl::plan
