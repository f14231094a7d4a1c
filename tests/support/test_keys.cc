#include "support/test_keys.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/encoder.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <utility>

#include "base/check.h"

namespace mpctl::testing {
namespace {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* p) const {
    Free(p);
  }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;

BioPtr ReadBio(std::string_view data) {
  BioPtr bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
  MPCTL_CHECK(bio != nullptr);
  return bio;
}

PkeyPtr ReadPrivate(std::string_view pem) {
  BioPtr bio = ReadBio(pem);
  PkeyPtr pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  MPCTL_CHECK(pkey != nullptr);
  return pkey;
}

X509Ptr ReadCertificate(std::string_view pem) {
  BioPtr bio = ReadBio(pem);
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  MPCTL_CHECK(cert != nullptr);
  return cert;
}

// Encodes the key with OSSL_ENCODER: `selection` EVP_PKEY_PUBLIC_KEY or EVP_PKEY_KEYPAIR,
// `type` "PEM" or "DER", `structure` e.g. "SubjectPublicKeyInfo" or "type-specific".
std::string Encode(std::string_view private_pem, int selection, const char* type,
                   const char* structure) {
  PkeyPtr pkey = ReadPrivate(private_pem);
  std::unique_ptr<OSSL_ENCODER_CTX, Deleter<OSSL_ENCODER_CTX_free>> ctx(
      OSSL_ENCODER_CTX_new_for_pkey(pkey.get(), selection, type, structure, nullptr));
  MPCTL_CHECK(ctx != nullptr);
  unsigned char* data = nullptr;
  std::size_t size = 0;
  MPCTL_CHECK(OSSL_ENCODER_to_data(ctx.get(), &data, &size) == 1);
  std::string out(reinterpret_cast<const char*>(data), size);
  OPENSSL_free(data);
  return out;
}

void SetCommonName(X509_NAME* name, std::string_view cn) {
  MPCTL_CHECK(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                         reinterpret_cast<const unsigned char*>(cn.data()),
                                         static_cast<int>(cn.size()), -1, 0) == 1);
}

}  // namespace

