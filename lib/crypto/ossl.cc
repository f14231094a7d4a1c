#include "crypto/ossl.h"

#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/param_build.h>

#include <string>

#include "base/strings.h"

namespace mpctl::crypto::internal {
namespace {

using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM_free>>;

BnPtr BnFromBytes(std::string_view bytes) {
  return BnPtr(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                         static_cast<int>(bytes.size()), nullptr));
}

std::string BnToBase64Url(const EVP_PKEY* pkey, const char* name) {
  BIGNUM* raw = nullptr;
  MPCTL_CHECK(EVP_PKEY_get_bn_param(pkey, name, &raw) == 1);
  BnPtr bn(raw);
  std::string bytes(static_cast<std::size_t>(BN_num_bytes(bn.get())), '\0');
  BN_bn2bin(bn.get(), reinterpret_cast<unsigned char*>(bytes.data()));
  return base::Base64UrlEncode(bytes);
}

}  // namespace

BioPtr ReadBio(std::string_view data) {
  BioPtr bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
  MPCTL_CHECK(bio != nullptr);
  return bio;
}

std::string BioContents(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

void ClearErrors() { ERR_clear_error(); }

const EVP_MD* DigestForAlg(std::string_view alg) {
  if (alg == "RS256") return EVP_sha256();
  if (alg == "RS384") return EVP_sha384();
  if (alg == "RS512") return EVP_sha512();
  return nullptr;
}

RsaPublicKey RsaPublicKeyOf(const EVP_PKEY* pkey) {
  RsaPublicKey key;
  key.n = BnToBase64Url(pkey, OSSL_PKEY_PARAM_RSA_N);
  key.e = BnToBase64Url(pkey, OSSL_PKEY_PARAM_RSA_E);
  key.bits = EVP_PKEY_get_bits(pkey);
  return key;
}

base::Status CheckRsa(const EVP_PKEY* pkey) {
  if (!EVP_PKEY_is_a(pkey, "RSA")) {
    const char* type = EVP_PKEY_get0_type_name(pkey);
    return base::MakeError(base::ErrorCode::kInvalidInput,
                           std::string("key type '") + (type ? type : "unknown") +
                               "' is not supported; use an RSA key of at least " +
                               std::to_string(kMinRsaBits) + " bits");
  }
  int bits = EVP_PKEY_get_bits(pkey);
  if (bits < kMinRsaBits) {
    return base::MakeError(base::ErrorCode::kInvalidInput, "RSA key of " + std::to_string(bits) +
                                                               " bits is too small; use at least " +
                                                               std::to_string(kMinRsaBits));
  }
  if (bits > kMaxRsaBits) {
    return base::MakeError(base::ErrorCode::kInvalidInput, "RSA key of " + std::to_string(bits) +
                                                               " bits is too large; use at most " +
                                                               std::to_string(kMaxRsaBits));
  }
  return base::OkStatus();
}

PkeyPtr PkeyFromNumbers(std::string_view n, std::string_view e) {
  BnPtr bn_n = BnFromBytes(n);
  BnPtr bn_e = BnFromBytes(e);
  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!bn_n || !bn_e || !bld ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1) {
    ClearErrors();
    return nullptr;
  }
  ParamPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    ClearErrors();
    return nullptr;
  }
  return PkeyPtr(raw);
}

PkeyPtr PkeyFromPublic(const RsaPublicKey& key) {
  auto n = base::Base64Decode(key.n);
  auto e = base::Base64Decode(key.e);
  if (!n || !e || n->empty() || e->empty()) return nullptr;
  return PkeyFromNumbers(*n, *e);
}

namespace {

using DecoderCtxPtr = std::unique_ptr<OSSL_DECODER_CTX, Deleter<OSSL_DECODER_CTX_free>>;

// Refuses every passphrase request, so that decoding never prompts on a terminal.
int NoPassphrase(char*, int, int, void*) { return -1; }

PkeyPtr Decode(std::string_view data, const char* input_type, const char* structure,
               int selection) {
  EVP_PKEY* raw = nullptr;
  DecoderCtxPtr ctx(OSSL_DECODER_CTX_new_for_pkey(&raw, input_type, structure, nullptr, selection,
                                                  nullptr, nullptr));
  if (!ctx || OSSL_DECODER_CTX_set_pem_password_cb(ctx.get(), NoPassphrase, nullptr) != 1) {
    ClearErrors();
    return nullptr;
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  std::size_t size = data.size();
  if (OSSL_DECODER_from_data(ctx.get(), &bytes, &size) != 1) {
    ClearErrors();
    EVP_PKEY_free(raw);
    return nullptr;
  }
  return PkeyPtr(raw);
}

// True when PEM `text` holds an encrypted private key (PKCS#8 or a Proc-Type header).
bool IsEncryptedPem(std::string_view text) {
  return text.find("-----BEGIN ENCRYPTED PRIVATE KEY-----") != std::string_view::npos ||
         text.find("Proc-Type: 4,ENCRYPTED") != std::string_view::npos;
}

}  // namespace

PkeyPtr DecodePublicKey(std::string_view data, const char* input_type, const char* structure) {
  return Decode(data, input_type, structure, EVP_PKEY_PUBLIC_KEY);
}

base::Result<PkeyPtr> DecodePrivateKey(std::string_view data, const char* input_type) {
  if (std::string_view(input_type) == "PEM" && IsEncryptedPem(data)) {
    return base::MakeError(base::ErrorCode::kInvalidInput,
                           "is an encrypted private key; decrypt it first, e.g. with "
                           "'openssl pkey'");
  }
  PkeyPtr pkey = Decode(data, input_type, nullptr, EVP_PKEY_KEYPAIR);
  if (!pkey) {
    return base::MakeError(base::ErrorCode::kInvalidInput, "is not a readable private key");
  }
  return pkey;
}

}  // namespace mpctl::crypto::internal
