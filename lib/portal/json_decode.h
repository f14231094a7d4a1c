#pragma once

#include <string_view>
#include <vector>

#include "base/result.h"
#include "model/client.h"
#include "model/key.h"
#include "model/scope.h"

namespace mpctl::portal {

// Decoders for response bodies. Unknown fields are ignored and null counts as absent; a
// field of the wrong type is an error naming `endpoint` and the field, e.g.
// "GET /api/v1/clients: response field [3].scopes is a string, expected an array".

/// A JSON array of ClientResponse.
base::Result<std::vector<model::LiveClient>> DecodeClients(std::string_view body,
                                                           std::string_view endpoint);
/// One ClientResponse.
base::Result<model::LiveClient> DecodeClient(std::string_view body, std::string_view endpoint);
/// {"keys": [JWK...]}. Each key gets use "sig" when missing, `n`/`e` without leading zero
/// bytes, its modulus size and its RFC 7638 thumbprint.
base::Result<std::vector<model::PublicKey>> DecodeJwks(std::string_view body,
                                                       std::string_view endpoint);
/// A JSON array of Scope, and one Scope.
base::Result<std::vector<model::LiveScope>> DecodeScopes(std::string_view body,
                                                         std::string_view endpoint);
base::Result<model::LiveScope> DecodeScope(std::string_view body, std::string_view endpoint);
/// A JSON array of ScopeAccess.
base::Result<std::vector<model::ScopeAccess>> DecodeAccessList(std::string_view body,
                                                               std::string_view endpoint);

}  // namespace mpctl::portal
