#include <openssl/evp.h>
#include <openssl/rand.h>

#include "base/check.h"
#include "base/strings.h"
#include "crypto/keys.h"

namespace mpctl::crypto {

std::string Sha256(std::string_view data) {
  std::string digest(EVP_MAX_MD_SIZE, '\0');
  unsigned int size = 0;
  MPCTL_CHECK(EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(digest.data()),
                         &size, EVP_sha256(), nullptr) == 1);
  digest.resize(size);
  return digest;
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
