// lib/crypto internal: reading a JWK JSON object into a ParsedPublicKey.
#pragma once

#include <string_view>

#include "base/result.h"
#include "crypto/keys.h"

namespace mpctl::crypto::internal {

/// Parses one JWK (a JSON object). Checks kty ('RSA'), n and e (base64url), use ('sig'), alg
/// (RS256/RS384/RS512), kid (a string) and private members (d, p, q, dp, dq, qi) under
/// `policy`, and the RSA size (CheckRsa). Errors are kInvalidInput and name the member,
/// never the value of n, e or a private member.
base::Result<ParsedPublicKey> ParseJwk(std::string_view json, PrivateKeyPolicy policy);

}  // namespace mpctl::crypto::internal
