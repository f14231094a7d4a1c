// Test support: a LiveState from JSON, so golden tests can state what the portal holds as a
// file. Test code only; the product reads the portal (lib/portal) instead.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "base/result.h"
#include "model/state.h"

namespace mpctl::testing {

/// live.json: {"<env>": {"organization", "clients", "owned_scopes", "granted_access",
/// "public_scopes", "access_to_us", "scopes_read"}}. A client's "keys" are
/// [{"kid", "key_file", "alg", "exp", "created"}], `key_file` naming a public key under
/// `key_dir` (read with lib/crypto, so material and thumbprint match the manifest's).
base::Result<std::map<std::string, model::LiveState>> ReadLiveJson(
    std::string_view text, const std::filesystem::path& key_dir);

}  // namespace mpctl::testing
