#include "model/claims.h"

#include "model/ownership.h"

namespace mpctl::model {

Ownership Ownership::Of(const DesiredState& desired) {
  Ownership ownership;
  ownership.owner = desired.owner;
  for (const DesiredClient& client : desired.clients) {
    if (client.pinned_client_id) ownership.pins[*client.pinned_client_id] = client.name;
  }
  return ownership;
}

std::optional<Claim> ClaimOf(const LiveClient& client, const Ownership& ownership) {
  if (auto pin = ownership.pins.find(client.client_id); pin != ownership.pins.end()) {
    return Claim{Claim::By::kPin, pin->second};
  }
  if (std::optional<std::string> name = ParseOwnershipTag(client.description, ownership.owner)) {
    return Claim{Claim::By::kTag, *name};
  }
  return std::nullopt;
}

bool ClaimsByTag(const LiveClient& client, const std::string& owner, const std::string& name) {
  std::optional<Claim> claim = ClaimOf(client, Ownership{owner, {}});
  return claim && claim->entry == name;
}

}  // namespace mpctl::model
