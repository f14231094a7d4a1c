#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/key.h"

namespace mpctl::model {

/// The integration type mpctl manages; the only one it creates.
inline constexpr char kMaskinporten[] = "maskinporten";

/// A client as the manifest wants it in one environment, after overrides and defaults.
/// Invariant: `scopes` sorted and unique; `keys` sorted by kid with unique kids.
struct DesiredClient {
  std::string name;          // the manifest entry's name: stable identity, [a-z0-9-]
  std::string display_name;  // → client_name
  std::string description;   // without the ownership tag
  std::vector<std::string> scopes;
  std::vector<PublicKey> keys;
  std::optional<std::string> pinned_client_id;  // overrides.<env>.client_id
  bool prevent_destroy = false;
};

/// A client as the portal returned it. `description` is stored as-is, tag included.
/// `keys` is set only when the key set was read (managed clients only); an empty vector
/// means "read, and there are no keys".
struct LiveClient {
  std::string client_id;
  std::string client_name;
  std::string description;
  std::vector<std::string> scopes;  // as returned; compare as a set
  std::string integration_type;
  std::string client_orgno;
  bool active = true;
  std::optional<std::vector<PublicKey>> keys;
  /// When the server made it, as the API wrote it ("" when absent), and in epoch ms (ordering
  /// duplicates: the oldest is kept).
  std::string created;
  std::optional<std::int64_t> created_ms;
};

}  // namespace mpctl::model
