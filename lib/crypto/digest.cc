#include <openssl/evp.h>
#include <openssl/rand.h>

#include "base/check.h"
#include "base/strings.h"
#include "crypto/keys.h"

namespace mpctl::crypto {

struct Sha256Hasher::EvpContext {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~EvpContext() { EVP_MD_CTX_free(ctx); }
};

// EVP failures here mean OpenSSL itself is broken (out of memory, no default provider); there
// is nothing safe to hash with instead, so they stop the program.
Sha256Hasher::Sha256Hasher() : context_(std::make_unique<EvpContext>()) {
  MPCTL_CHECK(context_->ctx != nullptr);
  MPCTL_CHECK(EVP_DigestInit_ex(context_->ctx, EVP_sha256(), nullptr) == 1);
}

Sha256Hasher::~Sha256Hasher() = default;

void Sha256Hasher::Update(std::string_view bytes) {
  MPCTL_CHECK(EVP_DigestUpdate(context_->ctx, bytes.data(), bytes.size()) == 1);
}

std::string Sha256Hasher::Finish() {
  std::string digest(EVP_MAX_MD_SIZE, '\0');
  unsigned int size = 0;
  MPCTL_CHECK(EVP_DigestFinal_ex(context_->ctx, reinterpret_cast<unsigned char*>(digest.data()),
                                 &size) == 1);
  digest.resize(size);
  return digest;
}

std::string Sha256(std::string_view data) {
  Sha256Hasher hasher;
  hasher.Update(data);
  return hasher.Finish();
}

std::string Sha256Hex(std::string_view data) { return base::HexEncode(Sha256(data)); }

std::string RandomBytes(std::size_t count) {
  std::string bytes(count, '\0');
  // A failing system random generator leaves nothing safe to do but stop.
  MPCTL_CHECK(RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) ==
              1);
  return bytes;
}

}  // namespace mpctl::crypto
