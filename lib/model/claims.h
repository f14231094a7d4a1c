// Which live clients a manifest claims in one environment (design.md §2). The one definition
// of the rule: the live read, the planner, the applier's safety checks, the plan fingerprint
// and diff-env all ask ClaimOf().
#pragma once

#include <map>
#include <optional>
#include <string>

#include "model/client.h"
#include "model/state.h"

namespace mpctl::model {

/// What a manifest claims by: its `owner:` and its pins.
struct Ownership {
  std::string owner;                        // namespace of ownership tags ("" when none)
  std::map<std::string, std::string> pins;  // pinned client_id → entry name ("" if unknown)

  /// The owner and the pins (overrides.<env>.client_id) of `desired`.
  static Ownership Of(const DesiredState& desired);
};

/// How a live client is claimed, and by which entry.
struct Claim {
  enum class By { kPin, kTag };
  By by;
  std::string entry;  // the pinning entry, or the name in the tag (may not be in the manifest)
};

/// The claim on `client`, nullopt when it is not ours. Why this order and these rules:
/// - Only active clients: a deleted client is gone for the portal, so it is nobody's. Live
///   client lists hold no others: portal::NormalizeClientList drops them where they enter
///   (PortalApi::ListClients), so this rule is not checked again here.
/// - A pin wins over a tag: a pin is the manifest author naming one exact client, a tag is
///   text in a description that anyone with portal access can copy or edit.
/// - Only tags of `owner`'s namespace: two manifests with different owners share one
///   organisation without ever touching each other's clients.
std::optional<Claim> ClaimOf(const LiveClient& client, const Ownership& ownership);

/// True when `client` is claimed by the tag of entry `name` in `owner`'s namespace (pins
/// aside): ClaimOf() without pins. The applier's look-up before and after a create uses it.
bool ClaimsByTag(const LiveClient& client, const std::string& owner, const std::string& name);

}  // namespace mpctl::model
