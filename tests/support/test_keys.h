// Test support: RSA keys, certificates and PKCS#12 bundles made at run time with OpenSSL, so
// that no test commits a private key. Every function aborts (MPCTL_CHECK) when OpenSSL fails;
// inputs are PEM produced by these functions or by crypto::PrivateKey::ToPem.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mpctl::testing {

/// A new RSA private key of `bits` as PKCS#8 PEM. Any size, also ones lib/crypto refuses.
std::string GenerateRsaPem(int bits = 2048);

/// A new EC P-256 private key as PKCS#8 PEM (for "not RSA" cases).
std::string GenerateEcPem();

/// The private key as PKCS#1 PEM ("-----BEGIN RSA PRIVATE KEY-----").
std::string Pkcs1PrivatePem(std::string_view private_pem);
/// The private key as PKCS#8 DER.
std::string PrivateKeyDer(std::string_view private_pem);
/// Its public key as SPKI PEM ("-----BEGIN PUBLIC KEY-----").
std::string SpkiPem(std::string_view private_pem);
/// Its public key as PKCS#1 PEM ("-----BEGIN RSA PUBLIC KEY-----").
std::string Pkcs1PublicPem(std::string_view private_pem);
/// Its public key as SPKI DER.
std::string SpkiDer(std::string_view private_pem);
/// Its public key as PKCS#1 DER (RSAPublicKey).
std::string Pkcs1PublicDer(std::string_view private_pem);

/// An X.509 v3 certificate (PEM) for the key `subject_key_pem` with subject CN=`subject_cn`,
/// issued (SHA-256) by `issuer_key_pem` as CN=`issuer_cn`, valid from now for `days`.
std::string IssueCertificatePem(std::string_view subject_key_pem, std::string_view subject_cn,
                                std::string_view issuer_key_pem, std::string_view issuer_cn,
                                int days = 365);
/// What else IssueCertificatePem can put into a certificate.
struct CertificateOptions {
  std::string orgno;  // non-empty: subject serialNumber, as Norwegian business certificates
  bool ca = false;    // basicConstraints CA:TRUE (critical), keyUsage keyCertSign and cRLSign
  int days = 365;
};
/// The same with `options`.
std::string IssueCertificatePem(std::string_view subject_key_pem, std::string_view subject_cn,
                                std::string_view issuer_key_pem, std::string_view issuer_cn,
                                const CertificateOptions& options);
/// A self-signed CA certificate (PEM) for `private_pem` as CN=`common_name`.
std::string CaCertificatePem(std::string_view private_pem, std::string_view common_name);

/// A self-signed certificate (PEM) for `private_pem`.
std::string SelfSignedCertificatePem(std::string_view private_pem,
                                     std::string_view common_name = "mpctl test");

/// The decoded body of the first PEM block of `pem` (e.g. a certificate's DER).
std::string PemToDer(std::string_view pem);

/// How MakePkcs12 encrypts: OpenSSL 3's defaults (AES-256-CBC, PBKDF2, SHA-256 MAC), or the
/// legacy scheme of older tools (certificates under 40-bit RC2, key under 3DES, SHA-1 MAC),
/// which OpenSSL 3 only reads with its legacy provider.
enum class Pkcs12Cipher { kDefault, kLegacyRc2 };

/// A PKCS#12 bundle (DER bytes) with the key, its certificate and `ca_pems` (in that order),
/// protected by `password`. kLegacyRc2 is built in a private OpenSSL library context, so it
/// does not load the legacy provider for the code under test.
std::string MakePkcs12(std::string_view private_pem, std::string_view cert_pem,
                       const std::vector<std::string>& ca_pems, std::string_view password,
                       Pkcs12Cipher cipher = Pkcs12Cipher::kDefault);

}  // namespace mpctl::testing
