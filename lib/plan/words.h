// The words and symbols every output uses for a plan's actions, so that `plan`, `apply`'s
// progress and `check` say the same thing: + create, ~ update, - delete; "created",
// "granted", "deactivated"...; "3 days".
#pragma once

#include <cstdint>
#include <string>

#include "plan/plan.h"

namespace mpctl::plan {

/// "+", "~" or "-".
const char* Symbol(ActionKind kind);

/// What the action does to its resource, as a past participle: "created", "updated",
/// "deleted"; grants are "granted" and "revoked", a deleted scope is "deactivated".
const char* Participle(ResourceType type, ActionKind kind);

/// Whole days in `seconds`, rounded down: "0 days", "1 day", "12 days".
std::string DayCount(std::int64_t seconds);

}  // namespace mpctl::plan
