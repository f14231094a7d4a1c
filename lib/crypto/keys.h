// lib/crypto: every use of OpenSSL 3 lives here (EVP/OSSL_PARAM APIs only, no RSA_* calls):
// reading public and private key material, JWK conversion, RFC 7638 thumbprints, RS256/384/512
// signatures, SHA-256, PKCS#12, key generation. Depends only on base; knows no model types.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/secret.h"

namespace mpctl::crypto {

/// Minimum RSA modulus size accepted anywhere.
inline constexpr int kMinRsaBits = 2048;

/// An RSA public key in JWK terms. Invariant: `n` and `e` are base64url without padding and
/// without leading zero bytes; `bits` is the modulus size.
struct RsaPublicKey {
  std::string n;
  std::string e;
  int bits = 0;
};

/// What a piece of key material turned out to be.
enum class KeyFormat {
  kPemSpki,         // -----BEGIN PUBLIC KEY-----
  kPemPkcs1,        // -----BEGIN RSA PUBLIC KEY-----
  kPemCertificate,  // -----BEGIN CERTIFICATE----- (its public key)
  kDerSpki,         // DER SubjectPublicKeyInfo (e.g. base64 of DER from a key vault)
  kDerCertificate,  // DER X.509 certificate
  kJwk,             // a JWK JSON object
  kPrivatePem,      // a private key PEM (only with PrivateKeyPolicy::kDerivePublic)
  kPrivateJwk,      // a JWK with private members (only with kDerivePublic)
  kPrivateDer,      // DER private key, PKCS#1 or PKCS#8 (only with kDerivePublic)
};
/// A short human name, e.g. "PEM public key (SPKI)".
const char* Describe(KeyFormat format);

enum class PrivateKeyPolicy {
  kReject,        // a private key is an error (manifest `keys:`)
  kDerivePublic,  // use its public half and say so (`mpctl keys inspect`)
};

/// Public key material parsed from user input.
struct ParsedPublicKey {
  RsaPublicKey key;
  KeyFormat format = KeyFormat::kPemSpki;
  bool was_private = false;  // input held private material (only with kDerivePublic)
  std::string jwk_kid;       // "kid" of a JWK input, empty otherwise
  std::string jwk_alg;       // "alg" of a JWK input, empty otherwise
  std::string jwk_use;       // "use" of a JWK input, empty otherwise
};

/// Parses public key material in any accepted form: PEM (SPKI, PKCS#1, certificate), DER
/// (SPKI or certificate), a JWK JSON object, or base64 of PEM or DER (as key vaults export).
/// Errors (kInvalidInput), never quoting the input: not RSA; RSA smaller than kMinRsaBits
/// ("RSA key of 1024 bits is too small; use at least 2048"); private material under kReject
/// ("is a private key; give the public key only"); unrecognised ("is not a PEM public key,
/// certificate, JWK or base64 of one"); a JWK with bad members (named).
base::Result<ParsedPublicKey> ParsePublicKey(std::string_view data, PrivateKeyPolicy policy);

/// RFC 7638 SHA-256 thumbprint, base64url without padding.
std::string Thumbprint(const RsaPublicKey& key);

/// The public JWK as compact JSON with members in this order:
/// kty, use, alg, kid, n, e (kid omitted when empty).
std::string PublicJwkJson(const RsaPublicKey& key, std::string_view kid, std::string_view alg);

/// The public key as PEM SPKI ("-----BEGIN PUBLIC KEY-----").
base::Result<std::string> PublicKeyPem(const RsaPublicKey& key);

/// Raw SHA-256 digest (32 bytes) and its lower-case hex form.
std::string Sha256(std::string_view data);
std::string Sha256Hex(std::string_view data);

/// Cryptographically random bytes.
std::string RandomBytes(std::size_t count);

/// Verifies an RSASSA-PKCS1-v1_5 signature; `alg` is RS256, RS384 or RS512.
/// False for a bad signature or an unknown alg.
bool VerifySignature(const RsaPublicKey& key, std::string_view alg, std::string_view data,
                     std::string_view signature);

struct CertificateBundle;

/// An RSA private key. Movable, not copyable; frees the OpenSSL object.
class PrivateKey {
 public:
  PrivateKey(PrivateKey&&) noexcept;
  PrivateKey& operator=(PrivateKey&&) noexcept;
  ~PrivateKey();

  /// Parses PEM (PKCS#1 "RSA PRIVATE KEY" or PKCS#8 "PRIVATE KEY", unencrypted), or base64
  /// of such a PEM. `origin` (a file name or "environment variable X") names the input in
  /// errors; the key's content is never quoted.
  static base::Result<PrivateKey> FromPem(const base::Secret& pem, std::string_view origin);
  /// A new RSA key of `bits` (2048, 3072 or 4096).
  static base::Result<PrivateKey> Generate(int bits);

  RsaPublicKey Public() const;
  /// RSASSA-PKCS1-v1_5 over `data`; `alg` is RS256, RS384 or RS512.
  base::Result<std::string> Sign(std::string_view alg, std::string_view data) const;
  /// Unencrypted PKCS#8 PEM.
  base::Secret ToPem() const;

  struct Impl;

 private:
  friend base::Result<CertificateBundle> LoadPkcs12(std::string_view der,
                                                    const base::Secret& password,
                                                    std::string_view origin);
  explicit PrivateKey(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// A business certificate bundle: the private key and the chain, leaf first, as DER.
struct CertificateBundle {
  PrivateKey key;
  std::vector<std::string> chain_der;
};

/// Reads a PKCS#12 file's bytes with `password`. Errors name `origin`, never the password:
/// wrong password, no private key, no certificate, not RSA.
base::Result<CertificateBundle> LoadPkcs12(std::string_view der, const base::Secret& password,
                                           std::string_view origin);

/// The public key of a DER X.509 certificate.
base::Result<RsaPublicKey> CertificatePublicKey(std::string_view der);

}  // namespace mpctl::crypto
