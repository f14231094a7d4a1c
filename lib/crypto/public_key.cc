#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cctype>
#include <string>

#include "base/strings.h"
#include "crypto/jwk_reader.h"
#include "crypto/keys.h"
#include "crypto/ossl.h"

namespace mpctl::crypto {
namespace {

using internal::PkeyPtr;
using internal::X509Ptr;

constexpr std::string_view kPrivateKeyMessage = "is a private key; give the public key only";
constexpr std::string_view kUnrecognised =
    "is not a PEM public key, certificate, JWK or base64 of one";

base::Error Invalid(std::string_view message) {
  return base::MakeError(base::ErrorCode::kInvalidInput, std::string(message));
}

// The label of the first PEM block ("PUBLIC KEY"), or "" when it is not a plain label.
std::string FirstPemLabel(std::string_view text) {
  constexpr std::string_view kBegin = "-----BEGIN ";
  std::size_t start = text.find(kBegin);
  if (start == std::string_view::npos) return "";
  start += kBegin.size();
  std::size_t end = text.find("-----", start);
  if (end == std::string_view::npos || end - start > 40) return "";
  std::string label(text.substr(start, end - start));
  for (char c : label) {
    if (!std::isupper(static_cast<unsigned char>(c)) &&
        !std::isdigit(static_cast<unsigned char>(c)) && c != ' ' && c != '#') {
      return "";
    }
  }
  return label;
}

// Checks the key and describes it as read from `format`.
base::Result<ParsedPublicKey> FromPkey(const EVP_PKEY* pkey, KeyFormat format) {
  MPCTL_RETURN_IF_ERROR(internal::CheckRsa(pkey));
  ParsedPublicKey parsed;
  parsed.key = internal::RsaPublicKeyOf(pkey);
  parsed.format = format;
  parsed.was_private = format == KeyFormat::kPrivatePem || format == KeyFormat::kPrivateDer;
  return parsed;
}

base::Result<ParsedPublicKey> FromCertificate(const X509* cert, KeyFormat format) {
  EVP_PKEY* pkey = X509_get0_pubkey(cert);
  if (pkey == nullptr) {
    internal::ClearErrors();
    return Invalid("is a certificate whose public key cannot be read");
  }
  return FromPkey(pkey, format);
}

base::Result<ParsedPublicKey> FromPrivate(std::string_view data, const char* input_type,
                                          KeyFormat format) {
  auto pkey = internal::DecodePrivateKey(data, input_type);
  if (!pkey.ok()) return pkey.error();
  return FromPkey(pkey->get(), format);
}

base::Result<ParsedPublicKey> ParsePem(std::string_view text, PrivateKeyPolicy policy) {
  if (text.find("PRIVATE KEY-----") != std::string_view::npos) {
    if (policy == PrivateKeyPolicy::kReject) return Invalid(kPrivateKeyMessage);
    return FromPrivate(text, "PEM", KeyFormat::kPrivatePem);
  }
  std::string label = FirstPemLabel(text);
  if (label == "PUBLIC KEY" || label == "RSA PUBLIC KEY") {
    bool spki = label == "PUBLIC KEY";
    PkeyPtr pkey =
        internal::DecodePublicKey(text, "PEM", spki ? "SubjectPublicKeyInfo" : "type-specific");
    if (!pkey) return Invalid("is a PEM '" + label + "' block that cannot be read");
    return FromPkey(pkey.get(), spki ? KeyFormat::kPemSpki : KeyFormat::kPemPkcs1);
  }
  if (label == "CERTIFICATE") {
    internal::BioPtr bio = internal::ReadBio(text);
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert) {
      internal::ClearErrors();
      return Invalid("is a PEM certificate that cannot be read");
    }
    return FromCertificate(cert.get(), KeyFormat::kPemCertificate);
  }
  if (label.empty()) return Invalid(kUnrecognised);
  return Invalid("is a PEM '" + label + "' block; give a public key, certificate or JWK");
}

// Runs an OpenSSL d2i_* function over all of `der`; nullptr unless it used every byte
// (trailing bytes mean it was something else that merely starts alike).
template <typename Ptr, typename D2i>
Ptr ReadWholeDer(std::string_view der, D2i d2i) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(der.data());
  Ptr object(d2i(nullptr, &bytes, static_cast<long>(der.size())));
  if (object && bytes != reinterpret_cast<const unsigned char*>(der.data() + der.size())) {
    object.reset();
  }
  if (!object) internal::ClearErrors();
  return object;
}

