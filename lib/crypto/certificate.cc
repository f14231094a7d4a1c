// X.509 chain verification for business certificates (the emulator's x5c check).
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <string>

#include "crypto/keys.h"
#include "crypto/ossl.h"

namespace mpctl::crypto {
namespace {

using internal::X509Ptr;

struct StoreFree {
  void operator()(X509_STORE* store) const { X509_STORE_free(store); }
};
struct StoreCtxFree {
  void operator()(X509_STORE_CTX* ctx) const { X509_STORE_CTX_free(ctx); }
};
struct StackFree {
  void operator()(STACK_OF(X509) * stack) const { sk_X509_pop_free(stack, X509_free); }
};

base::Error Invalid(std::string message) {
  return base::MakeError(base::ErrorCode::kInvalidInput, std::move(message));
}

X509Ptr ReadDer(std::string_view der) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(der.data());
  X509Ptr cert(d2i_X509(nullptr, &bytes, static_cast<long>(der.size())));
  if (!cert || bytes != reinterpret_cast<const unsigned char*>(der.data() + der.size())) {
    internal::ClearErrors();
    return nullptr;
  }
  return cert;
}

// The text of the first subject entry `nid`, or "".
std::string SubjectEntry(const X509* cert, int nid) {
  const X509_NAME* name = X509_get_subject_name(cert);
  int at = X509_NAME_get_index_by_NID(name, nid, -1);
  if (at < 0) return "";
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, at));
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(data)),
                     static_cast<std::size_t>(ASN1_STRING_length(data)));
}

bool IsNineDigits(std::string_view text) {
  if (text.size() != 9) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string CertificateOrgno(const X509* cert) {
  std::string serial = SubjectEntry(cert, NID_serialNumber);
  if (IsNineDigits(serial)) return serial;
  std::string identifier = SubjectEntry(cert, NID_organizationIdentifier);
  constexpr std::string_view kNtr = "NTRNO-";
  if (identifier.rfind(kNtr, 0) == 0 && IsNineDigits(identifier.substr(kNtr.size()))) {
    return identifier.substr(kNtr.size());
  }
  return "";
}

}  // namespace

base::Status CheckCaCertificatePem(std::string_view pem) {
  internal::BioPtr bio = internal::ReadBio(pem);
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  internal::ClearErrors();
  if (!cert) return Invalid("is not a PEM certificate");
  return base::OkStatus();
}

base::Result<CertificateIdentity> VerifyCertificateChain(
    const std::vector<std::string>& chain_der, const std::vector<std::string>& trusted_pems,
    std::int64_t now) {
  if (chain_der.empty()) return Invalid("the certificate chain is empty");
  X509Ptr leaf = ReadDer(chain_der[0]);
  if (!leaf) return Invalid("x5c[0] is not a DER X.509 certificate");
  std::unique_ptr<STACK_OF(X509), StackFree> untrusted(sk_X509_new_null());
  MPCTL_CHECK(untrusted != nullptr);
  for (std::size_t i = 1; i < chain_der.size(); ++i) {
    X509Ptr cert = ReadDer(chain_der[i]);
    if (!cert) return Invalid("x5c[" + std::to_string(i) + "] is not a DER X.509 certificate");
    MPCTL_CHECK(sk_X509_push(untrusted.get(), cert.release()) > 0);
  }
  std::unique_ptr<X509_STORE, StoreFree> store(X509_STORE_new());
  MPCTL_CHECK(store != nullptr);
  for (const std::string& pem : trusted_pems) {
    internal::BioPtr bio = internal::ReadBio(pem);
    X509Ptr ca(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!ca) {
      internal::ClearErrors();
      return Invalid("a trusted certificate authority is not a PEM certificate");
    }
    MPCTL_CHECK(X509_STORE_add_cert(store.get(), ca.get()) == 1);
  }
  std::unique_ptr<X509_STORE_CTX, StoreCtxFree> ctx(X509_STORE_CTX_new());
  MPCTL_CHECK(ctx != nullptr);
  MPCTL_CHECK(X509_STORE_CTX_init(ctx.get(), store.get(), leaf.get(), untrusted.get()) == 1);
  X509_STORE_CTX_set_time(ctx.get(), 0, static_cast<time_t>(now));
  if (X509_verify_cert(ctx.get()) != 1) {
    // The reason describes the chain's standing ("unable to get local issuer certificate"),
    // never its content.
    std::string reason = X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()));
    internal::ClearErrors();
    return Invalid("the certificate chain does not lead to a trusted certificate authority: " +
                   reason);
  }
  EVP_PKEY* pkey = X509_get0_pubkey(leaf.get());
  if (pkey == nullptr) {
    internal::ClearErrors();
    return Invalid("the certificate's public key cannot be read");
  }
  MPCTL_RETURN_IF_ERROR(internal::CheckRsa(pkey));
  return CertificateIdentity{internal::RsaPublicKeyOf(pkey), CertificateOrgno(leaf.get())};
}

}  // namespace mpctl::crypto
