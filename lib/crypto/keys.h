// lib/crypto: every use of OpenSSL 3 lives here (EVP/OSSL_PARAM APIs only, no RSA_* calls):
// reading public and private key material, JWK conversion, RFC 7638 thumbprints, RS256/384/512
// signatures, SHA-256, PKCS#12, key generation. Depends only on base; knows no model types.
//
// Error messages follow conventions.md §4 (lower case, no final full stop) and never quote
// key material or passwords. Functions that take no `origin` return messages that describe
// the input as a subject, so callers prefix where it came from: "<file>: " + message reads
// "keys/a.pem: is a private key; give the public key only". Functions that take `origin`
// (PrivateKey::FromPem, LoadPkcs12) put it in front themselves: "admin.pem: ...".
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "base/secret.h"

namespace mpctl::crypto {

/// Minimum RSA modulus size accepted anywhere.
inline constexpr int kMinRsaBits = 2048;
/// Larger moduli are refused: no one uses them and they make every operation slow.
inline constexpr int kMaxRsaBits = 16384;

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

/// Parses public key material in any accepted form: PEM (SPKI, PKCS#1, certificate; the first
/// block counts, text around it is ignored), DER (SPKI or certificate), a JWK JSON object, or
/// base64 of PEM, DER or JWK (as key vaults export). `n` and `e` come out normalised.
/// Errors (kInvalidInput), never quoting the input, to be prefixed with "<file>: ":
///   "key type 'EC' is not supported; use an RSA key of at least 2048 bits"
///   "RSA key of 1024 bits is too small; use at least 2048"
///   "is a private key; give the public key only"  (any private PEM/DER/JWK under kReject)
///   "is not a PEM public key, certificate, JWK or base64 of one"
///   "is empty; give a PEM public key, certificate or JWK"
///   "is a PEM 'X509 CRL' block; give a public key, certificate or JWK"
///   "is not valid JSON: ... at byte 13", "is a JWK set; give a single JWK object"
///   "JWK member 'use' is 'enc'; it must be 'sig'" and likewise for kty ('RSA'), alg
///   (RS256, RS384, RS512), kid (a string), n and e ("is missing", "is not base64url").
/// Under kDerivePublic a private key yields its public half with was_private set, but an
/// encrypted one is "is an encrypted private key; decrypt it first, e.g. with 'openssl pkey'".
base::Result<ParsedPublicKey> ParsePublicKey(std::string_view data, PrivateKeyPolicy policy);

/// RFC 7638 SHA-256 thumbprint, base64url without padding.
std::string Thumbprint(const RsaPublicKey& key);

/// The public JWK as compact JSON with members in this order:
/// kty, use ("sig"), alg, kid, n, e (alg and kid omitted when empty).
std::string PublicJwkJson(const RsaPublicKey& key, std::string_view kid, std::string_view alg);

/// The members of that JWK as (name, value) pairs in the same order, for writers of other
/// formats (`mpctl import` emits them as a YAML flow map).
std::vector<std::pair<std::string, std::string>> PublicJwkMembers(const RsaPublicKey& key,
                                                                  std::string_view kid,
                                                                  std::string_view alg);

/// The public key as PEM SPKI ("-----BEGIN PUBLIC KEY-----"); kInvalidInput when n or e are
/// not base64url numbers.
base::Result<std::string> PublicKeyPem(const RsaPublicKey& key);

/// SHA-256 through OpenSSL's EVP interface, the one SHA-256 of the code base: thumbprints,
/// manifest hashes and plan fingerprints. Feed bytes with Update() any number of times, then
/// call Finish() once.
class Sha256Hasher {
 public:
  Sha256Hasher();
  ~Sha256Hasher();
  Sha256Hasher(const Sha256Hasher&) = delete;
  Sha256Hasher& operator=(const Sha256Hasher&) = delete;
  void Update(std::string_view bytes);
  /// The raw 32-byte digest; the hasher must not be used afterwards.
  std::string Finish();

