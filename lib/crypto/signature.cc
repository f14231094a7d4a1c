#include "crypto/keys.h"
#include "crypto/ossl.h"

namespace mpctl::crypto {

bool VerifySignature(const RsaPublicKey& key, std::string_view alg, std::string_view data,
                     std::string_view signature) {
  const EVP_MD* md = internal::DigestForAlg(alg);
  internal::PkeyPtr pkey = internal::PkeyFromPublic(key);
  internal::MdCtxPtr ctx(EVP_MD_CTX_new());
  if (md == nullptr || !pkey || !ctx) return false;
  // An RSA key's default padding is RSASSA-PKCS1-v1_5.
  bool ok = EVP_DigestVerifyInit_ex(ctx.get(), nullptr, EVP_MD_get0_name(md), nullptr, nullptr,
                                    pkey.get(), nullptr) == 1 &&
            EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                             signature.size(), reinterpret_cast<const unsigned char*>(data.data()),
                             data.size()) == 1;
  internal::ClearErrors();
  return ok;
}

}  // namespace mpctl::crypto
