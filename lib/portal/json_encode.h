#pragma once

#include <string>
#include <vector>

#include "model/key.h"
#include "model/scope.h"
#include "portal/portal_api.h"

namespace mpctl::portal {

/// The body of POST and PUT /clients: `spec` plus the fixed Maskinporten field set.
std::string EncodeClient(const ClientSpec& spec);
/// {"keys":[...]} with kty, use "sig", alg, kid, n, e of each key (never exp or private parts).
std::string EncodeJwks(const std::vector<model::PublicKey>& keys);
/// The body of POST and PUT /scopes. `reactivate` adds "active": true (PUT).
enum class Reactivate { kNo, kYes };
std::string EncodeScope(const model::DesiredScope& scope, Reactivate reactivate);

}  // namespace mpctl::portal
