#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <string>

#include "base/strings.h"
#include "crypto/keys.h"
#include "crypto/ossl.h"

namespace mpctl::crypto {

PrivateKey::PrivateKey(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PrivateKey::PrivateKey(PrivateKey&&) noexcept = default;
PrivateKey& PrivateKey::operator=(PrivateKey&&) noexcept = default;
PrivateKey::~PrivateKey() = default;

namespace {

base::Error Invalid(std::string_view origin, std::string_view message) {
  return base::MakeError(base::ErrorCode::kInvalidInput,
                         std::string(origin) + ": " + std::string(message));
}

}  // namespace

base::Result<PrivateKey> PrivateKey::FromPem(const base::Secret& pem, std::string_view origin) {
  constexpr std::string_view kNotAKey = "is not a private key in PEM, or base64 of PEM or DER";
  std::string_view text = base::Trim(pem.Reveal());
  if (text.empty()) return Invalid(origin, "is empty; give a private key in PEM");
  base::Secret decoded;
  bool is_der = false;
  if (text.find("-----BEGIN ") == std::string_view::npos) {
    std::optional<std::string> bytes = base::Base64Decode(text);
    if (!bytes) return Invalid(origin, kNotAKey);
    decoded = base::Secret(std::move(*bytes));
    text = decoded.Reveal();
    is_der = text.find("-----BEGIN ") == std::string_view::npos;
  }
  if (!is_der && text.find("PRIVATE KEY-----") == std::string_view::npos) {
    bool is_public = text.find("PUBLIC KEY-----") != std::string_view::npos ||
                     text.find("CERTIFICATE-----") != std::string_view::npos;
    return Invalid(origin,
                   is_public ? "holds a public key or certificate, not a private key" : kNotAKey);
  }
  auto pkey = internal::DecodePrivateKey(text, is_der ? "DER" : "PEM");
  if (!pkey.ok()) return Invalid(origin, is_der ? kNotAKey : pkey.error().message);
  base::Status rsa = internal::CheckRsa(pkey->get());
  if (!rsa.ok()) return Invalid(origin, rsa.error().message);
  return PrivateKey(std::make_unique<Impl>(Impl{std::move(*pkey)}));
}

base::Result<PrivateKey> PrivateKey::Generate(int bits) {
  if (bits != 2048 && bits != 3072 && bits != 4096) {
    return base::MakeError(
        base::ErrorCode::kInvalidInput,
        "RSA key size " + std::to_string(bits) + " is not supported; use 2048, 3072 or 4096");
  }
  internal::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), bits) != 1 ||
      EVP_PKEY_generate(ctx.get(), &raw) != 1) {
    internal::ClearErrors();
    return base::MakeError(base::ErrorCode::kInternal, "generating an RSA key failed");
  }
  return PrivateKey(std::make_unique<Impl>(Impl{internal::PkeyPtr(raw)}));
}

RsaPublicKey PrivateKey::Public() const { return internal::RsaPublicKeyOf(impl_->pkey.get()); }

base::Result<std::string> PrivateKey::Sign(std::string_view alg, std::string_view data) const {
  const EVP_MD* md = internal::DigestForAlg(alg);
  if (md == nullptr) {
    return base::MakeError(base::ErrorCode::kInvalidInput,
                           "signature algorithm '" + std::string(alg) +
                               "' is not supported; use RS256, RS384 or RS512");
  }
  internal::MdCtxPtr ctx(EVP_MD_CTX_new());
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  std::size_t size = 0;
  std::string signature;
  // An RSA key's default padding is RSASSA-PKCS1-v1_5.
  bool ok = ctx &&
            EVP_DigestSignInit_ex(ctx.get(), nullptr, EVP_MD_get0_name(md), nullptr, nullptr,
                                  impl_->pkey.get(), nullptr) == 1 &&
            EVP_DigestSign(ctx.get(), nullptr, &size, bytes, data.size()) == 1;
  if (ok) {
    signature.resize(size);
    ok = EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size, bytes,
                        data.size()) == 1;
  }
  if (!ok) {
    internal::ClearErrors();
    return base::MakeError(base::ErrorCode::kInternal,
                           "signing with " + std::string(alg) + " failed");
  }
  signature.resize(size);
  return signature;
}

base::Secret PrivateKey::ToPem() const {
  // Secure-heap memory BIO: the buffer is cleared when freed.
  internal::BioPtr bio(BIO_new(BIO_s_secmem()));
  MPCTL_CHECK(bio != nullptr);
  MPCTL_CHECK(PEM_write_bio_PrivateKey(bio.get(), impl_->pkey.get(), nullptr, nullptr, 0, nullptr,
                                       nullptr) == 1);
  return base::Secret(internal::BioContents(bio.get()));
}

}  // namespace mpctl::crypto
