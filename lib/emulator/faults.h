#pragma once

#include <cstdint>
#include <mutex>
#include <random>

namespace mpctl::emulator {

enum class FaultKind { kNone, k500, k503, k429, kDrop };
/// "500", "503", "429" or "drop" (stats keys).
const char* FaultName(FaultKind kind);

/// Decides, request by request, whether to inject a fault. Seeded, so the same seed and the
/// same sequence of eligible requests give the same faults. Thread-safe: requests draw in the
/// order they reach Next().
class FaultInjector {
 public:
  FaultInjector(double rate, std::uint64_t seed) : rate_(rate), rng_(seed) {}
  /// The fault for the next eligible request (kNone most of the time).
  FaultKind Next();
  double rate() const { return rate_; }

 private:
  double rate_;
  std::mutex mu_;
  std::mt19937_64 rng_;
};

}  // namespace mpctl::emulator
