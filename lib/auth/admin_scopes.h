#pragma once

#include <string>
#include <vector>

namespace mpctl::auth {

/// Admin scopes of the self-service API (portal-api.md §2.1).
inline constexpr char kDcrRead[] = "idporten:dcr.read";
inline constexpr char kDcrWrite[] = "idporten:dcr.write";
inline constexpr char kScopesRead[] = "idporten:scopes.read";
inline constexpr char kScopesWrite[] = "idporten:scopes.write";

/// What a run will do; the token asks for nothing more (least privilege).
struct ScopeNeeds {
  bool write_clients = false;  // create/update/delete clients or their keys
  bool read_scopes = false;    // provider scopes, their access, /scopes/access/all
  bool write_scopes = false;   // create/update/deactivate scopes, grant/revoke access
};

/// The admin scopes for `needs`, sorted: always idporten:dcr.read; idporten:scopes.read when
/// scopes are read or written; idporten:dcr.write and idporten:scopes.write only for writes.
std::vector<std::string> AdminScopes(const ScopeNeeds& needs);

}  // namespace mpctl::auth
