#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace mpctl::base {

/// SHA-256 (FIPS 180-4) for digests of non-secret data: manifest hashes and plan fingerprints.
/// Kept in base so modules that may not use crypto (plan) can hash; not for signatures or keys.
class Sha256 {
 public:
  Sha256();
  /// Feeds more bytes; may be called any number of times before Finish().
  void Update(std::string_view bytes);
  /// The 32-byte digest; the object must not be used afterwards.
  std::array<std::uint8_t, 32> Finish();

 private:
  void Block(const std::uint8_t* block);

  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes fed so far
};

/// Lower-case hex SHA-256 of `bytes` (64 characters).
std::string Sha256Hex(std::string_view bytes);

}  // namespace mpctl::base
