// lib/crypto internal: RAII holders for OpenSSL objects and the conversions between EVP_PKEY
// and RsaPublicKey that every other file of this module shares. Not for use outside lib/crypto.
#pragma once

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"
#include "crypto/keys.h"

namespace mpctl::crypto::internal {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* p) const {
    Free(p);
  }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;

/// A read-only memory BIO over `data` (which must outlive it).
BioPtr ReadBio(std::string_view data);
/// Everything written to a memory BIO so far.
std::string BioContents(BIO* bio);

/// Empties OpenSSL's thread-local error queue, so that stale errors never leak into a later
/// diagnosis. Messages from the queue are never shown: they may describe the input.
void ClearErrors();

/// The digest for a JWS algorithm name (RS256, RS384, RS512), nullptr for any other.
const EVP_MD* DigestForAlg(std::string_view alg);

/// n and e of an RSA key, normalised (no leading zero bytes), and its size. The key must be
/// RSA (see CheckRsa).
RsaPublicKey RsaPublicKeyOf(const EVP_PKEY* pkey);

/// kInvalidInput unless `pkey` is an RSA key of kMinRsaBits to kMaxRsaBits:
/// "key type 'EC' is not supported; use an RSA key of at least 2048 bits" or
/// "RSA key of 1024 bits is too small; use at least 2048".
base::Status CheckRsa(const EVP_PKEY* pkey);

/// An EVP_PKEY holding the public key (n, e are big-endian bytes, leading zeros allowed).
/// nullptr when OpenSSL refuses the numbers.
PkeyPtr PkeyFromNumbers(std::string_view n, std::string_view e);
/// The same from base64url members; nullptr when they do not decode.
PkeyPtr PkeyFromPublic(const RsaPublicKey& key);

}  // namespace mpctl::crypto::internal

namespace mpctl::crypto {

/// What a PrivateKey holds: never null.
struct PrivateKey::Impl {
  internal::PkeyPtr pkey;
};

}  // namespace mpctl::crypto

namespace mpctl::crypto::internal {

/// Decodes a public key from PEM or DER (`input_type` "PEM" or "DER"); `structure` is
/// "SubjectPublicKeyInfo", "type-specific" (PKCS#1) or nullptr for any. nullptr on failure.
PkeyPtr DecodePublicKey(std::string_view data, const char* input_type, const char* structure);

/// Decodes an unencrypted private key (PKCS#1 or PKCS#8) from PEM or DER. Never prompts for a
/// passphrase. Errors (kInvalidInput, never quoting the input): "is an encrypted private key;
/// decrypt it first, e.g. with 'openssl pkey'" and "is not a readable private key".
base::Result<PkeyPtr> DecodePrivateKey(std::string_view data, const char* input_type);

}  // namespace mpctl::crypto::internal
