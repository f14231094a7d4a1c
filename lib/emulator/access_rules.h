#pragma once

#include <optional>
#include <string>

#include "emulator/types.h"

namespace mpctl::emulator {

/// Whether organisation `orgno` may use `scope` (portal-api.md §6): it owns it, the scope is
/// accessible_for_all or has a delegation_source, or `orgno` has an APPROVED access. With
/// `usable_at`, the access must also have propagated by then (the /token view).
bool MayUseScope(const State& state, const Scope& scope, const std::string& orgno,
                 std::optional<Millis> usable_at);

}  // namespace mpctl::emulator