std::string GenerateRsaPem(int bits) {
  std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>> ctx(
      EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* raw = nullptr;
  MPCTL_CHECK(ctx != nullptr && EVP_PKEY_keygen_init(ctx.get()) == 1 &&
              EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), bits) == 1 &&
              EVP_PKEY_generate(ctx.get(), &raw) == 1);
  PkeyPtr pkey(raw);
  BioPtr bio(BIO_new(BIO_s_mem()));
  MPCTL_CHECK(
      PEM_write_bio_PrivateKey(bio.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string GenerateEcPem() {
  PkeyPtr pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  MPCTL_CHECK(pkey != nullptr);
  BioPtr bio(BIO_new(BIO_s_mem()));
  MPCTL_CHECK(
      PEM_write_bio_PrivateKey(bio.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string Pkcs1PrivatePem(std::string_view private_pem) {
  return Encode(private_pem, EVP_PKEY_KEYPAIR, "PEM", "type-specific");
}

std::string PrivateKeyDer(std::string_view private_pem) {
  return Encode(private_pem, EVP_PKEY_KEYPAIR, "DER", "PrivateKeyInfo");
}

std::string SpkiPem(std::string_view private_pem) {
  return Encode(private_pem, EVP_PKEY_PUBLIC_KEY, "PEM", "SubjectPublicKeyInfo");
}

std::string Pkcs1PublicPem(std::string_view private_pem) {
  return Encode(private_pem, EVP_PKEY_PUBLIC_KEY, "PEM", "type-specific");
}

std::string SpkiDer(std::string_view private_pem) {
  return Encode(private_pem, EVP_PKEY_PUBLIC_KEY, "DER", "SubjectPublicKeyInfo");
}

std::string Pkcs1PublicDer(std::string_view private_pem) {
  return Encode(private_pem, EVP_PKEY_PUBLIC_KEY, "DER", "type-specific");
}

std::string IssueCertificatePem(std::string_view subject_key_pem, std::string_view subject_cn,
                                std::string_view issuer_key_pem, std::string_view issuer_cn,
                                int days) {
  CertificateOptions options;
  options.days = days;
  return IssueCertificatePem(subject_key_pem, subject_cn, issuer_key_pem, issuer_cn, options);
}

std::string CaCertificatePem(std::string_view private_pem, std::string_view common_name) {
  CertificateOptions options;
  options.ca = true;
  return IssueCertificatePem(private_pem, common_name, private_pem, common_name, options);
}

std::string IssueCertificatePem(std::string_view subject_key_pem, std::string_view subject_cn,
                                std::string_view issuer_key_pem, std::string_view issuer_cn,
                                const CertificateOptions& options) {
  int days = options.days;
  PkeyPtr subject_key = ReadPrivate(subject_key_pem);
  PkeyPtr issuer_key = ReadPrivate(issuer_key_pem);
  X509Ptr cert(X509_new());
  MPCTL_CHECK(cert != nullptr);
  // A random serial (RFC 5280 allows up to 20 octets), so issued certificates never collide.
  std::unique_ptr<BIGNUM, Deleter<BN_free>> serial(BN_new());
  MPCTL_CHECK(serial != nullptr && BN_rand(serial.get(), 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY));
  MPCTL_CHECK(X509_set_version(cert.get(), X509_VERSION_3) == 1);
  MPCTL_CHECK(BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) != nullptr);
  MPCTL_CHECK(X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0) != nullptr);
  MPCTL_CHECK(X509_gmtime_adj(X509_getm_notAfter(cert.get()), 86400L * days) != nullptr);
  MPCTL_CHECK(X509_set_pubkey(cert.get(), subject_key.get()) == 1);
  SetCommonName(X509_get_subject_name(cert.get()), subject_cn);
  if (!options.orgno.empty()) {
    MPCTL_CHECK(X509_NAME_add_entry_by_NID(
                    X509_get_subject_name(cert.get()), NID_serialNumber, MBSTRING_ASC,
                    reinterpret_cast<const unsigned char*>(options.orgno.data()),
                    static_cast<int>(options.orgno.size()), -1, 0) == 1);
  }
  std::unique_ptr<X509_NAME, Deleter<X509_NAME_free>> issuer(X509_NAME_new());
  SetCommonName(issuer.get(), issuer_cn);
  MPCTL_CHECK(X509_set_issuer_name(cert.get(), issuer.get()) == 1);
  if (options.ca) {
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    for (auto [nid, value] : {std::pair{NID_basic_constraints, "critical,CA:TRUE"},
                              std::pair{NID_key_usage, "critical,keyCertSign,cRLSign"}}) {
      X509_EXTENSION* ext = X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value);
      MPCTL_CHECK(ext != nullptr);
      MPCTL_CHECK(X509_add_ext(cert.get(), ext, -1) == 1);
      X509_EXTENSION_free(ext);
    }
  }
  MPCTL_CHECK(X509_sign(cert.get(), issuer_key.get(), EVP_sha256()) > 0);
  BioPtr bio(BIO_new(BIO_s_mem()));
  MPCTL_CHECK(PEM_write_bio_X509(bio.get(), cert.get()) == 1);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string SelfSignedCertificatePem(std::string_view private_pem, std::string_view common_name) {
  return IssueCertificatePem(private_pem, common_name, private_pem, common_name);
}

std::string PemToDer(std::string_view pem) {
  BioPtr bio = ReadBio(pem);
  char* name = nullptr;
  char* header = nullptr;
  unsigned char* data = nullptr;
  long size = 0;
  MPCTL_CHECK(PEM_read_bio(bio.get(), &name, &header, &data, &size) == 1);
  std::string der(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
  OPENSSL_free(name);
  OPENSSL_free(header);
  OPENSSL_free(data);
  return der;
}

std::string MakePkcs12(std::string_view private_pem, std::string_view cert_pem,
                       const std::vector<std::string>& ca_pems, std::string_view password,
                       Pkcs12Cipher cipher) {
  PkeyPtr pkey = ReadPrivate(private_pem);
  X509Ptr cert = ReadCertificate(cert_pem);
  STACK_OF(X509)* ca = sk_X509_new_null();
  MPCTL_CHECK(ca != nullptr);
  for (const auto& pem : ca_pems) MPCTL_CHECK(sk_X509_push(ca, ReadCertificate(pem).release()) > 0);
  std::string pass(password);
  std::unique_ptr<OSSL_LIB_CTX, Deleter<OSSL_LIB_CTX_free>> libctx;
  OSSL_PROVIDER* providers[2] = {nullptr, nullptr};
  int nid_key = 0;
  int nid_cert = 0;
  int mac_iter = 0;
  if (cipher == Pkcs12Cipher::kLegacyRc2) {
    libctx.reset(OSSL_LIB_CTX_new());
    MPCTL_CHECK(libctx != nullptr);
    providers[0] = OSSL_PROVIDER_load(libctx.get(), "default");
    providers[1] = OSSL_PROVIDER_load(libctx.get(), "legacy");
    MPCTL_CHECK(providers[0] != nullptr && providers[1] != nullptr);
    nid_key = NID_pbe_WithSHA1And3_Key_TripleDES_CBC;
    nid_cert = NID_pbe_WithSHA1And40BitRC2_CBC;
    mac_iter = 1;
  }
  PKCS12* p12 = PKCS12_create_ex(pass.c_str(), "mpctl test", pkey.get(), cert.get(), ca, nid_key,
                                 nid_cert, 0, mac_iter, 0, libctx.get(), nullptr);
  sk_X509_pop_free(ca, X509_free);
  MPCTL_CHECK(p12 != nullptr);
  unsigned char* der = nullptr;
  int size = i2d_PKCS12(p12, &der);
  PKCS12_free(p12);
  MPCTL_CHECK(size > 0);
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(size));
  OPENSSL_free(der);
  for (OSSL_PROVIDER* provider : providers) {
    if (provider != nullptr) OSSL_PROVIDER_unload(provider);
  }
  return out;
}

}  // namespace mpctl::testing
