// lib/planner: why each change of a plan is there (`--base`). A pass after Diff(): it compares
// the plan with the plan the base manifest (the manifest as last reviewed, e.g. at the target
// branch) would give against the same live state. What both plans change was changed outside
// mpctl (drift); what only the current plan changes, the manifest changed. Pure, like Diff().
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/state.h"
#include "plan/plan.h"
#include "planner/diff.h"

namespace mpctl::planner {

/// Sets `cause` on every action and change of `current` (Diff of `desired` and `live`), given
/// `base`, the same environment's desired state as last reviewed (nullptr: the environment is
/// new, so everything is kManifest). A set-valued change (scopes, keys by kid, allowed
/// integration types) is split into one change per cause, in the order manifest, drift, both.
/// Drifted changes get `adopt`, the manifest snippet that keeps the live value. Sets
/// `summary.drift`. `options` must be those `current` was made with.
void AttributeCauses(plan::EnvironmentPlan& current, const model::DesiredState* base,
                     const model::DesiredState& desired, const model::LiveState& live,
                     const DiffOptions& options);

/// With --base: the environment's desired state as last reviewed.
struct BaseState {
  const model::DesiredState* desired = nullptr;  // nullptr: the environment is new at the base
};

/// One environment's plan as plan, apply and check make it (and the goldens): Diff(), then,
/// with a `base`, AttributeCauses() against it. `options` had ProtectEntries() over every
/// environment of the manifest.
plan::EnvironmentPlan PlanEnvironment(const model::DesiredState& desired,
                                      const model::LiveState& live, const DiffOptions& options,
                                      const BaseState* base = nullptr);

}  // namespace mpctl::planner
