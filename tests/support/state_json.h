// Test support: DesiredState and LiveState from JSON, so golden and property tests can state
// their inputs as files. Test code only; the product reads manifests (lib/manifest) and the
// portal (lib/portal) instead.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "model/state.h"
#include "planner/diff.h"

namespace mpctl::testing {

/// desired.json: {"environments": [{"environment": {name, organization, api_url}, "owner",
/// "clients": [...], "scopes": [...]}], "options": {"prune", "now", "protected_clients",
/// "protected_scopes", "show_unmanaged"}}. Clients and scopes are sorted as the loader would.
struct DesiredFile {
  std::vector<model::DesiredState> environments;
  planner::DiffOptions options;
  bool show_unmanaged = false;
};
base::Result<DesiredFile> ReadDesiredJson(std::string_view text);

/// live.json: {"<env>": {"organization", "clients", "owned_scopes", "granted_access",
/// "public_scopes", "access_to_us", "scopes_read"}}.
base::Result<std::map<std::string, model::LiveState>> ReadLiveJson(std::string_view text);

}  // namespace mpctl::testing
