// lib/plan: compares the actions of two plans of one environment, so that `apply plan.json` can
// refuse a saved plan that no longer says what a plan made now would do.
#pragma once

#include <optional>
#include <string>

#include "plan/plan.h"

namespace mpctl::plan {

/// The first difference between the actions of `saved` and `now` (same environment), in
/// applier order: "'client.a': the saved plan has an update, a plan made now has a delete",
/// "'client.a': 'after.description' differs", "'scope.s.access.1': only in a plan made now", ...
/// nullopt when every action matches in address, kind, ids, fields, changes and keys (kid,
/// thumbprint, bits, alg; key material is not compared). Causes are ignored, and a change
/// split per cause (a plan made with --base) compares as the one change it was split from.
/// Warnings, orphans and summaries are not actions and are ignored: they may change with the clock
/// alone.
std::optional<std::string> FirstActionDifference(const EnvironmentPlan& saved,
                                                 const EnvironmentPlan& now);

}  // namespace mpctl::plan
