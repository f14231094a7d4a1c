#include "emulator/ids.h"

#include "base/strings.h"
#include "crypto/keys.h"

namespace mpctl::emulator {

std::string NewUuid() {
  std::string bytes = crypto::RandomBytes(16);
  bytes[6] = static_cast<char>((bytes[6] & 0x0f) | 0x40);
  bytes[8] = static_cast<char>((bytes[8] & 0x3f) | 0x80);
  std::string hex = base::HexEncode(bytes);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

std::string NewCorrelationId() { return base::HexEncode(crypto::RandomBytes(16)); }

}  // namespace mpctl::emulator
