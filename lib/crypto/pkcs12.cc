#include <openssl/crypto.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>

#include <string>

#include "crypto/keys.h"
#include "crypto/ossl.h"

namespace mpctl::crypto {
namespace {

using Pkcs12Ptr = std::unique_ptr<PKCS12, internal::Deleter<PKCS12_free>>;

struct CertStackFree {
  void operator()(STACK_OF(X509) * stack) const { sk_X509_pop_free(stack, X509_free); }
};
using CertStackPtr = std::unique_ptr<STACK_OF(X509), CertStackFree>;

// A NUL-terminated copy of a password, wiped when it goes out of scope.
class PasswordCopy {
 public:
  explicit PasswordCopy(const base::Secret& password) : text_(password.Reveal()) {}
  ~PasswordCopy() { OPENSSL_cleanse(text_.data(), text_.size()); }
  PasswordCopy(const PasswordCopy&) = delete;
  PasswordCopy& operator=(const PasswordCopy&) = delete;
  const char* c_str() const { return text_.c_str(); }
  int size() const { return static_cast<int>(text_.size()); }

 private:
  std::string text_;
};

base::Error Invalid(std::string_view origin, std::string_view message) {
  return base::MakeError(base::ErrorCode::kInvalidInput,
                         std::string(origin) + ": " + std::string(message));
}

bool PasswordOpens(PKCS12* p12, const PasswordCopy& password) {
  if (!PKCS12_mac_present(p12)) return true;
  // An empty password may have been stored as "no password" (RFC 7292 leaves it open).
  bool ok = PKCS12_verify_mac(p12, password.c_str(), password.size()) == 1 ||
            (password.size() == 0 && PKCS12_verify_mac(p12, nullptr, 0) == 1);
  internal::ClearErrors();
  return ok;
}

struct Parsed {
  internal::PkeyPtr key;
  internal::X509Ptr cert;
  CertStackPtr chain;
};

bool Parse(PKCS12* p12, const PasswordCopy& password, Parsed& out) {
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* chain = nullptr;
  if (PKCS12_parse(p12, password.c_str(), &key, &cert, &chain) != 1) {
    internal::ClearErrors();
    return false;
  }
  out = Parsed{internal::PkeyPtr(key), internal::X509Ptr(cert), CertStackPtr(chain)};
  return true;
}

// Older bundles encrypt with RC2 or similar, which OpenSSL 3 keeps in its legacy provider.
// It is loaded (next to the default provider) only for such a bundle, and unloaded after.
bool ParseWithLegacyProvider(PKCS12* p12, const PasswordCopy& password, Parsed& out) {
  OSSL_PROVIDER* legacy = OSSL_PROVIDER_try_load(nullptr, "legacy", 1);
  if (legacy == nullptr) {
    internal::ClearErrors();
    return false;
  }
  bool ok = Parse(p12, password, out);
  OSSL_PROVIDER_unload(legacy);
  return ok;
}

std::string ToDer(X509* cert) {
  unsigned char* der = nullptr;
  int size = i2d_X509(cert, &der);
  MPCTL_CHECK(size > 0);
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(size));
  OPENSSL_free(der);
  return out;
}

}  // namespace

base::Result<CertificateBundle> LoadPkcs12(std::string_view der, const base::Secret& password,
                                           std::string_view origin) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(der.data());
  Pkcs12Ptr p12(d2i_PKCS12(nullptr, &bytes, static_cast<long>(der.size())));
  if (!p12) {
    internal::ClearErrors();
    return Invalid(origin, "is not a PKCS#12 file (.p12 or .pfx)");
  }
  PasswordCopy pass(password);
  if (!PasswordOpens(p12.get(), pass)) {
    return Invalid(origin, "wrong password for this PKCS#12 file");
  }
  Parsed parsed;
  if (!Parse(p12.get(), pass, parsed) && !ParseWithLegacyProvider(p12.get(), pass, parsed)) {
    return Invalid(origin, "is a PKCS#12 file that cannot be decrypted or read");
  }
  if (!parsed.key) return Invalid(origin, "is a PKCS#12 file without a private key");
  if (!parsed.cert) return Invalid(origin, "is a PKCS#12 file without a certificate");
  base::Status rsa = internal::CheckRsa(parsed.key.get());
  if (!rsa.ok()) return Invalid(origin, rsa.error().message);
  if (X509_check_private_key(parsed.cert.get(), parsed.key.get()) != 1) {
    internal::ClearErrors();
    return Invalid(origin, "is a PKCS#12 file whose certificate does not match its private key");
  }
  std::vector<std::string> chain_der = {ToDer(parsed.cert.get())};
  for (int i = 0; parsed.chain && i < sk_X509_num(parsed.chain.get()); ++i) {
    chain_der.push_back(ToDer(sk_X509_value(parsed.chain.get(), i)));
  }
  return CertificateBundle{
      PrivateKey(std::make_unique<PrivateKey::Impl>(PrivateKey::Impl{std::move(parsed.key)})),
      std::move(chain_der)};
}

}  // namespace mpctl::crypto
