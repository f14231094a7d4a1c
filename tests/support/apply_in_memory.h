// Test support: executes a plan against a LiveState in memory, as the applier would against
// the portal, so property tests can check that planning again converges.
#pragma once

#include "model/state.h"
#include "plan/plan.h"

namespace mpctl::testing {

/// Applies every action of `plan` to `live`, writing clients as the applier does
/// (applier::ClientSpecOf with `owner`). New clients get the id "new-<name>"; keys get no exp
/// or created. Aborts (gtest failure) on an action that makes no sense for `live`.
void ApplyInMemory(const plan::EnvironmentPlan& plan, model::LiveState& live,
                   const std::string& owner);

}  // namespace mpctl::testing