 private:
  struct EvpContext;
  std::unique_ptr<EvpContext> context_;
};

/// Raw SHA-256 digest (32 bytes) and its lower-case hex form.
std::string Sha256(std::string_view data);
std::string Sha256Hex(std::string_view data);

/// Cryptographically random bytes (RAND_bytes); aborts if the system generator fails.
std::string RandomBytes(std::size_t count);

/// Verifies an RSASSA-PKCS1-v1_5 signature; `alg` is RS256, RS384 or RS512.
/// False for a bad signature, an unknown alg or a key that n and e do not form.
bool VerifySignature(const RsaPublicKey& key, std::string_view alg, std::string_view data,
                     std::string_view signature);

struct CertificateBundle;

/// An RSA private key of at least kMinRsaBits. Movable, not copyable; frees the OpenSSL
/// object. A moved-from key may only be assigned to or destroyed.
class PrivateKey {
 public:
  PrivateKey(PrivateKey&&) noexcept;
  PrivateKey& operator=(PrivateKey&&) noexcept;
  ~PrivateKey();

  /// Parses PEM (PKCS#1 "RSA PRIVATE KEY" or PKCS#8 "PRIVATE KEY", unencrypted), or base64
  /// of such a PEM or of its DER. `origin` (a file name or "environment variable X") starts
  /// every error message; the key's content is never quoted. kInvalidInput, e.g.
  ///   "admin.pem: is not a private key in PEM, or base64 of PEM or DER"
  ///   "admin.pem: holds a public key or certificate, not a private key"
  ///   "admin.pem: is an encrypted private key; decrypt it first, e.g. with 'openssl pkey'"
  ///   "admin.pem: is not a readable private key"
  ///   "admin.pem: RSA key of 1024 bits is too small; use at least 2048"
  static base::Result<PrivateKey> FromPem(const base::Secret& pem, std::string_view origin);
  /// A new RSA key of `bits` (2048, 3072 or 4096; else kInvalidInput
  /// "RSA key size 1024 is not supported; use 2048, 3072 or 4096").
  static base::Result<PrivateKey> Generate(int bits);

  RsaPublicKey Public() const;
  /// RSASSA-PKCS1-v1_5 over `data`; `alg` is RS256, RS384 or RS512, else kInvalidInput
  /// "signature algorithm 'PS256' is not supported; use RS256, RS384 or RS512".
  base::Result<std::string> Sign(std::string_view alg, std::string_view data) const;
  /// Unencrypted PKCS#8 PEM.
  base::Secret ToPem() const;

  struct Impl;  // defined in crypto/ossl.h, which only lib/crypto includes

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

/// Reads a PKCS#12 file's bytes with `password`, also legacy (RC2) bundles, for which it
/// loads OpenSSL's legacy provider during the call. The chain is the key's certificate, then
/// the others in file order. Errors (kInvalidInput) start with `origin`, never show the
/// password: "cert.p12: wrong password for this PKCS#12 file", "... is not a PKCS#12 file
/// (.p12 or .pfx)", "... is a PKCS#12 file without a private key" (or "without a
/// certificate", "whose certificate does not match its private key", "that cannot be
/// decrypted or read"), and the key type and size errors of ParsePublicKey.
base::Result<CertificateBundle> LoadPkcs12(std::string_view der, const base::Secret& password,
                                           std::string_view origin);

/// The public key of a DER X.509 certificate. kInvalidInput "is not a DER X.509 certificate",
/// or the key type and size errors of ParsePublicKey (to be prefixed like those).
base::Result<RsaPublicKey> CertificatePublicKey(std::string_view der);

/// What a verified business certificate says: its public key and the organisation number in
/// its subject (serialNumber of nine digits, or organizationIdentifier "NTRNO-" + nine
/// digits, as Norwegian business certificates carry it; "" when neither is there).
struct CertificateIdentity {
  RsaPublicKey key;
  std::string orgno;
};

/// Verifies an X.509 chain, leaf first then intermediates (DER, as decoded from `x5c`),
/// against `trusted_pems` (PEM CA certificates, the only trust anchors) at epoch second
/// `now`. kInvalidInput: "x5c[1] is not a DER X.509 certificate", "the certificate chain
/// does not lead to a trusted certificate authority: <OpenSSL's reason>", and the key type
/// and size errors of ParsePublicKey. A self-signed leaf is refused unless it is a trust anchor.
base::Result<CertificateIdentity> VerifyCertificateChain(
    const std::vector<std::string>& chain_der, const std::vector<std::string>& trusted_pems,
    std::int64_t now);

/// kInvalidInput "is not a PEM certificate" unless `pem` starts a readable PEM certificate.
base::Status CheckCaCertificatePem(std::string_view pem);

}  // namespace mpctl::crypto
