// libFuzzer target: key material. The first byte picks the reader: public key in any format
// (PEM, DER, JWK, base64), private key PEM, PKCS#12, certificate DER, base64.
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/secret.h"
#include "base/strings.h"
#include "crypto/keys.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  using namespace mpctl;
  switch (data[0] % 6) {
    case 0:
      (void)crypto::ParsePublicKey(input, crypto::PrivateKeyPolicy::kReject);
      break;
    case 1:
      if (auto key = crypto::ParsePublicKey(input, crypto::PrivateKeyPolicy::kDerivePublic);
          key.ok()) {
        (void)crypto::Thumbprint(key->key);
        (void)crypto::PublicKeyPem(key->key);
      }
      break;
    case 2:
      (void)crypto::PrivateKey::FromPem(base::Secret(std::string(input)), "fuzz.pem");
      break;
    case 3:
      (void)crypto::LoadPkcs12(input, base::Secret(std::string("secret")), "fuzz.p12");
      break;
    case 4:
      (void)crypto::CertificatePublicKey(input);
      break;
    default:
      (void)base::Base64Decode(input);
      break;
  }
  return 0;
}
