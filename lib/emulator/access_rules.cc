#include "emulator/access_rules.h"

namespace mpctl::emulator {

bool MayUseScope(const State& state, const Scope& scope, const std::string& orgno,
                 std::optional<Millis> usable_at) {
  if (scope.accessible_for_all || !scope.delegation_source.empty() || scope.owner_orgno == orgno) {
    return true;
  }
  auto access = state.access.find({scope.name, orgno});
  if (access == state.access.end() || access->second.state != "APPROVED") return false;
  return !usable_at || access->second.usable_from <= *usable_at;
}

}  // namespace mpctl::emulator