X509Ptr ReadDerCertificate(std::string_view der) { return ReadWholeDer<X509Ptr>(der, d2i_X509); }

base::Result<ParsedPublicKey> ParseDer(std::string_view der, PrivateKeyPolicy policy) {
  if (X509Ptr cert = ReadDerCertificate(der)) {
    return FromCertificate(cert.get(), KeyFormat::kDerCertificate);
  }
  // d2i_PUBKEY reads SubjectPublicKeyInfo only (the decoder would take PKCS#1 for it too).
  if (PkeyPtr pkey = ReadWholeDer<PkeyPtr>(der, d2i_PUBKEY)) {
    return FromPkey(pkey.get(), KeyFormat::kDerSpki);
  }
  auto pkey = internal::DecodePrivateKey(der, "DER");
  if (!pkey.ok()) return Invalid(kUnrecognised);
  if (policy == PrivateKeyPolicy::kReject) return Invalid(kPrivateKeyMessage);
  return FromPkey(pkey->get(), KeyFormat::kPrivateDer);
}

bool IsPem(std::string_view text) { return text.find("-----BEGIN ") != std::string_view::npos; }

}  // namespace

const char* Describe(KeyFormat format) {
  switch (format) {
    case KeyFormat::kPemSpki:
      return "PEM public key (SPKI)";
    case KeyFormat::kPemPkcs1:
      return "PEM public key (PKCS#1)";
    case KeyFormat::kPemCertificate:
      return "PEM certificate";
    case KeyFormat::kDerSpki:
      return "DER public key (SPKI)";
    case KeyFormat::kDerCertificate:
      return "DER certificate";
    case KeyFormat::kJwk:
      return "JWK";
    case KeyFormat::kPrivatePem:
      return "PEM private key";
    case KeyFormat::kPrivateJwk:
      return "private JWK";
    case KeyFormat::kPrivateDer:
      return "DER private key";
  }
  return "unknown";
}

base::Result<ParsedPublicKey> ParsePublicKey(std::string_view data, PrivateKeyPolicy policy) {
  std::string_view text = base::Trim(data);
  constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";  // Windows editors save one
  if (base::StartsWith(text, kUtf8Bom)) text = base::Trim(text.substr(kUtf8Bom.size()));
  if (text.empty()) return Invalid("is empty; give a PEM public key, certificate or JWK");
  if (text.front() == '{') return internal::ParseJwk(text, policy);
  if (IsPem(text)) return ParsePem(text, policy);
  std::optional<std::string> decoded = base::Base64Decode(text);
  if (!decoded) return ParseDer(data, policy);  // binary: DER as read from a file
  if (decoded->empty()) return Invalid(kUnrecognised);
  // Key vaults export PEM or DER as one base64 string; a JWK may come the same way.
  std::string_view inner = base::Trim(*decoded);
  if (IsPem(inner)) return ParsePem(inner, policy);
  if (!inner.empty() && inner.front() == '{') return ParsePublicKey(inner, policy);
  return ParseDer(*decoded, policy);
}

base::Result<std::string> PublicKeyPem(const RsaPublicKey& key) {
  PkeyPtr pkey = internal::PkeyFromPublic(key);
  if (!pkey) return Invalid("n and e do not form an RSA public key");
  internal::BioPtr bio(BIO_new(BIO_s_mem()));
  MPCTL_CHECK(bio != nullptr);
  if (PEM_write_bio_PUBKEY(bio.get(), pkey.get()) != 1) {
    internal::ClearErrors();
    return base::MakeError(base::ErrorCode::kInternal, "writing a PEM public key failed");
  }
  return internal::BioContents(bio.get());
}

base::Result<RsaPublicKey> CertificatePublicKey(std::string_view der) {
  X509Ptr cert = ReadDerCertificate(der);
  if (!cert) return Invalid("is not a DER X.509 certificate");
  auto parsed = FromCertificate(cert.get(), KeyFormat::kDerCertificate);
  if (!parsed.ok()) return parsed.error();
  return parsed->key;
}

}  // namespace mpctl::crypto
