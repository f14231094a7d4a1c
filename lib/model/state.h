#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "model/client.h"
#include "model/environment.h"
#include "model/scope.h"

namespace mpctl::model {

/// What one environment should look like, resolved from the manifest.
/// Invariant: `clients` sorted by name, `scopes` sorted by name, names unique.
struct DesiredState {
  Environment environment;
  std::string owner;  // optional namespace of ownership tags
  std::vector<DesiredClient> clients;
  std::vector<DesiredScope> scopes;
  /// True when the manifest declares provider scopes (then scope reads need scopes.read).
  bool manages_scopes() const { return !scopes.empty(); }
};

/// What one environment looks like, as read from the portal (GETs only).
struct LiveState {
  std::string organization;
  /// Every active client of the organisation, sorted by client_id (as PortalApi::ListClients
  /// returns them). Keys are read only for the
  /// clients the manifest manages (pin or tag); others have `keys` unset.
  std::vector<LiveClient> clients;
  /// When the list of `clients` was requested (steady clock; before the request was sent).
  /// The applier's lookups before a create may use that list while it is recent enough.
  /// Default: the clock's epoch, too old for any lookup.
  std::chrono::steady_clock::time_point clients_listed_at{};
  /// Scopes owned by the organisation (active and inactive), and the access it granted on them.
  std::vector<LiveScope> owned_scopes;
  std::vector<ScopeAccess> granted_access;
  /// For "can the organisation use this scope": public scopes of every org, and access
  /// granted to this organisation as a consumer.
  std::vector<LiveScope> public_scopes;
  std::vector<ScopeAccess> access_to_us;
  /// False when the scope lists above were not read (the reader was asked not to).
  bool scopes_read = false;
};

}  // namespace mpctl::model
