// lib/model: plain value types shared by the manifest, planner, portal and applier.
// No I/O, no JSON, no third-party headers; depends only on base.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace mpctl::model {

/// Largest number of keys a client may hold (portal-api.md §4.2).
inline constexpr int kMaxKeysPerClient = 5;

/// A public RSA signing key as a JWK, plus facts derived from it.
/// Invariant: `n` and `e` are base64url without padding and without leading zero bytes, so two
/// keys hold the same material exactly when `thumbprint` (or n and e) are equal.
/// Never holds private key material.
struct PublicKey {
  std::string kid;
  std::string kty = "RSA";
  std::string alg = "RS256";  // RS256, RS384 or RS512
  std::string use = "sig";
  std::string n;
  std::string e;
  int bits = 0;               // modulus size in bits
  std::string thumbprint;     // RFC 7638 SHA-256, base64url
  /// Live side only: the server's expiry (epoch seconds). The manifest never sets it.
  std::optional<std::int64_t> exp;
  /// Live side only, when the server says: when the key was registered (epoch seconds).
  std::optional<std::int64_t> created;

  bool SameMaterial(const PublicKey& other) const { return n == other.n && e == other.e; }
};

}  // namespace mpctl::model
