#pragma once

#include <vector>

#include "base/result.h"
#include "model/state.h"
#include "plan/plan.h"

namespace mpctl::plan {

/// Fills in the public key material (n, e, kty, use) of every key-set action of `plan`, read
/// from JSON without it, from the manifest's keys of the same environment, matched by kid
/// and checked by thumbprint. Fails (kConflict) naming the address and kid when the manifest
/// no longer holds that key or holds different material under that kid.
base::Status ReattachKeyMaterial(EnvironmentPlan& plan, const model::DesiredState& desired);

/// The same for every environment; each must have a DesiredState with its name.
base::Status ReattachKeyMaterial(Plan& plan, const std::vector<model::DesiredState>& desired);

}  // namespace mpctl::plan
