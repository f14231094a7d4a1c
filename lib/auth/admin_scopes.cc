#include "auth/admin_scopes.h"

#include <algorithm>

namespace mpctl::auth {

std::vector<std::string> AdminScopes(const ScopeNeeds& needs) {
  std::vector<std::string> scopes = {kDcrRead};
  if (needs.write_clients) scopes.emplace_back(kDcrWrite);
  if (needs.read_scopes || needs.write_scopes) scopes.emplace_back(kScopesRead);
  if (needs.write_scopes) scopes.emplace_back(kScopesWrite);
  std::sort(scopes.begin(), scopes.end());
  return scopes;
}

}  // namespace mpctl::auth
